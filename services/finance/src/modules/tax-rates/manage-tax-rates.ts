/**
 * The organization's tax rates: a name, a percent, where the tax is posted (an active posting
 * account of subtype tax) and which documents may carry it. How documents compute tax with them is
 * tax-calculation.ts (per line, rounded per line).
 */
import { uuidv7 } from "@erp/db";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { Account } from "../../generated/prisma/client";
import {
  productTaxRateMissing,
  invalidTaxAccount,
  taxAccountRequired,
  taxRateAlreadyArchived,
  taxRateArchived,
  taxRateNameTaken,
  taxRateNotApplicable,
  taxRateNotArchived,
  unknownTaxAccount,
  unknownTaxRate,
} from "./tax-rate.errors";
import { taxRateRepository } from "./tax-rate.repository";
import { toTaxRateDto, type CreateTaxRateInput, type TaxRateDto, type TaxRateListQuery, type UpdateTaxRateInput } from "./tax-rate.schemas";

/** Why `account` cannot take tax postings, or undefined when it can. */
function taxAccountProblem(account: Account): string | undefined {
  if (account.isGroup) return "is a group account";
  if (account.archivedAt) return "is archived";
  if (account.subtype !== "tax") return "is not of subtype tax";
  return undefined;
}

/** @throws AppError 422 UNKNOWN_TAX_ACCOUNT, INVALID_TAX_ACCOUNT */
async function checkTaxAccount(tx: Tx, scope: Scope, id: string): Promise<void> {
  const account = await taxRateRepository(tx).account(scope.organizationId, id);
  if (!account) throw unknownTaxAccount();
  const problem = taxAccountProblem(account);
  if (problem) throw invalidTaxAccount(account.code, problem);
}

/** @throws AppError 409 CONFLICT when another rate has `name` */
async function checkNameFree(tx: Tx, scope: Scope, name: string, self?: string): Promise<void> {
  const holder = await taxRateRepository(tx).findByName(scope.organizationId, name);
  if (holder && holder.id !== self) throw taxRateNameTaken(name);
}

/**
 * Without `taxAccountId`, the chart's first active posting tax account: a liability (tax owed) for
 * sales and both, an asset (tax reclaimable) for purchase.
 * @throws AppError 409 CONFLICT (name taken; a concurrent creation is the insert's unique violation,
 *   which the caller maps); 422 UNKNOWN_TAX_ACCOUNT, INVALID_TAX_ACCOUNT, TAX_ACCOUNT_REQUIRED
 */
export async function createTaxRate(tx: Tx, scope: Scope, input: CreateTaxRateInput): Promise<TaxRateDto> {
  const { organizationId } = scope;
  const repository = taxRateRepository(tx);
  await checkNameFree(tx, scope, input.name);
  let taxAccountId = input.taxAccountId;
  if (taxAccountId) await checkTaxAccount(tx, scope, taxAccountId);
  else {
    const type = input.appliesTo === "purchase" ? "asset" : "liability";
    const fallback = await repository.defaultTaxAccount(organizationId, type);
    if (!fallback) throw taxAccountRequired(type);
    taxAccountId = fallback.id;
  }
  const row = await repository.create(organizationId, {
    id: uuidv7(),
    name: input.name,
    rate: input.rate,
    appliesTo: input.appliesTo,
    taxAccountId,
    description: input.description ?? null,
  });
  return toTaxRateDto(row);
}

/** @throws AppError 404 NOT_FOUND */
export async function getTaxRate(tx: Tx, scope: Scope, input: { id: string }): Promise<TaxRateDto> {
  const row = await taxRateRepository(tx).find(scope.organizationId, input.id);
  if (!row) throw notFound("Tax rate");
  return toTaxRateDto(row);
}

/** Every rate matching the filters, by name. */
export async function listTaxRates(tx: Tx, scope: Scope, query: TaxRateListQuery): Promise<TaxRateDto[]> {
  return (await taxRateRepository(tx).list(scope.organizationId, query)).map(toTaxRateDto);
}

/**
 * Documents issued already keep the rate and amounts they were issued with.
 * @throws AppError 404 NOT_FOUND; 409 CONFLICT (name taken); 422 UNKNOWN_TAX_ACCOUNT, INVALID_TAX_ACCOUNT
 */
