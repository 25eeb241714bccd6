/**
 * Creates a contact with its emails and phones, and its created event. Also what a CSV row and a
 * lead conversion create. An address another active contact has is refused with that contact's id.
 */
import { uuidv7 } from "@erp/db";
import { contactCreated } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { referencedCompanyId } from "../companies/referenced-company";
import { recordChange } from "../timeline/record-change";
import { assertEmailsFree } from "./contact-emails";
import { contactRepository } from "./contact.repository";
import { contactSnapshot, emailInputs, phoneInputs, toContactDto, type ContactDto, type CreateContactInput } from "./contact.schemas";
import { findContact } from "./get-contact";
import { requireActiveMember } from "../members/require-active-member";

/**
 * The owner defaults to the acting user; one given must be an active member.
 * @throws AppError 409 CONFLICT naming the contact that has one of the addresses
 * @throws AppError 422 UNKNOWN_REFERENCE (company), NOT_AN_ACTIVE_MEMBER (ownerId)
 */
export async function createContact(tx: Tx, scope: Scope, input: CreateContactInput): Promise<ContactDto> {
  const { organizationId } = scope;
  const repository = contactRepository(tx);
  const emails = emailInputs(input.emails);
  await assertEmailsFree(tx, scope, emails);
  const companyId = await referencedCompanyId(tx, organizationId, input.companyId);
  await requireActiveMember(tx, scope, { userId: input.ownerId, path: "ownerId" });
  const id = uuidv7();
  await repository.create(organizationId, {
    id,
    firstName: input.firstName,
    lastName: input.lastName ?? null,
    jobTitle: input.jobTitle ?? null,
    companyId: companyId ?? null,
    ownerId: input.ownerId ?? (scope.actor.type === "user" ? scope.actor.id : null),
    tags: input.tags,
  });
  await repository.setEmails(organizationId, id, emails);
  await repository.setPhones(organizationId, id, phoneInputs(input.phones));
  const dto = toContactDto(await findContact(tx, scope, id));
  await recordChange(tx, scope, { recordType: "contact", recordId: id, kind: "created" });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: contactCreated,
    organizationId,
    aggregateType: "contact",
    aggregateId: id,
    actor: scope.actor,
    data: contactSnapshot(dto),
  });
  return dto;
}
