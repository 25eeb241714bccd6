/**
 * The master-data service, declared once: what `startService` boots (main.ts, server.ts) and what
 * its tests build (test/harness.ts).
 */
import { join } from "node:path";
import { defineService, verifiedAccessTokens } from "@erp/service-kit";
import { createApp } from "./app";
import { configSchema } from "./config";
import { CONSUMER_GROUP, handlers } from "./consumers";
import { PrismaClient } from "./generated/prisma/client";
import { serviceNames } from "./service-names";

export const masterDataService = defineService(PrismaClient, {
  ...serviceNames,
  config: configSchema,
  port: (config) => config.MASTER_DATA_PORT,
  migrationsDir: join(__dirname, "..", "prisma", "migrations"),
  consumers: { group: CONSUMER_GROUP, handlers },
  createApp: (context) => createApp({ ...context, authenticate: verifiedAccessTokens(context) }),
});
