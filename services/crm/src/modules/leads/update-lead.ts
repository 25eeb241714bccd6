/** Changes a lead's fields (not its status: that moves through the actions). A converted lead is read-only. */
import { Decimal, formatDecimal } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { normaliseEmail, toE164 } from "../../contact-points";
import type { Lead } from "../../generated/prisma/client";
import { fieldChanges, recordChange } from "../timeline/record-change";
import { findLead } from "./get-lead";
import { leadStatusForbids } from "./lead.errors";
import { leadRepository } from "./lead.repository";
import { toLeadDto, updatableLeadFields, type LeadDto, type UpdateLeadInput } from "./lead.schemas";
import { requireActiveMember } from "../members/require-active-member";

/** @throws AppError 404; 409 INVALID_STATE when it was converted */
export async function updateLead(tx: Tx, scope: Scope, input: { id: string; changes: UpdateLeadInput }): Promise<LeadDto> {
  await leadRepository(tx).lock(scope.organizationId, input.id);
  return changeLead(tx, scope, await findLead(tx, scope, input.id), input.changes);
}

/** What `changes` would change on `lead` (field names); empty when nothing. */
export function leadChanges(lead: Lead, changes: UpdateLeadInput): string[] {
  const before = toLeadDto(lead);
  return fieldChanges(before, applied(before, changes), updatableLeadFields).map((c) => c.field);
}

/**
 * Writes `changes` over `lead` (also what an upsert CSV row writes): nothing when nothing changes;
 * else the row and a timeline change.
 * @throws AppError 409 INVALID_STATE when the lead was converted; 422 NOT_AN_ACTIVE_MEMBER (a new owner)
 */
export async function changeLead(tx: Tx, scope: Scope, lead: Lead, changes: UpdateLeadInput): Promise<LeadDto> {
  if (lead.status === "converted") throw leadStatusForbids("converted", "changed");
  const before = toLeadDto(lead);
  const after = applied(before, changes);
  const changed = fieldChanges(before, after, updatableLeadFields);
  if (changed.length === 0) return before;
  if (after.ownerId !== before.ownerId) await requireActiveMember(tx, scope, { userId: after.ownerId, path: "ownerId" });
  const row = await leadRepository(tx).update(scope.organizationId, lead.id, {
    name: after.name,
    companyName: after.companyName,
    email: after.email,
    normalisedEmail: after.email === null ? null : normaliseEmail(after.email),
    phone: after.phone,
    source: after.source,
    ownerId: after.ownerId,
    estimatedValue: after.estimatedValue,
    currency: after.currency,
    tags: after.tags,
    notes: after.notes,
  });
  await recordChange(tx, scope, { recordType: "lead", recordId: lead.id, kind: "updated", changes: changed });
  return toLeadDto(row);
}

/** The lead as `changes` would leave it, values in the stored form (E.164 phone, 2-decimal amount). */
function applied(before: LeadDto, changes: UpdateLeadInput): LeadDto {
  const after: LeadDto = {
    ...before,
    ...changes,
    ...(changes.email === undefined ? {} : { email: changes.email?.trim() ?? null }),
    ...(changes.phone === undefined ? {} : { phone: changes.phone ? toE164(changes.phone) : null }),
    ...(changes.estimatedValue === undefined ? {} : { estimatedValue: changes.estimatedValue === null ? null : formatDecimal(new Decimal(changes.estimatedValue), 2) }),
  } as LeadDto;
  if (after.estimatedValue === null) after.currency = null;
  return after;
}
