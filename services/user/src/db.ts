/** What the use cases need from @erp/db's database, typed with this service's Prisma Client. */
import type { Prisma, PrismaClient } from "./generated/prisma/client";

export type Tx = Prisma.TransactionClient;

export interface UserDb {
  prisma: PrismaClient;
  /** A transaction in which RLS lets only `organizationId`'s rows through. */
  withOrganization<T>(organizationId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** A transaction without organization context (a user's own memberships, an invitation by token). */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/**
 * Serialises the changes that must see every owner of an organization (demoting, deactivating),
 * so two admins cannot each remove "another" owner and leave none. Held until the transaction ends.
 */
export async function lockOrganizationMembers(tx: Tx, organizationId: string): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${organizationId}, 0))`;
}
