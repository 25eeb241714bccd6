/**
 * The events this service consumes, as its consumer group. Also the `--consumer` module of
 * `packages/events/scripts/dead-letters.ts replay`, which needs the same handlers.
 */
import { ledgerOpened } from "@erp/event-catalog";
import { createDatabase } from "@erp/db";
import { PrismaClient } from "../generated/prisma/client";
import { financeLedgerOpened } from "./finance-events";

export const CONSUMER_GROUP = "tenant";

export const handlers = {
  [ledgerOpened.type]: financeLedgerOpened,
};

export function openConsumer(databaseUrl: string) {
  const db = createDatabase({ connectionString: databaseUrl, PrismaClient, schema: "tenant", poolMax: 2 });
  return { db, group: CONSUMER_GROUP, handlers };
}
