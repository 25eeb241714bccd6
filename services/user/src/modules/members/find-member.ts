/** A member of the organization, for the use cases that change one. */
import { notFound } from "@erp/errors";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import { membershipRepository, type MemberRow } from "./membership.repository";

/** @throws AppError 404 NOT_FOUND, also for another organization's member */
export async function findMember(tx: Tx, organizationId: OrganizationId, userId: string): Promise<MemberRow> {
  const member = await membershipRepository(tx).find(organizationId, userId);
  if (!member) throw notFound("Member");
  return member;
}
