/**
 * The users service, declared once: what `startService` boots (main.ts, server.ts) and what its
 * tests build (test/harness.ts).
 */
import { join } from "node:path";
import { defineService, verifiedAccessTokens } from "@erp/service-kit";
import { createApp } from "./app";
import { createAuthClient } from "./clients/auth-client";
import { configSchema } from "./config";
import { PrismaClient } from "./generated/prisma/client";
import { serviceNames } from "./service-names";

export const userService = defineService(PrismaClient, {
  // user (singular) serving the users schema and path: see service-names.ts.
  ...serviceNames,
  config: configSchema,
  port: (config) => config.USER_PORT,
  migrationsDir: join(__dirname, "..", "prisma", "migrations"),
  createApp: (context) =>
    createApp({
      ...context,
      authenticate: verifiedAccessTokens(context),
      auth: createAuthClient({
        baseUrl: context.config.AUTH_URL,
        internalApiKey: context.config.INTERNAL_API_KEY,
        timeoutMs: context.config.AUTH_TIMEOUT_MS,
      }),
    }),
});
