/** A page of the organization's opportunities, filtered, searched and sorted. */
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { opportunityRepository } from "./opportunity.repository";
import { toOpportunityDto, type OpportunityDto, type OpportunityListQuery } from "./opportunity.schemas";

export async function listOpportunities(tx: Tx, scope: Scope, query: OpportunityListQuery): Promise<Page<OpportunityDto>> {
  const window = listWindow(query);
  return keysetPage(await opportunityRepository(tx).list(scope.organizationId, query, window), window, toOpportunityDto);
}
