/**
 * Old ids of merged contacts still resolve: a reference to one is a reference to the contact it
 * was merged into (redirect chains are flattened when merging, so one look-up is enough).
 */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import { unknownReference } from "../../references";

/** The id `id` lives on as: itself, or the contact it was merged into. */
export async function contactIdOf(tx: Tx, organizationId: OrganizationId, id: string): Promise<string> {
  const redirect = await tx.mergeRedirect.findFirst({ where: { organizationId, recordType: "contact", fromId: id } });
  return redirect?.toId ?? id;
}

/**
 * The active contact a body's `path` refers to (following a merge), or null for null/undefined.
 * @throws AppError 422 UNKNOWN_REFERENCE when the organization has no such contact
 */
export async function referencedContactId(tx: Tx, organizationId: OrganizationId, id: string | null | undefined, path = "contactId") {
  if (id === null || id === undefined) return id;
  const resolved = await contactIdOf(tx, organizationId, id);
  const found = await tx.contact.findFirst({ where: { organizationId, id: resolved, status: "active" }, select: { id: true } });
  if (!found) throw unknownReference(path, "contact");
  return found.id;
}
