/** The rule a contact's addresses keep: no other active contact of the organization has one of them. */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { normaliseEmail } from "../../contact-points";
import { emailTaken } from "./contact.errors";
import { contactRepository } from "./contact.repository";
import type { EmailInput } from "./contact.schemas";

/**
 * Locks the addresses for this transaction and checks them; `self` is the contact they are for
 * (its own addresses are fine).
 * @throws AppError 409 CONFLICT naming the active contact that has one (`details[0]`: `emails.<i>`, `existing.id`)
 */
export async function assertEmailsFree(tx: Tx, scope: Scope, emails: EmailInput[], self?: string): Promise<void> {
  const repository = contactRepository(tx);
  const normalised = emails.map((e) => normaliseEmail(e.email));
  await repository.lockEmails(scope.organizationId, normalised);
  const taken = (await repository.activeEmails(scope.organizationId, normalised)).filter((row) => row.contactId !== self);
  const first = taken[0];
  if (first) throw emailTaken(`emails.${normalised.indexOf(first.normalised)}`, first.contactId);
}
