/** A page of the organization's companies, filtered, searched and sorted. */
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { companyRepository } from "./company.repository";
import { toCompanyDto, type CompanyDto, type CompanyListQuery } from "./company.schemas";

export async function listCompanies(tx: Tx, scope: Scope, query: CompanyListQuery): Promise<Page<CompanyDto>> {
  const window = listWindow(query);
  return keysetPage(await companyRepository(tx).list(scope.organizationId, query, window), window, toCompanyDto);
}
