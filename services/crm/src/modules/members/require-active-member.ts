/** The rule for owners and assignees: only an active member of the organization is given a record. */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { notAnActiveMember } from "./member.errors";
import { memberStatus } from "./member-read-model";

/**
 * A new owner or assignee (`path` names the field) must be an active member, as the CRM's member
 * read model knows them. Only a change is checked: a record whose owner left keeps them until
 * someone reassigns it.
 * @throws AppError 422 NOT_AN_ACTIVE_MEMBER
 */
export async function requireActiveMember(tx: Tx, scope: Scope, input: { userId: string | null | undefined; path: string }): Promise<void> {
  if (!input.userId) return;
  if ((await memberStatus(tx, scope, input.userId.toLowerCase())) !== "active") throw notAnActiveMember(input.path);
}

/** Whether `userId` is an active member (a conversion gives the lead owner's records to the converter otherwise). */
export async function isActiveMember(tx: Tx, scope: Scope, userId: string): Promise<boolean> {
  return (await memberStatus(tx, scope, userId.toLowerCase())) === "active";
}
