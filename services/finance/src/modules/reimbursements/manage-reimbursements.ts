/**
 * Reimbursement claims as drafts: created by the claimant (the authenticated user: a token for the
 * organization proves membership, so no member lookup is needed), edited and deleted by them only
 * while draft; read by anyone holding the read permission.
 */
import { uuidv7 } from "@erp/db";
import { notFound } from "@erp/errors";
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { dayOf } from "../journal/journal.schemas";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { assertNotInFuture } from "../periods/not-in-future";
import { computeLines } from "./reimbursement-lines";
import { claimantNotAUser, illegalTransition, notTheClaimant } from "./reimbursement.errors";
import { reimbursementRepository } from "./reimbursement.repository";
import {
  toReimbursementDto,
  type CreateReimbursementBody,
  type ReimbursementDto,
  type ReimbursementListQuery,
  type ReimbursementRow,
  type UpdateReimbursementBody,
} from "./reimbursement.schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const today = () => new Date().toISOString().slice(0, 10);

/** The claimant's id: the user behind the request. @throws AppError 403 FORBIDDEN for a service or a non-uuid user id */
function claimantOf(scope: Scope): string {
  if (scope.actor.type !== "user" || !UUID.test(scope.actor.id)) throw claimantNotAUser();
  return scope.actor.id;
}

export async function reimbursementDto(tx: Tx, scope: Scope, id: string): Promise<ReimbursementDto> {
  const row = await reimbursementRepository(tx).find(scope.organizationId, id);
  if (!row) throw notFound("Reimbursement");
  const { baseCurrency } = await ledgerSettingsOf(tx, scope.organizationId);
  return toReimbursementDto(row, baseCurrency);
}

/** A draft owned by the caller, locked. @throws 404, 403 (another's claim), 409 INVALID_STATE (not a draft) */
async function ownDraft(tx: Tx, scope: Scope, id: string, what: string): Promise<ReimbursementRow> {
  const row = await reimbursementRepository(tx).lock(scope.organizationId, id);
  if (!row) throw notFound("Reimbursement");
  if (row.claimantId !== scope.actor.id) throw notTheClaimant(what);
  if (row.status !== "draft") throw illegalTransition(what, row.status, "draft");
  return row;
}

/** @throws AppError 403 (not a user); 422 DATE_IN_FUTURE (date); the lines' 422 (computeLines) */
export async function createReimbursement(tx: Tx, scope: Scope, input: CreateReimbursementBody): Promise<ReimbursementDto> {
  const claimantId = claimantOf(scope);
  if (input.date !== undefined) assertNotInFuture(input.date, "date");
  const { baseCurrency } = await ledgerSettingsOf(tx, scope.organizationId);
  const currency = input.currency ?? baseCurrency;
  const computed = await computeLines(tx, scope, { currency, lines: input.lines });
  const id = uuidv7();
  const repository = reimbursementRepository(tx);
  await repository.create(scope.organizationId, {
    id,
    claimantId,
    date: dayOf(input.date ?? today()),
    description: input.description ?? null,
    currency,
    netAmount: computed.netAmount,
    taxAmount: computed.taxAmount,
    total: computed.total,
  });
  await repository.replaceLines(scope.organizationId, id, computed.lines);
  await repository.addTransition(scope.organizationId, { id: uuidv7(), reimbursementId: id, fromStatus: null, toStatus: "draft", actorType: scope.actor.type, actorId: scope.actor.id });
  return reimbursementDto(tx, scope, id);
}

/** @throws AppError 404; 403 (not the claimant); 409 INVALID_STATE (not a draft); 422 DATE_IN_FUTURE (date); the lines' 422 */
export async function updateReimbursement(tx: Tx, scope: Scope, id: string, input: UpdateReimbursementBody): Promise<ReimbursementDto> {
  const row = await ownDraft(tx, scope, id, "edit");
  if (input.date !== undefined) assertNotInFuture(input.date, "date");
  const repository = reimbursementRepository(tx);
  const currency = input.currency ?? row.currency;
  const lines =
    input.lines ??
    [...row.lines]
      .sort((a, b) => a.position - b.position)
      .map((line) => ({
        date: line.date.toISOString().slice(0, 10),
        accountId: line.accountId,
        amount: line.amount.toFixed(),
        description: line.description,
        ...(line.taxRateId ? { taxRateId: line.taxRateId } : {}),
      }));
  const computed = await computeLines(tx, scope, { currency, lines });
  await repository.update(scope.organizationId, id, {
    ...(input.date ? { date: dayOf(input.date) } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    currency,
    netAmount: computed.netAmount,
    taxAmount: computed.taxAmount,
    total: computed.total,
  });
  await repository.replaceLines(scope.organizationId, id, computed.lines);
  return reimbursementDto(tx, scope, id);
}

/** @throws AppError 404; 403 (not the claimant); 409 INVALID_STATE (not a draft) */
export async function deleteReimbursement(tx: Tx, scope: Scope, id: string): Promise<void> {
  await ownDraft(tx, scope, id, "delete");
  await reimbursementRepository(tx).delete(scope.organizationId, id);
}

/** Filters status, claimantId, from/to (claim date); keyset pages, newest first unless told. */
export async function listReimbursements(tx: Tx, scope: Scope, query: ReimbursementListQuery): Promise<Page<ReimbursementDto>> {
  const window = listWindow(query);
  const rows = await reimbursementRepository(tx).list(scope.organizationId, query, window);
  const { baseCurrency } = await ledgerSettingsOf(tx, scope.organizationId);
  return keysetPage(rows, window, (row) => toReimbursementDto(row, baseCurrency));
}

export { ownDraft };
