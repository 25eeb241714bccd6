/** @erp/db's database and transaction client, typed with this service's Prisma Client. */
import type { Database, TransactionClient } from "@erp/db";
import type { PrismaClient } from "./generated/prisma/client";

export type CrmDb = Database<PrismaClient>;
export type Tx = TransactionClient<PrismaClient>;
