/**
 * Likely duplicates among the organization's active contacts, as pairs with the reasons: the same
 * normalised email address or phone number, or a similar name (the same last name, and first names
 * equal or one the start of the other: Rob / Robert). Addresses compare trimmed and lower-cased
 * only: ann+crm@x.com and ann@x.com are different people to this check.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { toContactDto, type ContactDto } from "./contact.schemas";

export interface DuplicatePair {
  contacts: ContactDto[];
  reasons: ("email" | "phone" | "name")[];
}

export async function findDuplicates(tx: Tx, scope: Scope, input: { limit: number }): Promise<DuplicatePair[]> {
  const { organizationId } = scope;
  const pairs = await tx.$queryRaw<{ a: string; b: string; reasons: DuplicatePair["reasons"] }[]>`
    WITH active AS (
      SELECT id, lower(btrim(first_name)) AS first, lower(btrim(last_name)) AS last
      FROM contacts WHERE organization_id = ${organizationId}::uuid AND status = 'active'
    ), candidates AS (
      SELECT p1.contact_id AS a, p2.contact_id AS b, 'phone' AS reason
      FROM contact_phones p1
      JOIN contact_phones p2 ON p2.organization_id = p1.organization_id AND p2.number = p1.number AND p2.contact_id > p1.contact_id
      WHERE p1.organization_id = ${organizationId}::uuid
      UNION ALL
      SELECT e1.contact_id, e2.contact_id, 'email'
      FROM contact_emails e1
      JOIN contact_emails e2 ON e2.organization_id = e1.organization_id AND e2.normalised = e1.normalised AND e2.contact_id > e1.contact_id
      WHERE e1.organization_id = ${organizationId}::uuid
      UNION ALL
      SELECT c1.id, c2.id, 'name'
      FROM active c1
      JOIN active c2 ON c2.last = c1.last AND c2.id > c1.id
      WHERE c1.first = c2.first OR starts_with(c1.first, c2.first) OR starts_with(c2.first, c1.first)
    )
    SELECT c.a, c.b, array_agg(DISTINCT c.reason ORDER BY c.reason) AS reasons
    FROM candidates c
    JOIN active x ON x.id = c.a
    JOIN active y ON y.id = c.b
    GROUP BY c.a, c.b
    ORDER BY c.a, c.b
    LIMIT ${input.limit}`;
  const ids = [...new Set(pairs.flatMap((pair) => [pair.a, pair.b]))];
  const rows = await tx.contact.findMany({ where: { organizationId, id: { in: ids } }, include: { emails: true, phones: true } });
  const byId = new Map(rows.map((row) => [row.id, toContactDto(row)]));
  return pairs.map((pair) => ({
    contacts: [byId.get(pair.a)!, byId.get(pair.b)!].sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id)),
    reasons: pair.reasons,
  }));
}
