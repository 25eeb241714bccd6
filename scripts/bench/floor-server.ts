// The floor of the benchmarks: a bare node:http server that does the services' point read with
// as little as possible around it, in four variants so each layer's cost is measured on its own:
//   /pg          one query through pg, as the owner (RLS does not apply): the floor;
//   /pg-rls      the same read as erp_app in BEGIN; set_config; SELECT; COMMIT (RLS, plain pg);
//   /prisma      the tenant service's Prisma Client, no transaction, as the owner;
//   /prisma-rls  that client through @erp/db's withOrganization, exactly as the service reads.
// Started by scripts/bench/run.ts with DATABASE_URL (owner), FLOOR_PORT and ORGANIZATION_ID.
import { createServer, type ServerResponse } from "node:http";
import { PrismaPg } from "@prisma/adapter-pg";
import { APP_ROLE, createDatabase, type Database } from "@erp/db";
import pg from "pg";
import { PrismaClient } from "../../services/tenant/src/generated/prisma/client";

const POOL_MAX = 10;
const SQL = "SELECT * FROM tenant.organizations WHERE id = $1";

const databaseUrl = required("DATABASE_URL");
// withOrganization takes only a checked organization id (@erp/scope's brand; the scripts do not
// depend on @erp/scope, so the type is read off the signature): checked here, once, at the edge.
type OrganizationId = Parameters<Database<PrismaClient>["withOrganization"]>[0];
const organizationId = uuid(required("ORGANIZATION_ID"), "ORGANIZATION_ID") as OrganizationId;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function uuid(value: string, name: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) throw new Error(`${name} must be a uuid`);
  return value;
}

const ownerPool = new pg.Pool({ connectionString: databaseUrl, max: POOL_MAX });
const appPool = new pg.Pool({ connectionString: databaseUrl, max: POOL_MAX, options: `-c role=${APP_ROLE}` });
const ownerPrisma = new PrismaClient({
  adapter: new PrismaPg(new pg.Pool({ connectionString: databaseUrl, max: POOL_MAX }), { schema: "tenant" }),
});
const scoped = createDatabase({ connectionString: databaseUrl, PrismaClient, schema: "tenant", poolMax: POOL_MAX });

async function pgRls(): Promise<unknown> {
  const client = await appPool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT set_config('app.organization_id', $1, true)", [organizationId]);
    const { rows } = await client.query(SQL, [organizationId]);
    await client.query("COMMIT");
    return rows[0];
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

const variants: Record<string, () => Promise<unknown>> = {
  "/pg": async () => (await ownerPool.query(SQL, [organizationId])).rows[0],
  "/pg-rls": pgRls,
  "/prisma": () => ownerPrisma.organization.findUnique({ where: { id: organizationId } }),
  "/prisma-rls": () =>
    scoped.withOrganization(organizationId, (tx) => tx.organization.findUnique({ where: { id: organizationId } })),
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
  res.end(json);
}

const server = createServer((req, res) => {
  const read = variants[req.url ?? ""];
  if (!read) return send(res, 404, { error: "no such variant" });
  read().then(
    (row) => (row ? send(res, 200, { data: row }) : send(res, 404, { error: "not found" })),
    (err: unknown) => send(res, 500, { error: String(err) }),
  );
});

server.listen(Number(required("FLOOR_PORT")), "127.0.0.1");
process.on("SIGTERM", () => {
  server.close();
  server.closeIdleConnections();
  void Promise.allSettled([ownerPool.end(), appPool.end(), ownerPrisma.$disconnect(), scoped.close()]).then(() =>
    process.exit(0),
  );
});
