/** @erp/db's database and transaction client, typed with this service's Prisma Client. */
import type { Database, TransactionClient } from "@erp/db";
import type { PrismaClient } from "./generated/prisma/client";

export type UserDb = Database<PrismaClient>;
export type Tx = TransactionClient<PrismaClient>;

/**
 * Serialises the changes that must see every owner of an organization (demoting, deactivating),
 * so two admins cannot each remove "another" owner and leave none. Held until the transaction ends.
 */
export async function lockOrganizationMembers(tx: Tx, organizationId: string): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${organizationId}, 0))`;
}
