import { join } from "node:path";
import pg from "pg";
import { checkSchemaDrift } from "@erp/db";
import { createTestDatabase, dropTestDatabases } from "@erp/testkit";

let databaseUrl: string;

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
});

afterAll(() => dropTestDatabases());

describe("the auth schema", () => {
  it("migrations and schema.prisma describe the same tables, columns, keys and indexes", async () => {
    const differences = await checkSchemaDrift({
      schemaPath: join(__dirname, "..", "prisma", "schema.prisma"),
      connectionString: databaseUrl,
      schema: "auth",
    });
    expect(differences).toEqual([]);
  });

  describe("as the application role", () => {
    let client: pg.Client;
    const orgA = "01900000-0000-7000-8000-00000000000a";
    const orgB = "01900000-0000-7000-8000-00000000000b";
    const userId = "01900000-0000-7000-8000-0000000000aa";

    beforeAll(async () => {
      client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query("insert into auth.users (id, email, name, password_hash, updated_at) values ($1, 'rls@example.com', 'R', 'x', now())", [userId]);
      await client.query(
        "insert into auth.memberships (organization_id, user_id, roles, updated_at) values ($1, $3, '{owner}', now()), ($2, $3, '{viewer}', now())",
        [orgA, orgB, userId],
      );
      await client.query("set role erp_app");
    });

    afterAll(() => client.end());

    const inTransaction = async <T>(settings: Record<string, string>, fn: () => Promise<T>) => {
      await client.query("begin");
      try {
        for (const [key, value] of Object.entries(settings)) await client.query("select set_config($1, $2, true)", [key, value]);
        return await fn();
      } finally {
        await client.query("rollback");
      }
    };
    const memberships = async () => (await client.query("select organization_id from auth.memberships order by 1")).rows.map((r) => r.organization_id);

    it("sees no memberships without an organization (fails closed)", async () => {
      expect(await inTransaction({}, memberships)).toEqual([]);
    });

    it("sees only the current organization's memberships", async () => {
      expect(await inTransaction({ "app.organization_id": orgA }, memberships)).toEqual([orgA]);
    });

    it("may read, but not change, one user's memberships across organizations when the user is declared", async () => {
      expect(await inTransaction({ "app.user_id": userId }, memberships)).toEqual([orgA, orgB]);
      const updated = await inTransaction({ "app.user_id": userId }, () => client.query("update auth.memberships set roles = '{owner}'"));
      expect(updated.rowCount).toBe(0);
    });

    it("refuses an email that is not lower-cased", async () => {
      await expect(
        client.query("insert into auth.users (id, email, name, password_hash, updated_at) values (gen_random_uuid(), 'Up@example.com', 'U', 'x', now())"),
      ).rejects.toThrow(/users_email_lower_case/);
    });
  });
});
