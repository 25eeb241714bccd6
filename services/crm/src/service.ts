/**
 * The CRM service, declared once: what `startService` boots (main.ts, server.ts) and what its
 * tests build (test/harness.ts).
 */
import { join } from "node:path";
import { defineService, every, verifiedAccessTokens } from "@erp/service-kit";
import { createApp } from "./app";
import { userDirectory } from "./clients/user-directory";
import { configSchema } from "./config";
import { CONSUMER_GROUP, handlers } from "./consumers";
import { PrismaClient } from "./generated/prisma/client";
import { publishDueTasks } from "./modules/activities/publish-due-tasks";
import { serviceNames } from "./service-names";

export const crmService = defineService(PrismaClient, {
  ...serviceNames,
  config: configSchema,
  port: (config) => config.CRM_PORT,
  migrationsDir: join(__dirname, "..", "prisma", "migrations"),
  consumers: { group: CONSUMER_GROUP, handlers },
  createApp: (context) =>
    createApp({
      ...context,
      authenticate: verifiedAccessTokens(context),
      directory: userDirectory({ baseUrl: context.config.USER_URL, internalApiKey: context.config.INTERNAL_API_KEY, timeoutMs: context.config.USER_TIMEOUT_MS }),
    }),
  // crm.task.due for tasks that fell due, within about one interval of their due time.
  background: ({ config, db, logger }) => [
    every(config.CRM_TASK_DUE_INTERVAL_MS, () => publishDueTasks(db), { logger, failure: "publishing due tasks failed" }),
  ],
});
