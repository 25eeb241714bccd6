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

export const userService = defineService(PrismaClient, {
  // Singular, like every service's name: `services/user`, its logs, its Kafka client id and
  // consumer group, the `user` actor of its internal calls, USER_PORT and USER_URL.
  name: "user",
  // Plural, as created before the names were fixed: renaming means a migration of every table
  // (and of recorded `_prisma_migrations`) for the schema, a breaking change for the paths.
  schema: "users",
  basePath: "/api/v1/users",
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
