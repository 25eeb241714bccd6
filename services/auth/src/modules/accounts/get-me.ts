/** Who the caller is: the user behind the access token and what the token lets them do. */
import { unauthenticated } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../database";
import { userRepository } from "./user.repository";

/**
 * The caller (`scope.actor`) with the roles and permissions their token carries.
 * @throws AppError 401 UNAUTHENTICATED when the token outlived its user (deleted after issue)
 */
export async function getMe(tx: Tx, scope: Scope, input: { roles: string[]; permissions: string[] }) {
  const user = await userRepository.findById(tx, scope.actor.id);
  if (!user) throw unauthenticated();
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    organizationId: scope.organizationId,
    roles: input.roles,
    permissions: input.permissions,
  };
}
