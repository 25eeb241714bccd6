/**
 * SQL of finance's read model of customers, suppliers and products; the organization id comes first
 * and is part of every statement. Writes compare the event's time with the row's
 * `source_event_at` in the statement itself, so concurrent or late events cannot undo a later one.
 */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { PartyKind, PartySnapshot, ProductSnapshot } from "./party-read-model";

export function partyReadRepository(tx: Tx) {
  return {
    findParty: (organizationId: OrganizationId, kind: PartyKind, id: string) => tx.party.findFirst({ where: { organizationId, kind, id } }),

    findProduct: (organizationId: OrganizationId, id: string) => tx.product.findFirst({ where: { organizationId, id } }),

    /** Insert, or replace when `occurredAt` is not before the row's last event. @returns whether a row was written */
    upsertParty: async (
      organizationId: OrganizationId,
      input: { kind: PartyKind; id: string; occurredAt: string; snapshot: PartySnapshot },
    ): Promise<boolean> => {
      const { kind, id, occurredAt, snapshot: s } = input;
      const address = s.billingAddress ? JSON.stringify(s.billingAddress) : null;
      const archived = s.status === "archived";
      const written = await tx.$executeRaw`
        INSERT INTO parties AS p (organization_id, kind, id, code, display_name, legal_name, tax_id, email, billing_address,
          payment_terms_days, currency, credit_limit, archived_at, source_event_at)
        VALUES (${organizationId}::uuid, ${kind}::party_type, ${id}::uuid, ${s.code}, ${s.displayName}, ${s.legalName}, ${s.taxId},
          ${s.email}, ${address}::jsonb, ${s.paymentTermsDays}, ${s.currency}, ${s.creditLimit ?? null}::numeric,
          CASE WHEN ${archived} THEN ${occurredAt}::timestamptz END, ${occurredAt}::timestamptz)
        ON CONFLICT (organization_id, kind, id) DO UPDATE SET
          code = EXCLUDED.code, display_name = EXCLUDED.display_name, legal_name = EXCLUDED.legal_name, tax_id = EXCLUDED.tax_id,
          email = EXCLUDED.email, billing_address = EXCLUDED.billing_address, payment_terms_days = EXCLUDED.payment_terms_days,
          currency = EXCLUDED.currency, credit_limit = EXCLUDED.credit_limit,
          archived_at = CASE WHEN EXCLUDED.archived_at IS NULL THEN NULL ELSE coalesce(p.archived_at, EXCLUDED.archived_at) END,
          source_event_at = EXCLUDED.source_event_at, updated_at = now()
        WHERE p.source_event_at <= EXCLUDED.source_event_at`;
      return written > 0;
    },

    /** Archive (keeping the first archive time) or reactivate, when `occurredAt` is not before the row's last event. @returns whether a row changed */
    setPartyStatus: async (
      organizationId: OrganizationId,
      input: { kind: PartyKind; id: string; code: string; occurredAt: string; archived: boolean },
    ): Promise<boolean> => {
      const { kind, id, code, occurredAt, archived } = input;
      const changed = await tx.$executeRaw`
        UPDATE parties
        SET archived_at = CASE WHEN ${archived} THEN coalesce(archived_at, ${occurredAt}::timestamptz) END, code = ${code},
          source_event_at = ${occurredAt}::timestamptz, updated_at = now()
        WHERE organization_id = ${organizationId}::uuid AND kind = ${kind}::party_type AND id = ${id}::uuid
          AND source_event_at <= ${occurredAt}::timestamptz`;
      return changed > 0;
    },

    /** Insert, or replace when `occurredAt` is not before the row's last event. @returns whether a row was written */
    upsertProduct: async (organizationId: OrganizationId, input: { id: string; occurredAt: string; snapshot: ProductSnapshot }): Promise<boolean> => {
      const { id, occurredAt, snapshot: s } = input;
      const archived = s.status === "archived";
      const written = await tx.$executeRaw`
        INSERT INTO products AS p (organization_id, id, sku, name, type, unit_of_measure, sale_price, purchase_cost, currency, tax_rate,
          archived_at, source_event_at)
        VALUES (${organizationId}::uuid, ${id}::uuid, ${s.sku}, ${s.name}, ${s.type}, ${s.unitOfMeasure}, ${s.salePrice}::numeric,
          ${s.purchaseCost}::numeric, ${s.currency}, ${s.taxRate}::numeric,
          CASE WHEN ${archived} THEN ${occurredAt}::timestamptz END, ${occurredAt}::timestamptz)
        ON CONFLICT (organization_id, id) DO UPDATE SET
          sku = EXCLUDED.sku, name = EXCLUDED.name, type = EXCLUDED.type, unit_of_measure = EXCLUDED.unit_of_measure,
          sale_price = EXCLUDED.sale_price, purchase_cost = EXCLUDED.purchase_cost, currency = EXCLUDED.currency, tax_rate = EXCLUDED.tax_rate,
          archived_at = CASE WHEN EXCLUDED.archived_at IS NULL THEN NULL ELSE coalesce(p.archived_at, EXCLUDED.archived_at) END,
          source_event_at = EXCLUDED.source_event_at, updated_at = now()
        WHERE p.source_event_at <= EXCLUDED.source_event_at`;
      return written > 0;
    },

    /** Archive or reactivate a product, when `occurredAt` is not before the row's last event. @returns whether a row changed */
    setProductStatus: async (
      organizationId: OrganizationId,
      input: { id: string; sku: string; occurredAt: string; archived: boolean },
    ): Promise<boolean> => {
      const { id, sku, occurredAt, archived } = input;
      const changed = await tx.$executeRaw`
        UPDATE products
        SET archived_at = CASE WHEN ${archived} THEN coalesce(archived_at, ${occurredAt}::timestamptz) END, sku = ${sku},
          source_event_at = ${occurredAt}::timestamptz, updated_at = now()
        WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid AND source_event_at <= ${occurredAt}::timestamptz`;
      return changed > 0;
    },
  };
}
