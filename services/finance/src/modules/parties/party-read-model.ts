/**
 * Finance's read model of master-data's customers, suppliers and products, written only by the
 * `master_data.*` event consumers (src/consumers/master-data-events.ts) in the transaction
 * `applyOnce` hands them, so documents validate a party or product id and copy its defaults
 * (payment terms, currency, price, tax rate) without calling master-data.
 *
 * Ordering: each row keeps the time of the last event applied to it (`occurredAt`); an event that
 * happened before it (a late redelivery, an out-of-order retry) changes nothing. A redelivered event
 * is already stopped by `applyOnce` (one row per consumer group and event id). A status event
 * (archived/restored) for a record finance never heard of changes nothing: its created or updated
 * event carries the whole record, status included.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { partyReadRepository } from "./party.repository";

export type PartyKind = "customer" | "supplier";

/** A postal address as master-data's events carry it. */
export interface PartyAddress {
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string | null;
  country: string;
}

/** What finance keeps of a customer or supplier (the created/updated events' snapshot). */
export interface PartySnapshot {
  code: string;
  legalName: string;
  displayName: string;
  taxId: string | null;
  email: string | null;
  billingAddress: PartyAddress | null;
  paymentTermsDays: number;
  currency: string;
  /** Customers only: a decimal string, or null (none). */
  creditLimit?: string | null;
  status: "active" | "archived";
}

/** What finance keeps of a product. Prices and costs are decimal strings in `currency`; `taxRate` a percent. */
export interface ProductSnapshot {
  sku: string;
  name: string;
  type: string;
  unitOfMeasure: string;
  salePrice: string | null;
  purchaseCost: string | null;
  currency: string;
  taxRate: string | null;
  status: "active" | "archived";
}

/** When the event happened (its envelope's `occurredAt`, ISO 8601). */
interface Occurred {
  occurredAt: string;
}

/**
 * Inserts the party or replaces it with `snapshot`, unless a later event was applied already.
 * An archived snapshot keeps the first archive time; an active one clears it.
 * @returns whether the row changed
 */
export async function applyPartySnapshot(
  tx: Tx,
  scope: Scope,
  input: Occurred & { kind: PartyKind; id: string; snapshot: PartySnapshot },
): Promise<boolean> {
  return partyReadRepository(tx).upsertParty(scope.organizationId, input);
}

/**
 * Marks the party archived (`archived: true`, keeping the first archive time) or active again,
 * unless a later event was applied already; an unknown party changes nothing.
 * @returns whether the row changed
 */
export async function applyPartyStatus(
  tx: Tx,
  scope: Scope,
  input: Occurred & { kind: PartyKind; id: string; code: string; archived: boolean },
): Promise<boolean> {
  return partyReadRepository(tx).setPartyStatus(scope.organizationId, input);
}

/** The product counterpart of `applyPartySnapshot`. @returns whether the row changed */
export async function applyProductSnapshot(tx: Tx, scope: Scope, input: Occurred & { id: string; snapshot: ProductSnapshot }): Promise<boolean> {
  return partyReadRepository(tx).upsertProduct(scope.organizationId, input);
}

/** The product counterpart of `applyPartyStatus`. @returns whether the row changed */
export async function applyProductStatus(
  tx: Tx,
  scope: Scope,
  input: Occurred & { id: string; sku: string; archived: boolean },
): Promise<boolean> {
  return partyReadRepository(tx).setProductStatus(scope.organizationId, input);
}
