/**
 * Puts master-data's customer id on the company a lead was converted into (crm.company.updated
 * with `customerId`), named by the conversion's source reference: the company itself, or the lead
 * whose company it is. A company that has a customer already keeps it; a lead without a company
 * (its customer is the person) or a record that is gone has nothing to link.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { companyRepository } from "../companies/company.repository";
import { changeCompany } from "../companies/update-company";
import { leadRepository } from "./lead.repository";

export async function linkCustomer(tx: Tx, scope: Scope, input: ({ companyId: string } | { leadId: string }) & { customerId: string }): Promise<void> {
  const { organizationId } = scope;
  const companyId = "companyId" in input ? input.companyId : (await leadRepository(tx).find(organizationId, input.leadId))?.companyId;
  if (!companyId) return;
  const companies = companyRepository(tx);
  await companies.lock(organizationId, companyId);
  const company = await companies.find(organizationId, companyId);
  if (!company || company.customerId) return;
  await changeCompany(tx, scope, company, { customerId: input.customerId });
}
