/**
 * The finance service, declared once: what `startService` boots (main.ts, server.ts) and what its
 * tests build (test/harness.ts, which hands the app a stand-in for the tenant service).
 */
import { join } from "node:path";
import { defineService, verifiedAccessTokens } from "@erp/service-kit";
import { createApp } from "./app";
import { tenantDirectory } from "./clients/tenant-directory";
import { configSchema } from "./config";
import { CONSUMER_GROUP, handlers } from "./consumers";
import { PrismaClient } from "./generated/prisma/client";
import { serviceNames } from "./service-names";

export const financeService = defineService(PrismaClient, {
  ...serviceNames,
  config: configSchema,
  port: (config) => config.FINANCE_PORT,
  migrationsDir: join(__dirname, "..", "prisma", "migrations"),
  consumers: { group: CONSUMER_GROUP, handlers },
  createApp: (context) =>
    createApp({
      ...context,
      authenticate: verifiedAccessTokens(context),
      directory: tenantDirectory({
        baseUrl: context.config.TENANT_URL,
        internalApiKey: context.config.INTERNAL_API_KEY,
        timeoutMs: context.config.TENANT_TIMEOUT_MS,
      }),
    }),
});
