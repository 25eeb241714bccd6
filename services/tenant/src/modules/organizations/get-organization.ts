/** Reads the scope's organization; any other id is "not found", never "forbidden". */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { organizationRepository } from "./organization.repository";
import { toOrganizationDto, type OrganizationDto } from "./organization.schemas";

/** `id`: the one asked for, the scope's own when left out. @throws AppError 404 NOT_FOUND */
export async function getOrganization(tx: Tx, scope: Scope, input: { id?: string } = {}): Promise<OrganizationDto> {
  if (input.id !== undefined && input.id !== scope.organizationId) throw notFound("Organization");
  const organization = await organizationRepository(tx).findById(scope.organizationId);
  if (!organization) throw notFound("Organization");
  return toOrganizationDto(organization);
}
