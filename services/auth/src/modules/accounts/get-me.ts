/** Who the caller is: the user behind the access token and what the token lets them do. */
import { unauthenticated, type Principal } from "@erp/http-kit";
import type { AuthDatabase } from "../../database";
import { userRepository } from "./user.repository";

export async function getMe(deps: { db: AuthDatabase }, principal: Principal) {
  const user = await deps.db.transaction((tx) => userRepository.findById(tx, principal.userId));
  // A token outliving its user (deleted after issue) authenticates nobody.
  if (!user) throw unauthenticated();
  return {
    user: { id: user.id, email: user.email, name: user.name },
    organizationId: principal.organizationId,
    roles: principal.roles,
    permissions: principal.permissions,
  };
}
