/** Changes an opportunity's fields (its stage moves through `moveOpportunity`). */
import { opportunityUpdated } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { referencedCompanyId } from "../companies/referenced-company";
import { referencedContactId } from "../contacts/resolve-contact";
import { fieldChanges, recordChange } from "../timeline/record-change";
import { findOpportunity } from "./get-opportunity";
import { opportunityRepository } from "./opportunity.repository";
import { opportunitySnapshot, toOpportunityDto, type OpportunityDto, type UpdateOpportunityInput } from "./opportunity.schemas";
import { requireActiveMember } from "../members/require-active-member";

const FIELDS = ["name", "companyId", "contactId", "amount", "currency", "expectedCloseDate", "ownerId", "tags"] as const;

/**
 * A change that changes nothing writes nothing and publishes nothing.
 * @throws AppError 404; 422 UNKNOWN_REFERENCE (company, contact), NOT_AN_ACTIVE_MEMBER (a new owner)
 */
export async function updateOpportunity(tx: Tx, scope: Scope, input: { id: string; changes: UpdateOpportunityInput }): Promise<OpportunityDto> {
  const { organizationId } = scope;
  const repository = opportunityRepository(tx);
  await repository.lock(organizationId, input.id);
  const before = toOpportunityDto(await findOpportunity(tx, scope, input.id));
  const { changes } = input;
  const companyId = await referencedCompanyId(tx, organizationId, changes.companyId);
  const contactId = await referencedContactId(tx, organizationId, changes.contactId);
  const after = {
    ...before,
    ...changes,
    ...(companyId === undefined ? {} : { companyId }),
    ...(contactId === undefined ? {} : { contactId }),
  } as OpportunityDto;
  const changed = fieldChanges(before, after, FIELDS);
  if (changed.length === 0) return before;
  if (after.ownerId !== before.ownerId) await requireActiveMember(tx, scope, { userId: after.ownerId, path: "ownerId" });
  const row = await repository.update(organizationId, input.id, {
    name: after.name,
    companyId: after.companyId,
    contactId: after.contactId,
    amount: after.amount,
    currency: after.currency,
    expectedCloseDate: after.expectedCloseDate ? new Date(`${after.expectedCloseDate}T00:00:00Z`) : null,
    ownerId: after.ownerId,
    tags: after.tags,
  });
  const dto = toOpportunityDto(row);
  await recordChange(tx, scope, { recordType: "opportunity", recordId: dto.id, kind: "updated", changes: changed });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: opportunityUpdated,
    organizationId,
    aggregateType: "opportunity",
    aggregateId: dto.id,
    actor: scope.actor,
    data: { ...opportunitySnapshot(dto), changedFields: changed.map((c) => c.field) },
  });
  return dto;
}
