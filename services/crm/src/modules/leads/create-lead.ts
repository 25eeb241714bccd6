/** Creates a lead (status new) and its created event; also what a CSV row creates. */
import { uuidv7 } from "@erp/db";
import { leadCreated } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { normaliseEmail, toE164 } from "../../contact-points";
import { OUTBOX_SCHEMA } from "../../events";
import { recordChange } from "../timeline/record-change";
import { leadRepository } from "./lead.repository";
import { leadSnapshot, toLeadDto, type CreateLeadInput, type LeadDto } from "./lead.schemas";
import { requireActiveMember } from "../members/require-active-member";

/**
 * The owner defaults to the acting user; one given must be an active member.
 * @throws AppError 422 NOT_AN_ACTIVE_MEMBER (ownerId)
 */
export async function createLead(tx: Tx, scope: Scope, input: CreateLeadInput): Promise<LeadDto> {
  const { organizationId } = scope;
  await requireActiveMember(tx, scope, { userId: input.ownerId, path: "ownerId" });
  const email = input.email?.trim() ?? null;
  const row = await leadRepository(tx).create(organizationId, {
    id: uuidv7(),
    name: input.name,
    companyName: input.companyName ?? null,
    email,
    normalisedEmail: email === null ? null : normaliseEmail(email),
    phone: input.phone ? toE164(input.phone) : null,
    source: input.source ?? null,
    ownerId: input.ownerId ?? (scope.actor.type === "user" ? scope.actor.id : null),
    estimatedValue: input.estimatedValue ?? null,
    currency: input.estimatedValue ? (input.currency ?? null) : null,
    tags: input.tags,
    notes: input.notes ?? null,
  });
  const dto = toLeadDto(row);
  await recordChange(tx, scope, { recordType: "lead", recordId: dto.id, kind: "created" });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: leadCreated,
    organizationId,
    aggregateType: "lead",
    aggregateId: dto.id,
    actor: scope.actor,
    data: leadSnapshot(dto),
  });
  return dto;
}
