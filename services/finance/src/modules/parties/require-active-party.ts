/**
 * What documents (invoices, bills, payments) call to accept a customer, supplier or product id:
 * the record from finance's read model, with the defaults a document copies, or a 422 naming the
 * request field. Run inside the document's transaction; no call to master-data.
 */
import { formatDecimal } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { partyArchived, productArchived, unknownParty, unknownProduct } from "./party.errors";
import type { PartyAddress, PartyKind } from "./party-read-model";
import { partyReadRepository } from "./party.repository";

/** An active customer or supplier and the defaults a document copies from it. */
export interface ActiveParty {
  kind: PartyKind;
  id: string;
  code: string;
  displayName: string;
  legalName: string;
  taxId: string | null;
  email: string | null;
  billingAddress: PartyAddress | null;
  /** Due date = issue date + this many days. */
  paymentTermsDays: number;
  /** ISO 4217: the document's currency unless it gives one. */
  currency: string;
  /** Customers: a decimal string with 2 decimals, or null (no limit). */
  creditLimit: string | null;
}

/** An active product and the defaults a document line copies from it. */
export interface ActiveProduct {
  id: string;
  sku: string;
  name: string;
  type: string;
  unitOfMeasure: string;
  /** Decimal strings in `currency` (sale price 2 decimals, purchase cost 4), or null. */
  salePrice: string | null;
  purchaseCost: string | null;
  currency: string;
  /** Percent with 2 decimals ("20.00"), or null. */
  taxRate: string | null;
}

/**
 * The active customer or supplier `id` of the scope's organization.
 * `path`: the request field that named it (`customerId`, `lines.0.supplierId`), named in the error.
 * @throws AppError 422 UNKNOWN_CUSTOMER / UNKNOWN_SUPPLIER (never announced to finance, or another
 *   organization's); 422 PARTY_ARCHIVED
 */
export async function requireActiveParty(tx: Tx, scope: Scope, input: { kind: PartyKind; id: string; path: string }): Promise<ActiveParty> {
  const row = await partyReadRepository(tx).findParty(scope.organizationId, input.kind, input.id);
  if (!row) throw unknownParty(input.kind, input.path);
  if (row.archivedAt) throw partyArchived(input.kind, row.code, input.path);
  return {
    kind: row.kind as PartyKind, // the read model holds customers and suppliers only
    id: row.id,
    code: row.code,
    displayName: row.displayName,
    legalName: row.legalName,
    taxId: row.taxId,
    email: row.email,
    billingAddress: row.billingAddress as PartyAddress | null,
    paymentTermsDays: row.paymentTermsDays,
    currency: row.currency,
    creditLimit: formatDecimal(row.creditLimit, 2),
  };
}

/**
 * The active product `id` of the scope's organization; `path` is named in the error.
 * @throws AppError 422 UNKNOWN_PRODUCT; 422 PRODUCT_ARCHIVED
 */
export async function requireActiveProduct(tx: Tx, scope: Scope, input: { id: string; path: string }): Promise<ActiveProduct> {
  const row = await partyReadRepository(tx).findProduct(scope.organizationId, input.id);
  if (!row) throw unknownProduct(input.path);
  if (row.archivedAt) throw productArchived(row.sku, input.path);
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    type: row.type,
    unitOfMeasure: row.unitOfMeasure,
    salePrice: formatDecimal(row.salePrice, 2),
    purchaseCost: formatDecimal(row.purchaseCost, 4),
    currency: row.currency,
    taxRate: formatDecimal(row.taxRate, 2),
  };
}
