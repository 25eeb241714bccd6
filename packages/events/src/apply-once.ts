import type { Database, PrismaClientLike, TransactionClient, TransactionOptions } from "@erp/db";
import { organizationIdOf } from "@erp/scope";
import type { EventEnvelope } from "./envelope";
import type { EventHandler } from "./handlers";
import type { RawExecutor } from "./outbox";

export type ApplyResult = "applied" | "duplicate";

/**
 * Runs the handler in a transaction scoped to the event's organization (RLS applies to what it
 * writes) that first records the event as processed by the group. A redelivered event finds
 * that record and has no second effect; a failing handler rolls the record back with its work.
 * `alsoInTransaction` runs after the handler, in the same transaction.
 * @throws Error when the envelope's organization id is not a uuid (envelopes are parsed first)
 */
export async function applyOnce<C extends PrismaClientLike>(
  db: Database<C>,
  group: string,
  handler: EventHandler<TransactionClient<C>>,
  envelope: EventEnvelope,
  options: { transaction?: TransactionOptions; alsoInTransaction?: (tx: RawExecutor) => Promise<unknown> } = {},
): Promise<ApplyResult> {
  return db.withOrganization(
    organizationIdOf(envelope.organizationId),
    async (tx) => {
      const raw = tx as unknown as RawExecutor;
      const inserted = await raw.$executeRawUnsafe(
        "INSERT INTO events.processed_events (group_id, event_id) VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING",
        group,
        envelope.id,
      );
      if (inserted === 0) return "duplicate";
      await handler.handle(envelope, tx);
      await options.alsoInTransaction?.(raw);
      return "applied";
    },
    options.transaction,
  );
}
