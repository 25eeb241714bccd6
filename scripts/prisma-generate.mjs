// Generates each service's Prisma Client (services/*/prisma/schema.prisma → src/generated/prisma),
// those of packages that own a platform schema (packages/*/prisma/schema.prisma, e.g. events), and
// those of packages' test fixtures (packages/*/test/fixtures/*/prisma/schema.prisma).
// The client itself needs no engine binary (Prisma 7 query compiler + @prisma/adapter-pg). The CLI
// still checks that a schema-engine binary exists before generating, and that binary is fetched
// from Prisma's own host; where it cannot be fetched we point the check at a harmless executable,
// because generation itself never runs it.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const prismaBin = join(root, "node_modules", ".bin", "prisma");
if (!existsSync(prismaBin)) process.exit(0); // dependencies not installed yet

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;

const subdirs = (dir) => (existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : []);
const packages = subdirs(join(root, "packages"));
const fixtures = packages.flatMap((pkg) => subdirs(join(pkg, "test", "fixtures")));

for (const dir of [...subdirs(join(root, "services")), ...packages, ...fixtures]) {
  if (!existsSync(join(dir, "prisma", "schema.prisma"))) continue;
  execFileSync(prismaBin, ["generate"], { cwd: dir, env, stdio: ["ignore", "ignore", "inherit"] });
  console.log(`prisma client generated for ${relative(root, dir)}`);
}
