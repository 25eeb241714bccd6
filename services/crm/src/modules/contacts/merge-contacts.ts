/**
 * Merges a duplicate contact into another (the survivor), in one transaction. Carried over: every
 * activity, opportunity and lead link, the timeline's changes, the emails and phones (the
 * survivor's first), the tags (both); fields empty on the survivor are filled from the duplicate
 * (filled, never overwritten; the owner only while an active member). The duplicate stays as a
 * merged row and a redirect: its id keeps resolving to the survivor; redirects to it are
 * re-pointed, so chains stay one step long.
 */
import { contactMerged as contactMergedEvent } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { isActiveMember } from "../members/require-active-member";
import { recordChange } from "../timeline/record-change";
import { mergeIntoItself } from "./contact.errors";
import { contactRepository } from "./contact.repository";
import { toContactDto, type ContactDto } from "./contact.schemas";
import { findActiveContact, findContact } from "./get-contact";
import { contactIdOf } from "./resolve-contact";
import { changeContact } from "./update-contact";

const FILLABLE = ["lastName", "jobTitle", "companyId", "ownerId"] as const;

/**
 * @returns the survivor after the merge
 * @throws AppError 404 (either contact); 409 INVALID_STATE when the duplicate was merged already;
 *   422 MERGE_INTO_ITSELF
 */
export async function mergeContacts(tx: Tx, scope: Scope, input: { id: string; intoId: string }): Promise<ContactDto> {
  const { organizationId } = scope;
  const repository = contactRepository(tx);
  const intoId = await contactIdOf(tx, organizationId, input.intoId);
  if (intoId === input.id) throw mergeIntoItself();
  await repository.lock(organizationId, [input.id, intoId]);
  const duplicate = await findActiveContact(tx, scope, input.id);
  const survivor = await findActiveContact(tx, scope, intoId);

  const moved = {
    activities: await tx.activity.updateMany({ where: { organizationId, contactId: duplicate.id }, data: { contactId: survivor.id } }),
    opportunities: await tx.opportunity.updateMany({ where: { organizationId, contactId: duplicate.id }, data: { contactId: survivor.id } }),
  };
  await tx.lead.updateMany({ where: { organizationId, contactId: duplicate.id }, data: { contactId: survivor.id } });
  await tx.recordChange.updateMany({ where: { organizationId, recordType: "contact", recordId: duplicate.id }, data: { recordId: survivor.id } });

  // The duplicate's addresses and numbers move over (none is the survivor's: addresses are unique
  // among active contacts); it keeps none, so they stay unique.
  const survivorDto = toContactDto(survivor);
  const duplicateDto = toContactDto(duplicate);
  const emails = [...survivorDto.emails, ...duplicateDto.emails].map((e) => ({ email: e.email, label: e.label ?? undefined }));
  const numbers = new Set(survivorDto.phones.map((p) => p.number));
  const phones = [...survivorDto.phones, ...duplicateDto.phones.filter((p) => !numbers.has(p.number))].map((p) => ({
    number: p.number,
    label: p.label ?? undefined,
  }));
  await repository.setEmails(organizationId, duplicate.id, []);
  await repository.setPhones(organizationId, duplicate.id, []);

  // The duplicate's owner is carried over only while an active member (giving a record to someone who left is refused).
  const ownerCarries = duplicate.ownerId !== null && (await isActiveMember(tx, scope, duplicate.ownerId));
  const filled = FILLABLE.filter((field) => survivor[field] === null && duplicate[field] !== null && (field !== "ownerId" || ownerCarries));
  const now = new Date();
  await repository.update(organizationId, duplicate.id, { status: "merged", mergedIntoId: survivor.id, mergedAt: now });
  await tx.contact.updateMany({ where: { organizationId, mergedIntoId: duplicate.id }, data: { mergedIntoId: survivor.id } });
  await tx.mergeRedirect.updateMany({ where: { organizationId, recordType: "contact", toId: duplicate.id }, data: { toId: survivor.id } });
  await tx.mergeRedirect.create({
    data: { fromId: duplicate.id, organizationId, recordType: "contact", toId: survivor.id, mergedAt: now, mergedBy: `${scope.actor.type}:${scope.actor.id}` },
  });

  const merged = await changeContact(tx, scope, await findContact(tx, scope, survivor.id), {
    ...Object.fromEntries(filled.map((field) => [field, duplicate[field]])),
    tags: [...new Set([...survivor.tags, ...duplicate.tags])],
    emails,
    phones,
  });
  const summary = {
    intoId: survivor.id,
    movedActivities: moved.activities.count,
    movedOpportunities: moved.opportunities.count,
    filledFields: [...filled],
  };
  await recordChange(tx, scope, { recordType: "contact", recordId: survivor.id, kind: "merged", changes: { fromId: duplicate.id, ...summary }, at: now });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: contactMergedEvent,
    organizationId,
    aggregateType: "contact",
    aggregateId: duplicate.id,
    actor: scope.actor,
    data: summary,
  });
  return merged;
}
