/* eslint-disable no-console -- a command-line tool: the console is its output */
// Lists and replays dead letters (events a consumer group gave up on) in DATABASE_URL's database.
//   tsx packages/events/scripts/dead-letters.ts list [--group <group>] [--all]
//   tsx packages/events/scripts/dead-letters.ts replay <id> --consumer <module>
// Replaying runs the group's handler, so it needs the consuming service's code: <module> (a path)
// exports `openConsumer(databaseUrl)` resolving to `{ db, group, handlers }` (the same values the
// service passes to subscribe), e.g. services/master-data/src/consumers/index.ts.
import { resolve } from "node:path";
import pg from "pg";
import type { Database, PrismaClientLike, TransactionClient } from "@erp/db";
import { listDeadLetters, replayDeadLetter, type EventHandlers } from "../src";

export interface ReplayTarget<C extends PrismaClientLike> {
  db: Database<C>;
  group: string;
  handlers: EventHandlers<TransactionClient<C>>;
}

const USAGE = "usage: dead-letters.ts list [--group <group>] [--all] | replay <id> --consumer <module>";

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

async function list(databaseUrl: string, args: string[]): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const letters = await listDeadLetters(pool, { group: option(args, "--group"), includeReplayed: args.includes("--all"), limit: 1000 });
    console.table(
      letters.map((l) => ({ id: l.id, group: l.groupId, type: l.eventType, event: l.eventId, attempts: l.attempts, error: l.error, replayed: l.replayedAt?.toISOString() ?? "" })),
    );
  } finally {
    await pool.end();
  }
}

async function replay(databaseUrl: string, id: string | undefined, consumerModule: string | undefined): Promise<boolean> {
  if (!id || !consumerModule) throw new Error(USAGE);
  const { openConsumer } = (await import(resolve(consumerModule))) as {
    openConsumer(url: string): Promise<ReplayTarget<PrismaClientLike>>;
  };
  const { db, group, handlers } = await openConsumer(databaseUrl);
  try {
    const result = await replayDeadLetter({ db, group, handlers, id });
    console.log(JSON.stringify(result));
    return result.status === "replayed" || result.status === "already_processed";
  } finally {
    await db.close();
  }
}

async function main(args: string[]): Promise<boolean> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set");
  const [command, ...rest] = args;
  if (command === "list") {
    await list(databaseUrl, rest);
    return true;
  }
  if (command === "replay") return replay(databaseUrl, rest[0], option(rest, "--consumer"));
  throw new Error(USAGE);
}

main(process.argv.slice(2)).then(
  (ok) => process.exit(ok ? 0 : 1),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
