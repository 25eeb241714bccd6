export { ConfigError, type ConfigIssue } from "./config-error";
export { parseConfig, loadConfig, type Env } from "./parse-config";
export { commaList, booleanString, port } from "./schema-helpers";
export { baseConfigSchema, logLevels, type BaseConfig } from "./base-config";
