/**
 * The user's memberships in every organization, oldest first (login picks one). Not scoped to an
 * organization: it runs in a plain transaction, which the repository declares to be the user's.
 */
import type { Tx } from "../../db";
import type { MembershipStatus } from "../../generated/prisma/client";
import { membershipRepository } from "./membership.repository";

export interface MembershipOfUser {
  organizationId: string;
  status: MembershipStatus;
  /** ISO 8601 */
  createdAt: string;
}

export async function listMembershipsOfUser(tx: Tx, input: { userId: string }): Promise<MembershipOfUser[]> {
  const memberships = await membershipRepository(tx).listForUser(input.userId);
  return memberships.map((m) => ({ organizationId: m.organizationId, status: m.status, createdAt: m.createdAt.toISOString() }));
}
