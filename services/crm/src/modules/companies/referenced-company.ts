/** A company a body refers to, checked to be the organization's. */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import { unknownReference } from "../../references";

/**
 * `id` itself when the organization has the company; null/undefined as given.
 * @throws AppError 422 UNKNOWN_REFERENCE when it has not
 */
export async function referencedCompanyId(tx: Tx, organizationId: OrganizationId, id: string | null | undefined, path = "companyId") {
  if (id === null || id === undefined) return id;
  const found = await tx.company.findFirst({ where: { organizationId, id }, select: { id: true } });
  if (!found) throw unknownReference(path, "company");
  return found.id;
}
