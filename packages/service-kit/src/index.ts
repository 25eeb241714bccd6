export { serviceConfigSchema, type ServiceConfig } from "./service-config";
export {
  defineService,
  type ServiceDeclaration,
  type BackgroundTask,
  type BuiltApp,
  type DatabaseContext,
  type ServiceConsumers,
  type ServiceContext,
  type ServiceDescriptor,
} from "./descriptor";
export { startService, runService, type StartServiceOptions } from "./start-service";
export { every, type EveryOptions } from "./every";
export { verifiedAccessTokens } from "./access-tokens";
export { serviceIdempotency } from "./idempotency";
export { createServiceAppFor, type ServiceAppConfig, type ServiceAppDependencies, type ServiceAppFor } from "./service-app";
