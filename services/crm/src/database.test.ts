/**
 * The migration matches schema.prisma, Row Level Security isolates organizations (the stage
 * history is append-only for the application role), and the database itself keeps the CRM's
 * promises: one active contact per normalised email, one default pipeline, won/lost probabilities.
 */
import { join } from "node:path";
import { checkSchemaDrift, uuidv7 } from "@erp/db";
import { organizationIdOf } from "@erp/scope";
import { tableAccessProblems } from "@erp/testkit";
import { startCrmTestApp, type CrmTestApp } from "../test/harness";

let t: CrmTestApp;
beforeAll(async () => {
  t = await startCrmTestApp();
});
afterAll(() => t.close());

it("the migrated database is in lock-step with schema.prisma", async () => {
  const drift = await checkSchemaDrift({ schemaPath: join(__dirname, "..", "prisma", "schema.prisma"), connectionString: t.connectionString, schema: "crm" });
  expect(drift).toEqual([]);
});

it("isolates every table with an organization column, and erp_app holds no more than declared", async () => {
  expect(await tableAccessProblems(t.owner, "crm", { appendOnly: ["opportunity_stage_history"] })).toEqual([]);
  const { rows } = await t.owner.query<{ relname: string }>(
    "SELECT relname FROM pg_class WHERE relnamespace = 'crm'::regnamespace AND relkind = 'r' AND relrowsecurity AND relforcerowsecurity ORDER BY relname",
  );
  expect(rows.map((r) => r.relname)).toEqual([
    "activities",
    "companies",
    "contact_emails",
    "contact_phones",
    "contacts",
    "exchange_rates",
    "leads",
    "members",
    "merge_redirects",
    "opportunities",
    "opportunity_stage_history",
    "pipeline_stages",
    "pipelines",
    "record_changes",
    "settings",
  ]);
});

it("inside an organization's context only its rows are visible, and another's cannot be written", async () => {
  const mine = t.organization();
  const theirs = t.organization();
  expect((await mine.api.get("/pipelines")).status).toBe(200);
  expect((await theirs.api.get("/pipelines")).status).toBe(200);
  const seen = await t.db.withOrganization(organizationIdOf(mine.id), (tx) => tx.pipeline.findMany({ select: { organizationId: true } }));
  expect(seen.map((p) => p.organizationId)).toEqual([mine.id]);
  await expect(
    t.db.withOrganization(organizationIdOf(mine.id), (tx) => tx.company.create({ data: { id: uuidv7(), organizationId: theirs.id, name: "Sneaky" } })),
  ).rejects.toThrow(/row-level security/);
});

describe("constraints the database keeps for every writer", () => {
  it("a normalised email belongs to one active contact; a merged contact's rows do not count", async () => {
    const org = t.organization();
    const insert = async (active: boolean) => {
      const contactId = uuidv7();
      await t.owner.query("INSERT INTO crm.contacts (id, organization_id, first_name, updated_at) VALUES ($1, $2, 'Ann', now())", [contactId, org.id]);
      await t.owner.query(
        "INSERT INTO crm.contact_emails (id, organization_id, contact_id, email, normalised, position, active) VALUES ($1, $2, $3, ' Ann@X.com', 'ann@x.com', 0, $4)",
        [uuidv7(), org.id, contactId, active],
      );
    };
    await insert(true);
    await insert(false);
    await expect(insert(true)).rejects.toThrow(/contact_emails_active_normalised_key/);
  });

  it("one default pipeline per organization; won stages are 100 %, lost stages 0 %", async () => {
    const org = t.organization();
    const pipeline = async () => {
      const id = uuidv7();
      await t.owner.query("INSERT INTO crm.pipelines (id, organization_id, name, is_default, updated_at) VALUES ($1, $2, $3, true, now())", [id, org.id, id]);
      return id;
    };
    const id = await pipeline();
    await expect(pipeline()).rejects.toThrow(/pipelines_one_default_key/);
    await expect(
      t.owner.query(
        "INSERT INTO crm.pipeline_stages (id, organization_id, pipeline_id, name, kind, probability, position, updated_at) VALUES ($1, $2, $3, 'Won', 'won', 90, 0, now())",
        [uuidv7(), org.id, id],
      ),
    ).rejects.toThrow(/pipeline_stages_won_probability_check/);
  });
});
