/** The variables every service reads; services `.extend()` this with their own. */
import { z } from "zod";
import { commaList } from "./schema-helpers";

export const logLevels = ["error", "warn", "info", "http", "verbose", "debug", "silly"] as const;

export const baseConfigSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    LOG_LEVEL: z.enum(logLevels).default("info"),
    LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
    /**
     * The address a service listens on. Loopback by default, so only the gateway (and whatever
     * runs on the same host) reaches a service; the container image sets 0.0.0.0.
     */
    HOST: z.string().trim().min(1).default("127.0.0.1"),
    CORS_ORIGINS: commaList.default([]),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)?$/i, "Expected a size such as 100kb or 1mb")
      .default("1mb"),
    INTERNAL_API_KEY: z.string().min(16),
  })
  // The LOG_FORMAT default depends on NODE_ENV, which a field default cannot see. `overwrite`
  // keeps this a ZodObject, so services can still `.extend()` it.
  .overwrite((config) => ({
    ...config,
    LOG_FORMAT: config.LOG_FORMAT ?? (config.NODE_ENV === "development" ? "pretty" : "json"),
  }));

export type BaseConfig = z.output<typeof baseConfigSchema>;
