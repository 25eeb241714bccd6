/** Deletes a lead that was not converted (a converted one is the record of where its company and contact came from). */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { detachActivities } from "../activities/detach-activities";
import { findLead } from "./get-lead";
import { leadStatusForbids } from "./lead.errors";
import { leadRepository } from "./lead.repository";

/** @throws AppError 404; 409 INVALID_STATE when it was converted */
export async function deleteLead(tx: Tx, scope: Scope, input: { id: string }): Promise<void> {
  const { organizationId } = scope;
  const repository = leadRepository(tx);
  await repository.lock(organizationId, input.id);
  const lead = await findLead(tx, scope, input.id);
  if (lead.status === "converted") throw leadStatusForbids("converted", "deleted");
  await detachActivities(tx, organizationId, "lead", lead.id);
  await repository.delete(organizationId, lead.id);
}