export async function updateTaxRate(tx: Tx, scope: Scope, input: { id: string; changes: UpdateTaxRateInput }): Promise<TaxRateDto> {
  const repository = taxRateRepository(tx);
  if (!(await repository.find(scope.organizationId, input.id))) throw notFound("Tax rate");
  const { changes } = input;
  if (changes.name !== undefined) await checkNameFree(tx, scope, changes.name, input.id);
  if (changes.taxAccountId !== undefined) await checkTaxAccount(tx, scope, changes.taxAccountId);
  return toTaxRateDto(await repository.update(scope.organizationId, input.id, changes));
}

/** An archived rate stays on the documents that carry it; new lines cannot take it. @throws AppError 404 NOT_FOUND; 409 INVALID_STATE */
export async function archiveTaxRate(tx: Tx, scope: Scope, input: { id: string }): Promise<TaxRateDto> {
  const repository = taxRateRepository(tx);
  const row = await repository.find(scope.organizationId, input.id);
  if (!row) throw notFound("Tax rate");
  if (row.archivedAt) throw taxRateAlreadyArchived();
  return toTaxRateDto(await repository.update(scope.organizationId, input.id, { archivedAt: new Date() }));
}

/** @throws AppError 404 NOT_FOUND; 409 INVALID_STATE; 422 INVALID_TAX_ACCOUNT (its account was archived meanwhile) */
export async function restoreTaxRate(tx: Tx, scope: Scope, input: { id: string }): Promise<TaxRateDto> {
  const repository = taxRateRepository(tx);
  const row = await repository.find(scope.organizationId, input.id);
  if (!row) throw notFound("Tax rate");
  if (!row.archivedAt) throw taxRateNotArchived();
  await checkTaxAccount(tx, scope, row.taxAccountId);
  return toTaxRateDto(await repository.update(scope.organizationId, input.id, { archivedAt: null }));
}

/**
 * Only a rate no document refers to (their foreign keys refuse otherwise; the caller maps that to
 * 409 CONFLICT "archive it instead").
 * @throws AppError 404 NOT_FOUND
 */
export async function deleteTaxRate(tx: Tx, scope: Scope, input: { id: string }): Promise<void> {
  const repository = taxRateRepository(tx);
  if (!(await repository.find(scope.organizationId, input.id))) throw notFound("Tax rate");
  await repository.delete(scope.organizationId, input.id);
}

/** A rate a new document line may carry, with what the line and its posting need. */
export interface UsableTaxRate {
  id: string;
  name: string;
  /** Percent, 4 decimals ("20.0000"). */
  rate: string;
  taxAccountId: string;
}

/**
 * For documents: the active rate `id` that applies to `usage` (sales: invoices and their credit
 * notes; purchase: bills); `path` is the request field, named in the error.
 * @throws AppError 422 UNKNOWN_TAX_RATE (none, or another organization's), TAX_RATE_ARCHIVED,
 *   TAX_RATE_NOT_APPLICABLE; 422 INVALID_TAX_ACCOUNT when its account was archived meanwhile
 */
export async function requireUsableTaxRate(tx: Tx, scope: Scope, input: { id: string; usage: "sales" | "purchase"; path: string }): Promise<UsableTaxRate> {
  const row = await taxRateRepository(tx).find(scope.organizationId, input.id);
  if (!row) throw unknownTaxRate(input.path);
  if (row.archivedAt) throw taxRateArchived(row.name, input.path);
  if (row.appliesTo !== "both" && row.appliesTo !== input.usage) throw taxRateNotApplicable(row.name, input.usage, input.path);
  await checkTaxAccount(tx, scope, row.taxAccountId);
  return { id: row.id, name: row.name, rate: row.rate.toFixed(4), taxAccountId: row.taxAccountId };
}

/**
 * For a document line of a product that carries a tax rate (master-data's percentage) and no
 * `taxRateId`: the organization's active rate (`rate`: the percentage as a decimal string) of that percentage usable for `usage`, the first by
 * name when several are (Odoo's product taxes play this part; ours are matched by percentage,
 * since master-data knows the percentage and finance the rates).
 * @throws AppError 422 PRODUCT_TAX_RATE_MISSING naming `path` when there is none; INVALID_TAX_ACCOUNT
 */
export async function productDefaultTaxRate(
  tx: Tx,
  scope: Scope,
  input: { sku: string; rate: string; usage: "sales" | "purchase"; path: string },
): Promise<UsableTaxRate> {
  const [row] = await taxRateRepository(tx).findActiveOfRate(scope.organizationId, input.rate, input.usage);
  if (!row) throw productTaxRateMissing(input.sku, input.rate, input.usage, input.path);
  await checkTaxAccount(tx, scope, row.taxAccountId);
  return { id: row.id, name: row.name, rate: row.rate.toFixed(4), taxAccountId: row.taxAccountId };
}
