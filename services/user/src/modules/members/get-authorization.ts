/** A user's authorization in the scope's organization, as auth asks for it at login and refresh. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { authorizationOf, type Authorization } from "./authorization";

/** @throws AppError 404 NOT_FOUND when the user is not a member */
export async function getAuthorization(tx: Tx, scope: Scope, input: { userId: string }): Promise<Authorization> {
  const authorization = await authorizationOf(tx, scope.organizationId, input.userId);
  if (!authorization) throw notFound("Membership");
  return authorization;
}
