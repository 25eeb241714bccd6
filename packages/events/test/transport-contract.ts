/**
 * The behaviour every transport must show, run against each (postgres-transport.test.ts,
 * kafka-transport.test.ts): outbox → relay → transport → subscribe → handler.
 */
import type pg from "pg";
import { z } from "zod";
import { uuidv7, type TransactionClient } from "@erp/db";
import { organizationIdOf } from "@erp/scope";
import { createTestDatabase, dropTestDatabases, waitFor } from "@erp/testkit";
import { appendToOutbox, defineEvent, eventHandler, startRelay, subscribe, type EventHandlers, type Relay, type Subscription, type Transport } from "../src";
import { SHOP_SCHEMA, openShop, orderPlaced, placeOrder, type OrderPlaced, type ShopDb } from "./shop";

export interface TransportUnderTest {
  transport: Transport;
  /**
   * Whether an event published twice (a relay that died before marking it) reaches consumers
   * twice. Kafka: yes. Postgres: no, the log keeps one row per event id.
   */
  deliversRepublishedEvents: boolean;
  close(): Promise<void>;
}

type Tx = TransactionClient<ShopDb["prisma"]>;
const fastRetries = { initialMs: 5, maxMs: 20 };
let groups = 0;

export function transportContract(open: (db: ShopDb) => Promise<TransportUnderTest>): void {
  let db: ShopDb;
  let admin: pg.Pool;
  let under: TransportUnderTest;
  const running: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    ({ db, admin } = await openShop(await createTestDatabase()));
    under = await open(db);
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.stop()));
  });

  afterAll(async () => {
    await under?.close();
    await db?.close();
    await admin?.end();
    await dropTestDatabases();
  });

  const relay = (transport: Transport = under.transport, options: Partial<Parameters<typeof startRelay>[0]> = {}): Relay => {
    const started = startRelay({ pool: db.pool, schema: SHOP_SCHEMA, transport, batchSize: 7, pollIntervalMs: 20, standbyRetryMs: 20, ...options });
    running.push(started);
    return started;
  };

  const consume = async (handlers: EventHandlers<Tx>, group = `shop-${++groups}`): Promise<Subscription> => {
    const subscription = await subscribe({ transport: under.transport, db, group, handlers, maxAttempts: 3, backoff: fastRetries });
    running.push({ stop: () => subscription.close() });
    return subscription;
  };

  /** A handler recording each application as a row in shop.effects, in the handler's transaction. */
  const recordEffect = (event: OrderPlaced, before: (position: number) => void = () => undefined) => ({
    [event.type]: eventHandler<OrderPlaced["data"], Tx>(event, async (envelope, tx) => {
      before(envelope.data.position);
      await tx.effect.create({
        data: { organizationId: envelope.organizationId, eventId: envelope.id, aggregateId: envelope.aggregateId, position: envelope.data.position },
      });
    }),
  });

  const effects = async (organizationId: string) =>
    (
      await admin.query<{ event_id: string; aggregate_id: string; position: number }>(
        "SELECT event_id, aggregate_id, position FROM shop.effects WHERE organization_id = $1 ORDER BY id",
        [organizationId],
      )
    ).rows;

  const effectCount = async (organizationId: string) => (await effects(organizationId)).length;

  test("events of one aggregate are handled in the order they were committed", async () => {
    const placed = orderPlaced("ordering");
    const org = uuidv7();
    const orders = Array.from({ length: 4 }, () => uuidv7());
    const subscription = await consume(recordEffect(placed));
    relay();

    // Aggregates written concurrently, each one's events in sequence: batches of the relay mix them.
    await Promise.all(orders.map(async (order) => {
      for (let position = 1; position <= 25; position++) await placeOrder(db, placed, org, order, position);
    }));

    await waitFor(async () => (await effectCount(org)) === 100, { what: "100 events handled" });
    const applied = await effects(org);
    for (const order of orders) {
      expect(applied.filter((e) => e.aggregate_id === order).map((e) => e.position)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    }
    expect(subscription.stats()).toMatchObject({ handled: 100, duplicates: 0, deadLettered: 0 });
  });

  test("a relay that dies between publishing and marking: the events go out again and are applied once", async () => {
    const placed = orderPlaced("crash");
    const org = uuidv7();
    const order = uuidv7();
    const subscription = await consume(recordEffect(placed));
    const ids: string[] = [];
    for (let position = 1; position <= 5; position++) ids.push(await placeOrder(db, placed, org, order, position));

    let publishedBeforeCrash = 0;
    const crashing: Transport = {
      ...under.transport,
      async publish(envelopes) {
        await under.transport.publish(envelopes);
        publishedBeforeCrash = envelopes.length;
        throw new Error("relay process died before marking the rows published");
      },
    };
    const dying = relay(crashing, { backoff: { initialMs: 60_000, maxMs: 60_000 } });
    await waitFor(() => publishedBeforeCrash > 0, { what: "the crashing publish" });
    await dying.stop();
    const unmarked = await admin.query("SELECT 1 FROM shop.outbox WHERE id = ANY($1::uuid[]) AND published_at IS NULL", [ids]);
    expect(unmarked.rowCount).toBe(5);

    relay();
    await waitFor(async () => (await effectCount(org)) === 5, { what: "5 events applied" });
    const republished = under.deliversRepublishedEvents ? publishedBeforeCrash : 0;
    await waitFor(() => subscription.stats().duplicates === republished, { what: `${republished} duplicates` });
    await waitFor(async () => (await admin.query("SELECT 1 FROM shop.outbox WHERE id = ANY($1::uuid[]) AND published_at IS NULL", [ids])).rowCount === 0, { what: "rows marked published" });

    const applied = await effects(org);
    expect(applied.map((e) => e.event_id).sort()).toEqual([...ids].sort());
    expect(applied.map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
    expect(subscription.stats()).toMatchObject({ handled: 5, duplicates: republished });
  });

  test("a rolled-back business transaction publishes nothing", async () => {
    const placed = orderPlaced("rollback");
    const org = uuidv7();
    const subscription = await consume(recordEffect(placed));
    relay();

    await expect(placeOrder(db, placed, org, uuidv7(), 1, true)).rejects.toThrow(/business rule failed/);
    const committed = await placeOrder(db, placed, org, uuidv7(), 2);

    await waitFor(async () => (await effectCount(org)) === 1, { what: "the committed event" });
    expect((await effects(org)).map((e) => e.event_id)).toEqual([committed]);
    expect(subscription.stats()).toEqual({
      handled: 1,
      duplicates: 0,
      retries: 0,
      deadLettered: 0,
      skipped: { unknownType: 0, unsupportedVersion: 0, malformed: 0 },
    });
  });

  test("a poison event is parked as a dead letter after its attempts, the rest flows, and it replays after a fix", async () => {
    const placed = orderPlaced("poison");
    const org = uuidv7();
    const order = uuidv7();
    let fixed = false;
    const subscription = await consume(
      recordEffect(placed, (position) => {
        if (position === 666 && !fixed) throw new Error("cannot handle position 666");
      }),
    );
    relay();
    await placeOrder(db, placed, org, order, 1);
    const poison = await placeOrder(db, placed, org, order, 666);
    await placeOrder(db, placed, org, order, 3);

    await waitFor(async () => (await effectCount(org)) === 2, { what: "the events around the poison one" });
    expect((await effects(org)).map((e) => e.position)).toEqual([1, 3]);
    expect(subscription.stats()).toMatchObject({ handled: 2, retries: 2, deadLettered: 1 });

    const [parked, ...others] = await subscription.listDeadLetters();
    expect(others).toEqual([]);
    expect(parked).toMatchObject({ eventId: poison, eventType: "poison.order.placed", attempts: 3, error: "cannot handle position 666", replayedAt: null });
    expect(parked?.envelope).toMatchObject({ id: poison, data: { position: 666 } });

    fixed = true;
    expect(await subscription.replayDeadLetter(parked!.id)).toEqual({ status: "replayed" });
    expect((await effects(org)).map((e) => e.position)).toEqual([1, 3, 666]);
    expect(await subscription.listDeadLetters()).toEqual([]);
    expect((await subscription.listDeadLetters({ includeReplayed: true }))[0]?.replayedAt).toBeInstanceOf(Date);

    expect(await subscription.replayDeadLetter(parked!.id)).toEqual({ status: "already_processed" });
    expect(await effectCount(org)).toBe(3);
  });

  test("a replay that fails again records the new error and keeps the dead letter pending", async () => {
    const placed = orderPlaced("relapse");
    const org = uuidv7();
    const subscription = await consume(
      recordEffect(placed, () => {
        throw new Error("still broken");
      }),
    );
    relay();
    await placeOrder(db, placed, org, uuidv7(), 1);
    await waitFor(() => subscription.stats().deadLettered === 1, { what: "the dead letter" });

    const [parked] = await subscription.listDeadLetters();
    expect(await subscription.replayDeadLetter(parked!.id)).toEqual({ status: "failed", error: "still broken" });
    expect(await subscription.listDeadLetters()).toMatchObject([{ id: parked!.id, attempts: 4, replayedAt: null }]);
    expect(await subscription.replayDeadLetter(uuidv7())).toEqual({ status: "not_found" });
    expect(await effectCount(org)).toBe(0);
  });

  test("a consumer restart resumes from its committed offset", async () => {
    const placed = orderPlaced("restart");
    const org = uuidv7();
    const order = uuidv7();
    const group = `restart-${++groups}`;
    relay();
    const first = await consume(recordEffect(placed), group);
    for (let position = 1; position <= 3; position++) await placeOrder(db, placed, org, order, position);
    await waitFor(async () => (await effectCount(org)) === 3, { what: "the first 3 events" });
    await first.close();

    for (let position = 4; position <= 6; position++) await placeOrder(db, placed, org, order, position);
    const second = await consume(recordEffect(placed), group);
    await waitFor(async () => (await effectCount(org)) === 6, { what: "the next 3 events" });

    expect((await effects(org)).map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(second.stats()).toMatchObject({ handled: 3, duplicates: 0 });
  });

  test("unknown event types and versions no handler understands are skipped and counted", async () => {
    const placed = orderPlaced("skip");
    const placedV2 = defineEvent("skip.order.placed", 2, z.object({ position: z.number(), channel: z.string() }));
    const noted = defineEvent("skip.order.noted", 1, z.object({ note: z.string() }));
    const org = uuidv7();
    const order = uuidv7();
    const subscription = await consume(recordEffect(placed));
    relay();

    await db.withOrganization(organizationIdOf(org), async (tx) => {
      const base = { organizationId: org, aggregateType: "order", aggregateId: order, actor: { type: "service" as const, id: "shop" } };
      await appendToOutbox(tx, SHOP_SCHEMA, { ...base, event: placedV2, data: { position: 1, channel: "web" } });
      await appendToOutbox(tx, SHOP_SCHEMA, { ...base, event: noted, data: { note: "gift wrap" } });
    });
    await placeOrder(db, placed, org, order, 2);

    await waitFor(async () => (await effectCount(org)) === 1, { what: "the understood event" });
    expect(subscription.stats()).toMatchObject({ handled: 1, skipped: { unknownType: 1, unsupportedVersion: 1, malformed: 0 } });
  });
}
