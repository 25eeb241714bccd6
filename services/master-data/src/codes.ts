/**
 * Record codes people type or the service generates (CUS-000001): generated ones come from a
 * counter per organization and scope; all are unique per organization ignoring case and
 * surrounding whitespace (a unique index on `lower(btrim(code))` in the migrations).
 */
import { conflict, type AppError, type ErrorDetail } from "@erp/errors";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "./db";

const MAX_ATTEMPTS = 20;

/**
 * The next free code, `<prefix>-000042`. The counter row is locked until the transaction ends, so
 * concurrent creations get different numbers.
 *
 * Numbers already taken (by a hand-given code) are skipped, and a rolled-back transaction loses
 * its number: the sequence has gaps. That is fine for customer, supplier or product codes, and
 * wrong for documents: invoice, credit note and journal entry numbers must be gap-free (tax law
 * in many countries), which needs numbering allocated in the posting transaction without skips.
 * Do not use this for them.
 */
export async function nextCode(
  tx: Tx,
  organizationId: OrganizationId,
  scope: string,
  prefix: string,
  isTaken: (code: string) => Promise<boolean>,
): Promise<string> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const [row] = await tx.$queryRaw<{ last_value: number }[]>`
      INSERT INTO code_sequences (organization_id, scope, last_value) VALUES (${organizationId}::uuid, ${scope}, 1)
      ON CONFLICT (organization_id, scope) DO UPDATE SET last_value = code_sequences.last_value + 1
      RETURNING last_value`;
    const code = `${prefix}-${String(row?.last_value).padStart(6, "0")}`;
    if (!(await isTaken(code))) return code;
  }
  throw new Error(`no free ${scope} code after ${MAX_ATTEMPTS} attempts`);
}

/** The form codes are compared in, as the unique indexes compare them: `" Abc-1 "` → `"abc-1"`. */
export function normaliseCode(code: string): string {
  return code.trim().toLowerCase();
}

/** A 409 detail that names the record holding a code: its id and code as stored. */
export interface TakenCodeDetail extends ErrorDetail {
  existing: { id: string; code: string };
}

/**
 * 409 CONFLICT for a code that another record has (in any case): `details[0]` is
 * `{ path, message, existing: { id, code } }`, so a client can go to that record.
 * `label` names the kind of record ("Customer"), `path` the input field (`code`, `sku`).
 */
export function codeTaken(label: string, existing: { id: string; code: string }, path = "code"): AppError {
  // Only the id and code: `existing` may be a whole row.
  const { id, code } = existing;
  const detail: TakenCodeDetail = { path, message: `${label} ${code} already has this code`, existing: { id, code } };
  return conflict(`A ${label.toLowerCase()} with code ${code} already exists`, "CONFLICT", [detail]);
}
