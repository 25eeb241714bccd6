/**
 * Deletes a company no contact or opportunity refers to. Activities attached only to it go too
 * (the others lose the link); a lead converted into it keeps its conversion without the company.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { detachActivities } from "../activities/detach-activities";
import { companyInUse } from "./company.errors";
import { companyRepository } from "./company.repository";
import { findCompany } from "./get-company";

/** @throws AppError 404; 409 COMPANY_IN_USE */
export async function deleteCompany(tx: Tx, scope: Scope, input: { id: string }): Promise<void> {
  const { organizationId } = scope;
  const repository = companyRepository(tx);
  await repository.lock(organizationId, input.id);
  const company = await findCompany(tx, scope, input.id);
  const { contacts, opportunities } = await repository.references(organizationId, company.id);
  if (contacts > 0) throw companyInUse(`${contacts} contact(s)`);
  if (opportunities > 0) throw companyInUse(`${opportunities} opportunit${opportunities === 1 ? "y" : "ies"}`);
  await detachActivities(tx, organizationId, "company", company.id);
  await tx.lead.updateMany({ where: { organizationId, companyId: company.id }, data: { companyId: null } });
  await repository.delete(organizationId, company.id);
}
