/**
 * A draft's lines as the request gives them → the lines as stored: product defaults (description,
 * price or cost, tax rate), the tax rate (usable for the kind), the account (given and valid, or the
 * organization's default: goods received not invoiced for a bill's stock item), and the amounts by
 * the per-line rounding rule (tax-calculation.ts).
 */
import { uuidv7 } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { Account } from "../../generated/prisma/client";
import { accountRepository } from "../accounts/account.repository";
import { requireActiveProduct } from "../parties/require-active-party";
import { productDefaultTaxRate, requireUsableTaxRate, type UsableTaxRate } from "../tax-rates/manage-tax-rates";
import { calculateDocumentAmounts, type DocumentAmounts } from "../tax-rates/tax-calculation";
import type { DocumentKindConfig } from "./document-kinds";
import { defaultAccountMissing, invalidDocumentAccount, unitPriceRequired, unknownDocumentAccount } from "./document.errors";
import type { LineRow } from "./document.repository";
import type { DocumentLineInput } from "./document.schemas";

/** Master-data's product type whose stock is tracked (and valued) in the stock ledger. */
const STOCK_ITEM = "stock_item";

/** Why `account` cannot take a line of `kind`, or undefined when it can. */
function lineAccountProblem(kind: DocumentKindConfig, account: Account, currency: string): string | undefined {
  if (account.isGroup) return "is a group account";
  if (account.archivedAt) return "is archived";
  if (kind.kind === "invoice" && account.type !== "income") return "is not an income account";
  if (kind.kind === "bill" && account.type !== "expense" && account.type !== "asset" && account.subtype !== "goods_received_not_invoiced") {
    return "is not an expense, asset or goods received not invoiced account";
  }
  if (account.currency && account.currency !== currency) return `holds only ${account.currency}`;
  return undefined;
}

/**
 * The stored lines and the document's amounts for `lines` in `currency`.
 * @throws AppError 422 UNKNOWN_PRODUCT, PRODUCT_ARCHIVED, UNIT_PRICE_REQUIRED, the tax rate codes
 *   (UNKNOWN_TAX_RATE, TAX_RATE_ARCHIVED, TAX_RATE_NOT_APPLICABLE), UNKNOWN_DOCUMENT_ACCOUNT,
 *   INVALID_DOCUMENT_ACCOUNT, DEFAULT_ACCOUNT_MISSING: each naming `lines.<n>.<field>`
 */
export async function priceLines(
  tx: Tx,
  scope: Scope,
  kind: DocumentKindConfig,
  input: { currency: string; lines: readonly DocumentLineInput[] },
): Promise<{ lines: LineRow[]; amounts: DocumentAmounts }> {
  const accounts = accountRepository(tx);
  const taxRates = new Map<string, UsableTaxRate>();
  let defaultAccountId: string | undefined;
  let grniAccountId: string | undefined;
  const resolved = [];
  for (const [index, line] of input.lines.entries()) {
    const path = (field: string) => `lines.${index}.${field}`;
    const product = line.productId ? await requireActiveProduct(tx, scope, { id: line.productId, path: path("productId") }) : null;
    let unitPrice = line.unitPrice;
    if (unitPrice === undefined && product) {
      const price = kind.kind === "invoice" ? product.salePrice : product.purchaseCost;
      const what = kind.kind === "invoice" ? "sale price" : "purchase cost";
      if (price === null || product.currency !== input.currency) throw unitPriceRequired(product.sku, what, input.currency, path("unitPrice"));
      unitPrice = price;
    }
    let tax: UsableTaxRate | null = null;
    if (line.taxRateId) {
      tax = taxRates.get(line.taxRateId) ?? (await requireUsableTaxRate(tx, scope, { id: line.taxRateId, usage: kind.taxUsage, path: path("taxRateId") }));
      taxRates.set(tax.id, tax);
    } else if (line.taxRateId === undefined && product?.taxRate != null) {
      // Left out: the product's tax rate; null: no tax.
      tax = await productDefaultTaxRate(tx, scope, { sku: product.sku, rate: product.taxRate, usage: kind.taxUsage, path: path("taxRateId") });
    }
    let accountId = line.accountId;
    if (accountId) {
      const account = await accounts.find(scope.organizationId, accountId);
      if (!account) throw unknownDocumentAccount(path("accountId"));
      const problem = lineAccountProblem(kind, account, input.currency);
      if (problem) throw invalidDocumentAccount(account.code, problem, path("accountId"));
    } else if (kind.kind === "bill" && product?.type === STOCK_ITEM) {
      // Stock accounting debited inventory and credited GRNI when the goods arrived: the bill clears GRNI.
      if (grniAccountId === undefined) {
        const grni = await accounts.firstOfSubtype(scope.organizationId, "goods_received_not_invoiced");
        if (!grni) throw defaultAccountMissing("goods_received_not_invoiced", path("accountId"));
        grniAccountId = grni.id;
      }
      accountId = grniAccountId;
    } else {
      if (defaultAccountId === undefined) {
        const fallback = await accounts.firstOfSubtype(scope.organizationId, kind.defaultLineSubtype);
        if (!fallback) throw defaultAccountMissing(kind.defaultLineSubtype, path("accountId"));
        defaultAccountId = fallback.id;
      }
      accountId = defaultAccountId;
    }
    resolved.push({ line, product, unitPrice: unitPrice!, tax, accountId });
  }

  const amounts = calculateDocumentAmounts(
    input.currency,
    resolved.map(({ line, unitPrice, tax }) => ({
      quantity: line.quantity,
      unitPrice,
      discountPercent: line.discountPercent ?? "0",
      tax: tax ? { taxRateId: tax.id, rate: tax.rate } : null,
    })),
  );
  const lines = resolved.map(({ line, product, unitPrice, tax, accountId }, index): LineRow => {
    const lineAmounts = amounts.lines[index]!;
    return {
      id: uuidv7(),
      lineNumber: index + 1,
      productId: product?.id ?? null,
      description: line.description ?? product!.name,
      quantity: line.quantity,
      unitPrice,
      discountPercent: line.discountPercent ?? "0",
      taxRateId: tax?.id ?? null,
      taxRate: tax?.rate ?? null,
      accountId,
      net: lineAmounts.net,
      tax: lineAmounts.tax,
      total: lineAmounts.total,
    };
  });
  return { lines, amounts };
}
