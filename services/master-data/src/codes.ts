/** Generated record codes (CUS-000001): a counter per organization and scope. */
import type { Tx } from "./db";

const MAX_ATTEMPTS = 20;

/**
 * The next free code. The counter row is locked until the transaction ends, so concurrent
 * creations get different numbers; numbers already taken by hand-given codes are skipped.
 */
export async function nextCode(
  tx: Tx,
  organizationId: string,
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
