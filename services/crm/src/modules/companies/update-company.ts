/** Changes a company's fields; also what an upsert CSV row and the customer link write. */
import { companyUpdated } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { normaliseDomain } from "../../contact-points";
import { OUTBOX_SCHEMA } from "../../events";
import { Prisma, type Company } from "../../generated/prisma/client";
import { fieldChanges, recordChange } from "../timeline/record-change";
import { ADDRESS_PARTS } from "./company-csv";
import { domainTaken } from "./company.errors";
import { companyRepository } from "./company.repository";
import { findCompany } from "./get-company";
import { companySnapshot, toCompanyDto, updatableCompanyFields, type CompanyDto, type UpdateCompanyInput } from "./company.schemas";
import { requireActiveMember } from "../members/require-active-member";

/** @throws AppError 404; 409 CONFLICT when another company has the domain */
export async function updateCompany(tx: Tx, scope: Scope, input: { id: string; changes: UpdateCompanyInput }): Promise<CompanyDto> {
  await companyRepository(tx).lock(scope.organizationId, input.id);
  return changeCompany(tx, scope, await findCompany(tx, scope, input.id), input.changes);
}

/** What `changes` would change on `company` (field names); empty when nothing. */
export function companyChanges(company: Company, changes: UpdateCompanyInput & { customerId?: string | null }): string[] {
  const before = toCompanyDto(company);
  return changesBetween(before, applied(before, changes)).map((c) => c.field);
}

/**
 * The fields that differ, the address compared by its parts (as the CSV export writes it): the
 * stored JSON's key order and an absent versus null part are no change.
 */
function changesBetween(before: CompanyDto, after: CompanyDto) {
  const comparable = (dto: CompanyDto) => ({ ...dto, address: addressParts(dto.address) });
  return fieldChanges(comparable(before), comparable(after), [...updatableCompanyFields, "customerId"]);
}

/** Every part of an address in one order, null where it has none; null for no address. */
function addressParts(address: CompanyDto["address"] | undefined) {
  if (!address) return null;
  const parts = address as Record<string, string | null | undefined>;
  return Object.fromEntries(ADDRESS_PARTS.map((part) => [part, parts[part] || null]));
}

function applied(before: CompanyDto, changes: UpdateCompanyInput & { customerId?: string | null }): CompanyDto {
  const domain = changes.domain === undefined ? before.domain : changes.domain === null ? null : normaliseDomain(changes.domain);
  return { ...before, ...changes, domain } as CompanyDto;
}

/**
 * Writes `changes` over `company`: nothing (and no event) when nothing changes; else the row, a
 * timeline change and crm.company.updated.
 * @throws AppError 409 CONFLICT when another company has the new domain; 422 NOT_AN_ACTIVE_MEMBER (a new owner)
 */
export async function changeCompany(
  tx: Tx,
  scope: Scope,
  company: Company,
  changes: UpdateCompanyInput & { customerId?: string | null },
): Promise<CompanyDto> {
  const { organizationId } = scope;
  const repository = companyRepository(tx);
  const before = toCompanyDto(company);
  const after = applied(before, changes);
  const changed = changesBetween(before, after);
  if (changed.length === 0) return before;
  if (after.ownerId !== before.ownerId) await requireActiveMember(tx, scope, { userId: after.ownerId, path: "ownerId" });
  if (after.domain && after.domain !== before.domain) {
    const [holder] = await repository.findByDomains(organizationId, [after.domain]);
    if (holder && holder.id !== company.id) throw domainTaken(holder);
  }
  const row = await repository.update(organizationId, company.id, {
    name: after.name,
    domain: after.domain,
    industry: after.industry,
    size: after.size,
    address: after.address ?? Prisma.DbNull,
    ownerId: after.ownerId,
    tags: after.tags,
    customerId: after.customerId,
  });
  const dto = toCompanyDto(row);
  await recordChange(tx, scope, { recordType: "company", recordId: dto.id, kind: "updated", changes: changed });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: companyUpdated,
    organizationId,
    aggregateType: "company",
    aggregateId: dto.id,
    actor: scope.actor,
    data: { ...companySnapshot(dto), changedFields: changed.map((c) => c.field) },
  });
  return dto;
}
