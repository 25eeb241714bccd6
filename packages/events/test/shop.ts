/** The "shop" fixture service: its database, its events, and writes that append to its outbox. */
import { join } from "node:path";
import pg from "pg";
import { z } from "zod";
import { createDatabase, migrate, type Database } from "@erp/db";
import { organizationIdOf } from "@erp/scope";
import { appendToOutbox, defineEvent, type EventDefinition } from "../src";
import { PrismaClient } from "./fixtures/shop/src/generated/prisma/client";

export const SHOP_SCHEMA = "shop";
export type ShopDb = Database<PrismaClient>;

const actor = { type: "service" as const, id: "shop" };
const orderPlacedData = z.object({ position: z.number().int() });
export type OrderPlaced = EventDefinition<typeof orderPlacedData>;

/** `<domain>.order.placed` v1: tests use one domain (one topic) each, so they never see each other's events. */
export const orderPlaced = (domain: string): OrderPlaced => defineEvent(`${domain}.order.placed`, 1, orderPlacedData);

export async function openShop(url: string): Promise<{ db: ShopDb; admin: pg.Pool }> {
  await migrate({ connectionString: url, schema: SHOP_SCHEMA, migrationsDir: join(__dirname, "fixtures", "shop", "prisma", "migrations") });
  const db = createDatabase({ connectionString: url, PrismaClient, schema: SHOP_SCHEMA, poolMax: 20 });
  // The login role (a superuser in tests) for assertions across organizations.
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  // An idle connection ended from outside (a dropped database) must not crash the test worker.
  admin.on("error", () => undefined);
  return { db, admin };
}

/**
 * A business write: bumps the order (locking its row, which keeps one aggregate's events in
 * commit order) and appends the event in the same transaction. `thenFail` rolls it all back.
 */
export async function placeOrder(
  db: ShopDb,
  event: OrderPlaced,
  organizationId: string,
  orderId: string,
  position: number,
  thenFail = false,
): Promise<string> {
  return db.withOrganization(organizationIdOf(organizationId), async (tx) => {
    await tx.order.upsert({ where: { id: orderId }, create: { id: orderId, organizationId, version: 1 }, update: { version: { increment: 1 } } });
    const envelope = await appendToOutbox(tx, SHOP_SCHEMA, { event, organizationId, aggregateType: "order", aggregateId: orderId, actor, data: { position } });
    if (thenFail) throw new Error("business rule failed after the event was appended");
    return envelope.id;
  });
}
