/** One contact; the id of a merged contact resolves to the contact it was merged into. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { contactMerged } from "./contact.errors";
import { contactRepository } from "./contact.repository";
import { toContactDto, type ContactDto, type ContactRow } from "./contact.schemas";
import { contactIdOf } from "./resolve-contact";

/** The contact itself, merged or not. @throws AppError 404 */
export async function findContact(tx: Tx, scope: Scope, id: string): Promise<ContactRow> {
  const row = await contactRepository(tx).find(scope.organizationId, id);
  if (!row) throw notFound("Contact");
  return row;
}

/** An active contact to change. @throws AppError 404; 409 INVALID_STATE when it was merged */
export async function findActiveContact(tx: Tx, scope: Scope, id: string): Promise<ContactRow> {
  const row = await findContact(tx, scope, id);
  if (row.status === "merged") throw contactMerged(row.mergedIntoId!);
  return row;
}

/** The contact, following a merge redirect: the old id of a merged contact answers the survivor. @throws AppError 404 */
export async function getContact(tx: Tx, scope: Scope, input: { id: string }): Promise<ContactDto> {
  return toContactDto(await findContact(tx, scope, await contactIdOf(tx, scope.organizationId, input.id)));
}
