/** A page of the organization's leads, filtered, searched and sorted. */
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { leadRepository } from "./lead.repository";
import { toLeadDto, type LeadDto, type LeadListQuery } from "./lead.schemas";

export async function listLeads(tx: Tx, scope: Scope, query: LeadListQuery): Promise<Page<LeadDto>> {
  const window = listWindow(query);
  return keysetPage(await leadRepository(tx).list(scope.organizationId, query, window), window, toLeadDto);
}
