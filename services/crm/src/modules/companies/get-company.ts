/** One company. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { Company } from "../../generated/prisma/client";
import { companyRepository } from "./company.repository";
import { toCompanyDto, type CompanyDto } from "./company.schemas";

/** @throws AppError 404 when the organization has no such company */
export async function findCompany(tx: Tx, scope: Scope, id: string): Promise<Company> {
  const row = await companyRepository(tx).find(scope.organizationId, id);
  if (!row) throw notFound("Company");
  return row;
}

export async function getCompany(tx: Tx, scope: Scope, input: { id: string }): Promise<CompanyDto> {
  return toCompanyDto(await findCompany(tx, scope, input.id));
}
