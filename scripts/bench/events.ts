// Event backbone benchmark on the postgres transport: business transactions append to an outbox,
// the relay publishes to events.log, a subscriber handles each event in its own transaction.
//   1. throughput: BENCH_EVENTS events written by BENCH_WRITERS concurrent writers as fast as they
//      go; reports commits/s and sustained end-to-end events/s (first commit → last handled);
//   2. latency: BENCH_RATE events/s for BENCH_SECONDS, paced; reports commit → handler start
//      p50/p99 (a backlog would measure queueing, not the pipeline).
// Uses DATABASE_URL's server, else an embedded PostgreSQL; works in a throwaway database.
//   node --import tsx scripts/bench/events.ts
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { uuidv7, type TransactionClient } from "@erp/db";
import { createPostgresTransport, eventHandler, migrateEvents, startRelay, subscribe } from "../../packages/events/src";
import { startEmbeddedServer, type EmbeddedServer } from "../../packages/testkit/src/postgres/embedded-server";
import { SHOP_SCHEMA, openShop, orderPlaced, placeOrder, type OrderPlaced, type ShopDb } from "../../packages/events/test/shop";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 8000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

const committedAt = new Map<string, number>();
const latencies: number[] = [];
let handled = 0;

async function withBenchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  let embedded: EmbeddedServer | undefined;
  const serverUrl = process.env.DATABASE_URL ?? (embedded = await startEmbeddedServer(join(__dirname, "..", "..", ".data", `bench-events-${process.pid}`))).url;
  const name = `erp_bench_events_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await embedded?.stop();
  }
}

async function waitUntil(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function write(db: ShopDb, placed: OrderPlaced, organizationId: string, wake: () => void): Promise<void> {
  const id = await placeOrder(db, placed, organizationId, uuidv7(), 1);
  committedAt.set(id, performance.now());
  wake();
}

async function run(url: string): Promise<void> {
  await migrateEvents(url);
  const { db, admin } = await openShop(url);
  const placed = orderPlaced("bench");
  const transport = createPostgresTransport({ pool: db.pool, pollIntervalMs: 1000, batchSize: 200, concurrency: CONCURRENCY });
  const relay = startRelay({ pool: db.pool, schema: SHOP_SCHEMA, transport, batchSize: 500 });
  const subscription = await subscribe({
    transport,
    db,
    group: "bench",
    handlers: {
      [placed.type]: eventHandler<OrderPlaced["data"], TransactionClient<ShopDb["prisma"]>>(placed, async (envelope, tx) => {
        const committed = committedAt.get(envelope.id);
        if (committed !== undefined) latencies.push(performance.now() - committed);
        await tx.effect.create({ data: { organizationId: envelope.organizationId, eventId: envelope.id, aggregateId: envelope.aggregateId, position: 1 } });
        handled += 1;
      }),
    },
  });
  const organizationId = uuidv7();

  // 1. Throughput.
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next++ < EVENTS) await write(db, placed, organizationId, relay.wake);
    }),
  );
  const written = performance.now();
  await waitUntil(() => handled >= EVENTS);
  const drained = performance.now();
  const throughput = { commitsPerSecond: EVENTS / ((written - started) / 1000), eventsPerSecond: EVENTS / ((drained - started) / 1000) };
  const throughputLatencies = latencies.splice(0).sort((a, b) => a - b);

  // 2. Latency at a steady rate.
  const total = RATE * SECONDS;
  const pacedStart = performance.now();
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < total; i++) {
    const wait = pacedStart + (i * 1000) / RATE - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // A machine that cannot keep the pace falls behind instead of queueing without bound.
    if (inFlight.size >= 64) await Promise.race(inFlight);
    const writing = write(db, placed, organizationId, relay.wake).finally(() => inFlight.delete(writing));
    inFlight.add(writing);
  }
  await Promise.all(inFlight);
  const pacedRate = total / ((performance.now() - pacedStart) / 1000);
  await waitUntil(() => handled >= EVENTS + total);
  const paced = latencies.sort((a, b) => a - b);

  await subscription.close();
  await relay.stop();
  await transport.close();
  const { rows } = await admin.query("SELECT count(*)::int AS n FROM shop.effects");
  await db.close();
  await admin.end();

  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(`\nEvent backbone, postgres transport (${rows[0].n} events handled, each once)\n`);
  console.table({
    [`throughput: ${EVENTS} events, ${WRITERS} writers`]: {
      "commits/s": Math.round(throughput.commitsPerSecond),
      "handled/s (sustained)": Math.round(throughput.eventsPerSecond),
      p50: ms(percentile(throughputLatencies, 50)),
      p99: ms(percentile(throughputLatencies, 99)),
    },
    [`latency: paced at ${RATE}/s, ${total} events`]: {
      "commits/s": Math.round(pacedRate),
      "handled/s (sustained)": Math.round(pacedRate),
      p50: ms(percentile(paced, 50)),
      p99: ms(percentile(paced, 99)),
    },
  });
  console.log("p50/p99: from the business transaction's commit to its event's handler starting.");
}

withBenchDatabase(run).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
