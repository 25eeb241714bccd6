// Prisma CLI configuration. The datasource is only needed by `prisma migrate deploy` (where the
// schema engine exists); `prisma generate` runs without DATABASE_URL.
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  ...(url ? { datasource: { url } } : {}),
});
