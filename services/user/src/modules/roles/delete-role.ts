/** Deletes a custom role that nobody holds, inherits from or is invited with. */
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA, roleDeleted } from "../../events";
import { findCustomRole } from "./change-custom-role";
import { roleInUse } from "./role.errors";
import { roleRepository } from "./role.repository";

/** @throws AppError 404 NOT_FOUND, 422 BUILT_IN_ROLE, 409 ROLE_IN_USE */
export async function deleteRole(tx: Tx, scope: Scope, input: { id: string }): Promise<void> {
  const { organizationId } = scope;
  const repository = roleRepository(tx);
  const role = await findCustomRole(tx, organizationId, input.id);
  const usage = await repository.usage(organizationId, role);
  if (usage.members + usage.children + usage.invitations > 0) throw roleInUse(usage);
  await repository.delete(organizationId, input.id);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: roleDeleted,
    organizationId,
    aggregateType: "role",
    aggregateId: input.id,
    actor: scope.actor,
    data: { roleId: input.id, name: role.name },
  });
}
