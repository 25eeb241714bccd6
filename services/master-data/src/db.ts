/** What the use cases need from @erp/db's database, typed with this service's Prisma Client. */
import type { TransactionOptions } from "@erp/db";
import type { Prisma, PrismaClient } from "./generated/prisma/client";

export type Tx = Prisma.TransactionClient;

export interface MasterDataDb {
  prisma: PrismaClient;
  /** A transaction in which RLS lets only `organizationId`'s rows through. */
  withOrganization<T>(organizationId: string, fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** A transaction without organization context. */
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
}
