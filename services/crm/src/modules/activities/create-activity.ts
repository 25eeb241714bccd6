/** Logs an activity or creates a task, attached to one or more records; publishes crm.activity.created. */
import { uuidv7 } from "@erp/db";
import { activityCreated } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { unknownReference } from "../../references";
import { referencedCompanyId } from "../companies/referenced-company";
import { referencedContactId } from "../contacts/resolve-contact";
import { activityRepository } from "./activity.repository";
import { activityLinks, toActivityDto, type ActivityDto, type CreateActivityInput } from "./activity.schemas";
import { syncDueQueue } from "./due-queue";
import { requireActiveMember } from "../members/require-active-member";

/**
 * @throws AppError 422 UNKNOWN_REFERENCE when a record it is attached to does not exist in the
 *   organization; NOT_AN_ACTIVE_MEMBER when the assignee is not an active member
 */
export async function createActivity(tx: Tx, scope: Scope, input: CreateActivityInput): Promise<ActivityDto> {
  const { organizationId } = scope;
  const companyId = await referencedCompanyId(tx, organizationId, input.companyId);
  const contactId = await referencedContactId(tx, organizationId, input.contactId);
  if (input.leadId && !(await tx.lead.findFirst({ where: { organizationId, id: input.leadId }, select: { id: true } }))) {
    throw unknownReference("leadId", "lead");
  }
  if (input.opportunityId && !(await tx.opportunity.findFirst({ where: { organizationId, id: input.opportunityId }, select: { id: true } }))) {
    throw unknownReference("opportunityId", "opportunity");
  }
  await requireActiveMember(tx, scope, { userId: input.assigneeId, path: "assigneeId" });
  const row = await activityRepository(tx).create(organizationId, {
    id: uuidv7(),
    type: input.type,
    subject: input.subject,
    body: input.body ?? null,
    occurredAt: input.occurredAt ? new Date(input.occurredAt) : new Date(),
    durationMinutes: input.durationMinutes ?? null,
    dueAt: input.dueAt ? new Date(input.dueAt) : null,
    assigneeId: input.assigneeId ?? null,
    companyId: companyId ?? null,
    contactId: contactId ?? null,
    leadId: input.leadId ?? null,
    opportunityId: input.opportunityId ?? null,
    createdBy: `${scope.actor.type}:${scope.actor.id}`,
  });
  await syncDueQueue(tx, organizationId, row);
  const dto = toActivityDto(row);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: activityCreated,
    organizationId,
    aggregateType: "activity",
    aggregateId: dto.id,
    actor: scope.actor,
    data: { type: dto.type, subject: dto.subject, occurredAt: dto.occurredAt, dueAt: dto.dueAt, assigneeId: dto.assigneeId, links: activityLinks(dto) },
  });
  return dto;
}
