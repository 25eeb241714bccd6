/** What the use cases need from @erp/db's database, typed with this service's Prisma Client. */
import type { Prisma, PrismaClient } from "./generated/prisma/client";

export type Tx = Prisma.TransactionClient;

export interface TenantDb {
  prisma: PrismaClient;
  /** A transaction in which RLS lets only `organizationId`'s rows through. */
  withOrganization<T>(organizationId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** A transaction without organization context (reference data, the sweeper's queue). */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}
