/** Changes a contact's fields; emails and phones, when given, replace the lists. */
import { contactUpdated } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { referencedCompanyId } from "../companies/referenced-company";
import { fieldChanges, recordChange } from "../timeline/record-change";
import { assertEmailsFree } from "./contact-emails";
import { contactRepository } from "./contact.repository";
import {
  contactSnapshot,
  emailInputs,
  phoneInputs,
  toContactDto,
  type ContactDto,
  type ContactRow,
  type EmailInput,
  type PhoneInput,
  type UpdateContactInput,
} from "./contact.schemas";
import { findActiveContact, findContact } from "./get-contact";
import { requireActiveMember } from "../members/require-active-member";

/** A contact's change with its emails and phones as the use cases take them. */
export interface ContactChanges extends Omit<UpdateContactInput, "emails" | "phones"> {
  emails?: EmailInput[];
  phones?: PhoneInput[];
}

const FIELDS = ["firstName", "lastName", "jobTitle", "companyId", "ownerId", "tags", "emails", "phones"] as const;

/**
 * @throws AppError 404; 409 INVALID_STATE (merged), CONFLICT (an address another contact has)
 * @throws AppError 422 UNKNOWN_REFERENCE (company)
 */
export async function updateContact(tx: Tx, scope: Scope, input: { id: string; changes: UpdateContactInput }): Promise<ContactDto> {
  await contactRepository(tx).lock(scope.organizationId, [input.id]);
  const contact = await findActiveContact(tx, scope, input.id);
  const { emails, phones, ...rest } = input.changes;
  return changeContact(tx, scope, contact, {
    ...rest,
    ...(emails === undefined ? {} : { emails: emailInputs(emails) }),
    ...(phones === undefined ? {} : { phones: phoneInputs(phones) }),
  });
}

/** What `changes` would change on `contact` (field names); empty when nothing. */
export function contactChanges(contact: ContactRow, changes: ContactChanges): string[] {
  const before = comparable(toContactDto(contact));
  return fieldChanges(before, { ...before, ...comparableChanges(changes) }, FIELDS).map((c) => c.field);
}

/**
 * Writes `changes` over an active contact: nothing (and no event) when nothing changes; else the
 * row, the lists given, a timeline change and crm.contact.updated.
 */
export async function changeContact(tx: Tx, scope: Scope, contact: ContactRow, changes: ContactChanges): Promise<ContactDto> {
  const { organizationId } = scope;
  const repository = contactRepository(tx);
  const before = comparable(toContactDto(contact));
  const after = { ...before, ...comparableChanges(changes) };
  const changed = fieldChanges(before, after, FIELDS);
  if (changed.length === 0) return toContactDto(contact);
  if (after.ownerId !== before.ownerId) await requireActiveMember(tx, scope, { userId: after.ownerId, path: "ownerId" });
  if (changes.emails) await assertEmailsFree(tx, scope, changes.emails, contact.id);
  const companyId = await referencedCompanyId(tx, organizationId, changes.companyId);
  await repository.update(organizationId, contact.id, {
    firstName: after.firstName,
    lastName: after.lastName,
    jobTitle: after.jobTitle,
    companyId: companyId === undefined ? contact.companyId : companyId,
    ownerId: after.ownerId,
    tags: after.tags,
  });
  if (changes.emails) await repository.setEmails(organizationId, contact.id, changes.emails);
  if (changes.phones) await repository.setPhones(organizationId, contact.id, changes.phones);
  const dto = toContactDto(await findContact(tx, scope, contact.id));
  await recordChange(tx, scope, { recordType: "contact", recordId: dto.id, kind: "updated", changes: changed });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: contactUpdated,
    organizationId,
    aggregateType: "contact",
    aggregateId: dto.id,
    actor: scope.actor,
    data: { ...contactSnapshot(dto), changedFields: changed.map((c) => c.field) },
  });
  return dto;
}

/** The contact's fields with its lists as plain values, so that a change compares by value. */
function comparable(dto: ContactDto) {
  return {
    ...dto,
    emails: dto.emails.map((e) => ({ email: e.email, label: e.label })),
    phones: dto.phones.map((p) => ({ number: p.number, label: p.label })),
  };
}

function comparableChanges(changes: ContactChanges) {
  const { emails, phones, ...rest } = changes;
  return {
    ...rest,
    ...(emails ? { emails: emails.map((e) => ({ email: e.email, label: e.label ?? null })) } : {}),
    ...(phones ? { phones: phones.map((p) => ({ number: p.number, label: p.label ?? null })) } : {}),
  };
}
