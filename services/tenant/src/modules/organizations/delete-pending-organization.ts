/**
 * Registration's compensation: when the auth service fails after step one, it removes the
 * half-made organization. Only a pending one: a live organization is never deleted this way.
 * Nothing was published for it (the created event is written at activation), so nothing to undo.
 */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { organizationCannotBe } from "./organization.errors";
import { organizationRepository } from "./organization.repository";

/** Deletes the scope's organization. @throws AppError 404 NOT_FOUND, 409 INVALID_STATE unless pending */
export async function deletePendingOrganization(tx: Tx, scope: Scope): Promise<void> {
  const { organizationId } = scope;
  const organizations = organizationRepository(tx);
  const current = await organizations.findById(organizationId);
  if (!current) throw notFound("Organization");
  if (current.status !== "pending") throw organizationCannotBe("deleted", current.status);
  await organizations.deletePending(organizationId);
}
