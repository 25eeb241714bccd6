/** Deletes an opportunity with its stage history; its activities are detached (see detachActivities). */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { detachActivities } from "../activities/detach-activities";
import { findOpportunity } from "./get-opportunity";
import { opportunityRepository } from "./opportunity.repository";

/** @throws AppError 404 */
export async function deleteOpportunity(tx: Tx, scope: Scope, input: { id: string }): Promise<void> {
  const { organizationId } = scope;
  const repository = opportunityRepository(tx);
  await repository.lock(organizationId, input.id);
  const opportunity = await findOpportunity(tx, scope, input.id);
  await detachActivities(tx, organizationId, "opportunity", opportunity.id);
  // The lead it came from keeps its conversion, without the deal.
  await tx.lead.updateMany({ where: { organizationId, opportunityId: opportunity.id }, data: { opportunityId: null } });
  await repository.delete(organizationId, opportunity.id);
}
