/**
 * For tests of documents and what settles them: customers, suppliers and products put straight
 * into finance's read model (as master-data's events would), tax rates, drafts, issued invoices
 * and approved bills through HTTP. Not used by the service itself.
 */
import { inTransaction, uuidv7 } from "@erp/db";
import type { Api, FinanceTestApp } from "../../../test/harness";
import { asService } from "../../events";
import { applyPartySnapshot, applyProductSnapshot, type PartyKind, type PartySnapshot, type ProductSnapshot } from "../parties/party-read-model";

let clock = Date.parse("2026-01-01T00:00:00.000Z");
const occurredAt = () => new Date((clock += 1000)).toISOString();

/** A customer or supplier of `organizationId` in finance's read model (active, 30 days, EUR unless told); its id. */
export async function partyFixture(t: FinanceTestApp, organizationId: string, kind: PartyKind, snapshot: Partial<PartySnapshot> = {}): Promise<string> {
  const id = uuidv7();
  const code = `${kind === "customer" ? "CUS" : "SUP"}-${id.slice(-6)}`;
  await inTransaction(t.db, asService(organizationId), (tx) =>
    applyPartySnapshot(tx, asService(organizationId), {
      kind,
      id,
      occurredAt: occurredAt(),
      snapshot: {
        code,
        legalName: `${code} Ltd`,
        displayName: kind === "customer" ? `Customer ${code}` : `Supplier ${code}`,
        taxId: null,
        email: null,
        billingAddress: null,
        paymentTermsDays: 30,
        currency: "EUR",
        status: "active",
        ...snapshot,
      },
    }),
  );
  return id;
}

/** A product of `organizationId` in finance's read model (sale price 100.00, cost 60.0000 EUR unless told); its id. */
export async function productFixture(t: FinanceTestApp, organizationId: string, snapshot: Partial<ProductSnapshot> = {}): Promise<string> {
  const id = uuidv7();
  await inTransaction(t.db, asService(organizationId), (tx) =>
    applyProductSnapshot(tx, asService(organizationId), {
      id,
      occurredAt: occurredAt(),
      snapshot: {
        sku: `SKU-${id.slice(-6)}`,
        name: "Widget",
        type: "goods",
        unitOfMeasure: "pcs",
        salePrice: "100.00",
        purchaseCost: "60.0000",
        currency: "EUR",
        taxRate: null,
        status: "active",
        ...snapshot,
      },
    }),
  );
  return id;
}

/** A tax rate through the API; its id. */
export async function taxRateFixture(api: Api, body: { name?: string; rate: string; appliesTo: "sales" | "purchase" | "both" }): Promise<string> {
  const res = await api.post("/tax-rates", { name: body.name ?? `Tax ${body.rate}% ${body.appliesTo} ${uuidv7().slice(-4)}`, ...body });
  if (res.status !== 201) throw new Error(`tax rate: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}

// Invoices and bills as the API answers them: open records, the tests read the fields they check.
type DocumentBody = Record<string, unknown> & { id: string; status: string; number: string | null; total: string; amountDue: string; journalEntryId: string | null };

/** A draft through POST `path` (`/invoices`, `/bills`). */
export async function draftFixture(api: Api, path: "/invoices" | "/bills", body: Record<string, unknown>): Promise<DocumentBody> {
  const res = await api.post(path, body);
  if (res.status !== 201) throw new Error(`draft ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

/** A draft issued (invoices) or approved (bills). */
export async function postedFixture(api: Api, path: "/invoices" | "/bills", body: Record<string, unknown>, postBody: Record<string, unknown> = {}): Promise<DocumentBody> {
  const draft = await draftFixture(api, path, body);
  const res = await api.post(`${path}/${draft.id}/${path === "/invoices" ? "issue" : "approve"}`, postBody);
  if (res.status !== 200) throw new Error(`post ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}
