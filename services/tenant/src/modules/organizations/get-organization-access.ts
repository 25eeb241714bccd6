/** What the gateway needs to let a request through: the status and the enabled modules. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { moduleRepository } from "../modules/module.repository";
import { organizationRepository } from "./organization.repository";
import type { OrganizationAccessDto } from "./organization.schemas";

/** @throws AppError 404 NOT_FOUND */
export async function getOrganizationAccess(tx: Tx, scope: Scope): Promise<OrganizationAccessDto> {
  const organization = await organizationRepository(tx).findById(scope.organizationId);
  if (!organization) throw notFound("Organization");
  return { status: organization.status, enabledModules: await moduleRepository(tx).listEnabled(scope.organizationId) };
}
