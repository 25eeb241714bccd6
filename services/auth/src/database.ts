/** @erp/db's database and transaction client, typed with the auth service's Prisma Client. */
import type { Database, TransactionClient } from "@erp/db";
import type { PrismaClient } from "./generated/prisma/client";

export type AuthDatabase = Database<PrismaClient>;
export type Tx = TransactionClient<PrismaClient>;
