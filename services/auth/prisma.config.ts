// Prisma CLI configuration. Migrations are applied by @erp/db `migrate()`, not by the CLI; the CLI
// is only used to generate the client, which needs no database URL.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
