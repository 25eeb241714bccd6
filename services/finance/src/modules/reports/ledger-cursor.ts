/**
 * The general ledger's page cursor: where the page ended (date, posting position, line) and the
 * running balance there, bound to the account and range it was made for. Opaque to clients
 * (base64url JSON); a cursor that was altered or made for another ledger is a 400.
 */
import { badRequest } from "@erp/errors";
import { z } from "zod";

export interface LedgerCursor {
  accountId: string;
  from: string;
  to: string;
  entryDate: string;
  chainPosition: string;
  lineNumber: number;
  /** The running balance after the page's last line, debit − credit. */
  balance: string;
}

const shape = z.object({
  accountId: z.string(),
  from: z.string(),
  to: z.string(),
  entryDate: z.iso.date(),
  chainPosition: z.string().regex(/^\d{1,19}$/),
  lineNumber: z.int().min(1),
  balance: z.string().regex(/^-?\d{1,20}(\.\d{1,4})?$/),
});

export function encodeLedgerCursor(cursor: LedgerCursor): string {
  return Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
}

/**
 * The cursor, checked against the ledger it is used for.
 * @throws AppError 400 VALIDATION_FAILED on `cursor`: malformed, or made for another account or range
 */
export function decodeLedgerCursor(cursor: string, ledger: { accountId: string; from: string; to: string }): LedgerCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  const parsed = shape.safeParse(value);
  if (!parsed.success) throw badRequest("Invalid cursor", [{ path: "cursor", message: "Invalid cursor" }]);
  const { data } = parsed;
  // A cursor of another ledger carries another running balance.
  if (data.accountId !== ledger.accountId || data.from !== ledger.from || data.to !== ledger.to) {
    throw badRequest("Invalid cursor", [{ path: "cursor", message: "Made for another account or range of dates" }]);
  }
  return data;
}
