/** Creates a company and its created event. Also what a CSV row and a lead conversion create. */
import { uuidv7 } from "@erp/db";
import { companyCreated } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { normaliseDomain } from "../../contact-points";
import { OUTBOX_SCHEMA } from "../../events";
import { recordChange } from "../timeline/record-change";
import { domainTaken } from "./company.errors";
import { companyRepository } from "./company.repository";
import { companySnapshot, toCompanyDto, type CompanyDto, type CreateCompanyInput } from "./company.schemas";
import { requireActiveMember } from "../members/require-active-member";

/**
 * The owner defaults to the acting user; one given must be an active member.
 * @throws AppError 409 CONFLICT naming the company that has the domain; a concurrent creation with
 *   the same domain is the insert's unique violation, which the caller maps
 * @throws AppError 422 NOT_AN_ACTIVE_MEMBER (ownerId)
 */
export async function createCompany(tx: Tx, scope: Scope, input: CreateCompanyInput): Promise<CompanyDto> {
  const { organizationId } = scope;
  const repository = companyRepository(tx);
  const domain = input.domain ? normaliseDomain(input.domain) : null;
  if (domain) {
    const [holder] = await repository.findByDomains(organizationId, [domain]);
    if (holder) throw domainTaken(holder);
  }
  await requireActiveMember(tx, scope, { userId: input.ownerId, path: "ownerId" });
  const row = await repository.create(organizationId, {
    id: uuidv7(),
    name: input.name,
    domain,
    industry: input.industry ?? null,
    size: input.size ?? null,
    address: input.address ?? undefined,
    ownerId: input.ownerId ?? (scope.actor.type === "user" ? scope.actor.id : null),
    tags: input.tags,
  });
  const dto = toCompanyDto(row);
  await recordChange(tx, scope, { recordType: "company", recordId: dto.id, kind: "created" });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: companyCreated,
    organizationId,
    aggregateType: "company",
    aggregateId: dto.id,
    actor: scope.actor,
    data: companySnapshot(dto),
  });
  return dto;
}
