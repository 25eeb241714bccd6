/** One opportunity, and its stage history. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { opportunityRepository } from "./opportunity.repository";
import { toOpportunityDto, toStageHistoryDto, type OpportunityDto, type OpportunityWithStage, type StageHistoryDto } from "./opportunity.schemas";

/** @throws AppError 404 when the organization has no such opportunity */
export async function findOpportunity(tx: Tx, scope: Scope, id: string): Promise<OpportunityWithStage> {
  const row = await opportunityRepository(tx).find(scope.organizationId, id);
  if (!row) throw notFound("Opportunity");
  return row;
}

export async function getOpportunity(tx: Tx, scope: Scope, input: { id: string }): Promise<OpportunityDto> {
  return toOpportunityDto(await findOpportunity(tx, scope, input.id));
}

/** Every stage the opportunity entered, oldest first (its creation first). @throws AppError 404 */
export async function getStageHistory(tx: Tx, scope: Scope, input: { id: string }): Promise<StageHistoryDto[]> {
  await findOpportunity(tx, scope, input.id);
  return (await opportunityRepository(tx).history(scope.organizationId, input.id)).map(toStageHistoryDto);
}
