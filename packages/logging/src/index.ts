export { createLogger, type Logger, type LoggerOptions, type LogFormat } from "./create-logger";
export {
  requestContext,
  runWithContext,
  getRequestContext,
  setRequestContext,
  type RequestContext,
} from "./request-context";
export { maskUrl } from "./mask-url";
