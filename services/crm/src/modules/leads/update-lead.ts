/** Changes a lead's fields (not its status: that moves through the actions). A converted lead is read-only. */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { normaliseEmail, toE164 } from "../../contact-points";
import { fieldChanges, recordChange } from "../timeline/record-change";
import { findLead } from "./get-lead";
import { leadStatusForbids } from "./lead.errors";
import { leadRepository } from "./lead.repository";
import { toLeadDto, updatableLeadFields, type LeadDto, type UpdateLeadInput } from "./lead.schemas";

/** @throws AppError 404; 409 INVALID_STATE when it was converted */
export async function updateLead(tx: Tx, scope: Scope, input: { id: string; changes: UpdateLeadInput }): Promise<LeadDto> {
  const { organizationId } = scope;
  const repository = leadRepository(tx);
  await repository.lock(organizationId, input.id);
  const lead = await findLead(tx, scope, input.id);
  if (lead.status === "converted") throw leadStatusForbids("converted", "changed");
  const before = toLeadDto(lead);
  const { changes } = input;
  const after: LeadDto = {
    ...before,
    ...changes,
    ...(changes.email === undefined ? {} : { email: changes.email?.trim() ?? null }),
    ...(changes.phone === undefined ? {} : { phone: changes.phone ? toE164(changes.phone) : null }),
  } as LeadDto;
  if (after.estimatedValue === null) after.currency = null;
  const changed = fieldChanges(before, after, updatableLeadFields);
  if (changed.length === 0) return before;
  const row = await repository.update(organizationId, lead.id, {
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
