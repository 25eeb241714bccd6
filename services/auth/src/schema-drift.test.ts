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

  it("refuses an email that is not lower-cased", async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await expect(
        client.query("insert into auth.users (id, email, name, password_hash, updated_at) values (gen_random_uuid(), 'Up@example.com', 'U', 'x', now())"),
      ).rejects.toThrow(/users_email_lower_case/);
    } finally {
      await client.end();
    }
  });

  it("no longer holds memberships: the users service owns them", async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query("select to_regclass('auth.memberships') as memberships");
      expect(rows).toEqual([{ memberships: null }]);
    } finally {
      await client.end();
    }
  });
});
