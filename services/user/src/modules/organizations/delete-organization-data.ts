/**
 * Registration's compensation: removes everything the users service holds for the organization.
 * Nothing was published for it (createOwner writes no event), so there is nothing to undo.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { departmentRepository } from "../departments/department.repository";
import { invitationRepository } from "../invitations/invitation.repository";
import { membershipRepository } from "../members/membership.repository";
import { roleRepository } from "../roles/role.repository";

/** Also when there is nothing to delete. */
export async function deleteOrganizationData(tx: Tx, scope: Scope): Promise<void> {
  const { organizationId } = scope;
  await membershipRepository(tx).deleteAll(organizationId);
  await invitationRepository(tx).deleteAll(organizationId);
  await roleRepository(tx).deleteAll(organizationId);
  await departmentRepository(tx).deleteAll(organizationId);
}
