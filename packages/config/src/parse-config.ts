/** Parses the environment once, at start-up, into a typed config object. */
import type { z } from "zod";
import { ConfigError, type ConfigIssue } from "./config-error";

export type Env = Record<string, string | undefined>;

export function parseConfig<S extends z.ZodType>(schema: S, env: Env = process.env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => toConfigIssue(issue, env)));
}

/** `parseConfig`, but a bad environment ends the process with exit code 1 and one readable line. */
export function loadConfig<S extends z.ZodType>(schema: S, env: Env = process.env): z.output<S> {
  try {
    return parseConfig(schema, env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}

function toConfigIssue(issue: z.core.$ZodIssue, env: Env): ConfigIssue {
  const variable = issue.path.map(String).join(".") || "(environment)";
  // zod's "expected string, received undefined" hides the usual cause: the variable is not set.
  const missing = issue.code === "invalid_type" && issue.path.length === 1 && env[String(issue.path[0])] === undefined;
  return { variable, message: missing ? "Required" : issue.message };
}
