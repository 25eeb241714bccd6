/** Writes what happened to a record (besides its activities) for its timeline, in the caller's transaction. */
import { uuidv7 } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { RecordType } from "../../generated/prisma/enums";

/** One field's change: its value before and after, as the API shows them. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface RecordChangeEntry {
  recordType: RecordType;
  recordId: string;
  /** `created`, `updated`, `stage_changed`, `won`, `lost`, `qualified`, `converted`, `merged`... */
  kind: string;
  changes?: FieldChange[] | Record<string, unknown>;
  /** Default now. */
  at?: Date;
}

export async function recordChange(tx: Tx, scope: Scope, entry: RecordChangeEntry): Promise<void> {
  await tx.recordChange.create({
    data: {
      id: uuidv7(),
      organizationId: scope.organizationId,
      recordType: entry.recordType,
      recordId: entry.recordId,
      kind: entry.kind,
      actorType: scope.actor.type,
      actorId: scope.actor.id,
      occurredAt: entry.at ?? new Date(),
      changes: (entry.changes ?? undefined) as never,
    },
  });
}

/**
 * The fields of `after` whose value differs from `before` (compared as JSON), with both values:
 * what an `updated` entry and the `changedFields` of an updated event say.
 */
export function fieldChanges<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  return fields
    .filter((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}
