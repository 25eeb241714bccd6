/**
 * The tenant service, declared once: what `startService` boots (main.ts, server.ts) and what its
 * tests build (test/harness.ts).
 */
import { join } from "node:path";
import { defineService, every, verifiedAccessTokens } from "@erp/service-kit";
import { createApp } from "./app";
import { configSchema } from "./config";
import { CONSUMER_GROUP, handlers } from "./consumers";
import { PrismaClient } from "./generated/prisma/client";
import { sweepPendingOrganizations } from "./modules/organizations/sweep-pending-organizations";
import { serviceNames } from "./service-names";

export const tenantService = defineService(PrismaClient, {
  ...serviceNames,
  config: configSchema,
  port: (config) => config.TENANT_PORT,
  migrationsDir: join(__dirname, "..", "prisma", "migrations"),
  consumers: { group: CONSUMER_GROUP, handlers },
  createApp: (context) => createApp({ ...context, authenticate: verifiedAccessTokens(context) }),
  background: ({ config, db, logger }) => [
    // Registrations that crashed between create and activate leave pending organizations behind.
    every(config.PENDING_SWEEP_INTERVAL_MS, () => sweepPendingOrganizations(db, config.PENDING_ORGANIZATION_TTL_MS, logger), {
      logger,
      failure: "sweeping pending organizations failed",
    }),
  ],
});
