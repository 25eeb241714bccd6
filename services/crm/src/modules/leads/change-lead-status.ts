/**
 * A lead's way through its statuses: new → contacted → qualified, or disqualified (with a reason)
 * from any of them; converted only through `convertLead`. Anything else is refused.
 */
import { leadDisqualified, leadQualified } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import type { LeadStatus } from "../../generated/prisma/enums";
import { recordChange } from "../timeline/record-change";
import { findLead } from "./get-lead";
import { leadStatusForbids } from "./lead.errors";
import { leadRepository } from "./lead.repository";
import { toLeadDto, type LeadDto } from "./lead.schemas";

const ALLOWED: Record<"contacted" | "qualified" | "disqualified", { from: LeadStatus[]; verb: string }> = {
  contacted: { from: ["new"], verb: "marked contacted" },
  qualified: { from: ["new", "contacted"], verb: "qualified" },
  disqualified: { from: ["new", "contacted", "qualified"], verb: "disqualified" },
};

/** @throws AppError 404; 409 INVALID_STATE when the lead's status does not allow the move */
export async function changeLeadStatus(
  tx: Tx,
  scope: Scope,
  input: { id: string; status: "contacted" | "qualified" | "disqualified"; reason?: string },
): Promise<LeadDto> {
  const { organizationId } = scope;
  const repository = leadRepository(tx);
  await repository.lock(organizationId, input.id);
  const lead = await findLead(tx, scope, input.id);
  const rule = ALLOWED[input.status];
  if (!rule.from.includes(lead.status)) throw leadStatusForbids(lead.status, rule.verb);
  const row = await repository.update(organizationId, lead.id, {
    status: input.status,
    disqualifyReason: input.status === "disqualified" ? input.reason : null,
  });
  await recordChange(tx, scope, {
    recordType: "lead",
    recordId: lead.id,
    kind: input.status,
    changes: [{ field: "status", before: lead.status, after: input.status }, ...(input.reason ? [{ field: "disqualifyReason", before: null, after: input.reason }] : [])],
  });
  const entry = { organizationId, aggregateType: "lead", aggregateId: lead.id, actor: scope.actor };
  if (input.status === "qualified") await appendToOutbox(tx, OUTBOX_SCHEMA, { ...entry, event: leadQualified, data: { previousStatus: lead.status } });
  if (input.status === "disqualified") {
    await appendToOutbox(tx, OUTBOX_SCHEMA, { ...entry, event: leadDisqualified, data: { previousStatus: lead.status, reason: input.reason! } });
  }
  return toLeadDto(row);
}
