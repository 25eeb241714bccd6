/** The slice of @erp/db's database handle the auth service uses, typed with its own client. */
import type { Prisma, PrismaClient } from "./generated/prisma/client";

export type Tx = Prisma.TransactionClient;

/** Prisma's interactive-transaction limits (default timeout 5 s). */
export interface TransactionOptions {
  maxWait?: number;
  timeout?: number;
}

export interface AuthDatabase {
  prisma: PrismaClient;
  /** Transaction with `app.organization_id` set, so RLS'd tables see that organization only. */
  withOrganization<T>(organizationId: string, fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Plain transaction for rows that are not organization-scoped. */
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
