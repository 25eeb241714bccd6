/**
 * Deletes a contact no opportunity refers to, with its emails and phones. Activities attached only
 * to it go too (the others lose the link); a lead converted into it keeps its conversion without it.
 * Merged contacts stay (their ids redirect); deleting one is refused like any change.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { detachActivities } from "../activities/detach-activities";
import { contactInUse } from "./contact.errors";
import { contactRepository } from "./contact.repository";
import { findActiveContact } from "./get-contact";

/** @throws AppError 404; 409 INVALID_STATE (merged), CONTACT_IN_USE */
export async function deleteContact(tx: Tx, scope: Scope, input: { id: string }): Promise<void> {
  const { organizationId } = scope;
  const repository = contactRepository(tx);
  await repository.lock(organizationId, [input.id]);
  const contact = await findActiveContact(tx, scope, input.id);
  const opportunities = await tx.opportunity.count({ where: { organizationId, contactId: contact.id } });
  if (opportunities > 0) throw contactInUse(opportunities);
  await detachActivities(tx, organizationId, "contact", contact.id);
  await tx.lead.updateMany({ where: { organizationId, contactId: contact.id }, data: { contactId: null } });
  // Contacts merged into this one (chains are flattened) lose their redirect target: they go with it.
  await tx.mergeRedirect.deleteMany({ where: { organizationId, recordType: "contact", toId: contact.id } });
  await tx.contact.deleteMany({ where: { organizationId, mergedIntoId: contact.id } });
  await repository.delete(organizationId, contact.id);
}
