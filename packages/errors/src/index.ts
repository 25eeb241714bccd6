export {
  AppError,
  notFound,
  forbidden,
  conflict,
  invalidState,
  unprocessable,
  unauthenticated,
  badRequest,
  type ErrorDetail,
} from "./app-error";
