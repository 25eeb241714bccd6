/**
 * Every CRM export re-imports as itself (issue 11 item 10): companies, contacts and leads are
 * exported, re-imported in upsert mode (dry run and real) and every row is `unchanged`, nothing is
 * created or lost (labels, the columns a file lacks); one edited cell updates exactly that row and
 * field. A file exported by another organization (ids unknown here) makes new records and never
 * touches, links or reveals the other organization's.
 */
import type { Api } from "./harness";
import { startCrmTestApp, type CrmTestApp } from "./harness";

let t: CrmTestApp;
beforeAll(async () => {
  t = await startCrmTestApp();
});
afterAll(() => t.close());

interface Report {
  dryRun: boolean;
  mode: string;
  rowCount: number;
  imported: number;
  created: number;
  updated: number;
  unchanged: number;
  rows: { row: number; action: string; key: string | null; changedFields?: string[] }[];
  errors: { path: string; message: string }[];
}

async function exported(api: Api, resource: string): Promise<string> {
  const res = await api.get(`/${resource}/export.csv`);
  expect(res.status).toBe(200);
  return res.text;
}

async function imported(api: Api, resource: string, csv: string, query: string): Promise<Report> {
  const res = await api.postCsv(`/${resource}/import?${query}`, csv);
  if (res.status !== 200) throw new Error(`import ${resource}?${query}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as Report;
}

/** Every record of a list, whole (as GET /{id} shows them), by id. */
async function records(api: Api, resource: string): Promise<Map<string, Record<string, unknown>>> {
  const res = await api.get(`/${resource}?limit=100`);
  expect(res.status).toBe(200);
  return new Map((res.body.data as { id: string }[]).map((record) => [record.id, record]));
}

/**
 * The file with one cell changed: the line of the record `id`, the column `header`. The test data
 * has no quoted cells before the column it edits, so splitting on commas is enough here.
 */
function withCell(csv: string, id: string, header: string, value: string): string {
  const lines = csv.split("\n");
  const column = (lines[0] ?? "").split(",").indexOf(header);
  const index = lines.findIndex((line) => line.startsWith(`${id},`));
  if (column < 0 || index < 0) throw new Error(`no cell ${header} on ${id}'s line`);
  const cells = (lines[index] as string).split(",");
  cells[column] = value;
  lines[index] = cells.join(",");
  return lines.join("\n");
}

/** The file re-imports as itself: dry run and real upsert leave every row unchanged, twice; create mode says each exists. */
async function expectRoundTrip(api: Api, resource: string, csv: string, count: number) {
  const before = await records(api, resource);
  expect(before.size).toBe(count);
  const lines = csv.trim().split("\n");
  expect(lines[0]?.startsWith("id,")).toBe(true);
  expect(lines).toHaveLength(count + 1);
  for (const query of ["mode=upsert&dryRun=true", "mode=upsert", "mode=upsert"]) {
    const report = await imported(api, resource, csv, query);
    expect(report).toMatchObject({ rowCount: count, imported: 0, created: 0, updated: 0, unchanged: count, errors: [] });
    expect(report.rows.map((row) => row.action)).toEqual(Array(count).fill("unchanged"));
  }
  expect(await records(api, resource)).toEqual(before);

  // The create-mode dry run of an export does not create duplicates: every row exists.
  const create = await imported(api, resource, csv, "dryRun=true");
  expect(create).toMatchObject({ created: 0, rows: [] });
  expect(create.errors).toHaveLength(count);
  expect(create.errors.every((error) => /^rows\.\d+\.id$/.test(error.path) && error.message.endsWith("already exists"))).toBe(true);
  const refused = await api.postCsv(`/${resource}/import`, csv);
  expect([refused.status, refused.body.error.code]).toEqual([422, "IMPORT_INVALID_ROWS"]);
  expect(await records(api, resource)).toEqual(before);
  return before;
}

/**
 * One edited cell of a fresh export (`edit(csv)`): exactly that row updates that field, in the
 * dry run and for real; nothing else changes, and the file then re-imports unchanged.
 */
async function expectOneUpdate(api: Api, resource: string, edit: (csv: string) => string, id: string, field: string, expected: unknown) {
  const before = await records(api, resource);
  const csv = edit(await exported(api, resource));
  const dry = await imported(api, resource, csv, "mode=upsert&dryRun=true");
  const done = await imported(api, resource, csv, "mode=upsert");
  for (const report of [dry, done]) {
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: before.size - 1, errors: [] });
    expect(report.rows.filter((row) => row.action === "update")).toEqual([expect.objectContaining({ action: "update", changedFields: [field] })]);
  }
  expect(done.imported).toBe(1);
  const after = await records(api, resource);
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [recordId, record] of after) {
    if (recordId === id) expect({ ...record, [field]: expected, updatedAt: null }).toEqual({ ...before.get(recordId), [field]: expected, updatedAt: null });
    else expect(record).toEqual(before.get(recordId));
  }
  expect(after.get(id)?.[field]).toEqual(expected);
  expect((await imported(api, resource, csv, "mode=upsert")).unchanged).toBe(before.size);
}

/**
 * Another organization whose members include the exporter's owner (`userId`, the files' ownerId):
 * a user may belong to several organizations, and only members may own records.
 */
function organizationSharing(userId: string) {
  const other = t.organization();
  t.directory.set(`${other.id}:${userId}`, "active");
  return other;
}

/** Another organization's export into `api`'s: every row is created with a new id; the exporter's records stay as they were. */
async function expectForeignFileCreates(exporter: Api, importer: Api, resource: string, csv: string) {
  const theirs = await records(exporter, resource);
  const ours = await records(importer, resource);
  const dry = await imported(importer, resource, csv, "mode=upsert&dryRun=true");
  expect(dry).toMatchObject({ created: theirs.size, updated: 0, unchanged: 0, errors: [] });
  const done = await imported(importer, resource, csv, "mode=upsert");
  expect(done).toMatchObject({ imported: theirs.size, created: theirs.size, updated: 0 });
  const after = await records(importer, resource);
  expect(after.size).toBe(ours.size + theirs.size);
  for (const id of theirs.keys()) {
    expect(after.has(id)).toBe(false);
    expect((await importer.get(`/${resource}/${id}`)).status).toBe(404);
  }
  expect(await records(exporter, resource)).toEqual(theirs);
  return after;
}

describe("CSV round trip", () => {
  it("companies: an export re-imports unchanged (with and without domains, addresses as written), one edit updates that cell, another organization's file creates", async () => {
    const org = t.organization();
    const acme = (
      await org.api.post("/companies", {
        name: "Acme",
        domain: "acme.example",
        industry: "Wholesale",
        size: "51-200",
        address: { line1: "Hafenstrasse 1", city: "Hamburg", postalCode: "20457", country: "DE" },
        tags: ["key", "vip"],
      })
    ).body.data;
    const plain = (await org.api.post("/companies", { name: "No Domain Ltd" })).body.data;
    const full = (
      await org.api.post("/companies", {
        name: "Also No Domain",
        address: { line1: "1 Main St", line2: "Suite 5", city: "Springfield", region: "IL", postalCode: "62701", country: "US" },
      })
    ).body.data;
    const csv = await exported(org.api, "companies");
    expect(csv.split("\n")[0]).toBe("id,name,domain,industry,size,ownerId,tags,addressLine1,addressLine2,addressCity,addressRegion,addressPostalCode,addressCountry");
    await expectRoundTrip(org.api, "companies", csv, 3);
    expect(await t.outboxTypes(org.id)).toEqual(["crm.company.created", "crm.company.created", "crm.company.created"]);

    await expectOneUpdate(org.api, "companies", (csv) => withCell(csv, plain.id, "industry", "Retail"), plain.id, "industry", "Retail");
    await expectOneUpdate(org.api, "companies", (csv) => withCell(csv, acme.id, "addressCity", "Bremen"), acme.id, "address", {
      ...acme.address,
      city: "Bremen",
    });
    // A domain given to a company without one is a change of that company (matched by its id), not a new one.
    await expectOneUpdate(org.api, "companies", (csv) => withCell(csv, full.id, "domain", "nodomain.example"), full.id, "domain", "nodomain.example");

    // Columns the file lacks stay as they are.
    const partial = await imported(org.api, "companies", `id,name\n${acme.id},Acme Holding\n`, "mode=upsert");
    expect(partial.rows).toEqual([{ row: 2, action: "update", key: acme.id, changedFields: ["name"] }]);
    expect((await org.api.get(`/companies/${acme.id}`)).body.data).toMatchObject({
      name: "Acme Holding",
      domain: "acme.example",
      industry: "Wholesale",
      tags: ["key", "vip"],
      address: { line1: "Hafenstrasse 1", city: "Bremen", postalCode: "20457", country: "DE" },
    });

    // Another organization's export: its ids are unknown here, so every row is a new company.
    const other = organizationSharing(org.userId);
    const created = await expectForeignFileCreates(org.api, other.api, "companies", await exported(org.api, "companies"));
    expect([...created.values()].map((c) => c.name).sort()).toEqual(["Acme Holding", "Also No Domain", "No Domain Ltd"]);
    // ...and in an organization with a company of the same domain, the domain matches that one (never the exporter's).
    const third = organizationSharing(org.userId);
    const own = (await third.api.post("/companies", { name: "Acme (ours)", domain: "ACME.example" })).body.data;
    const report = await imported(third.api, "companies", await exported(org.api, "companies"), "mode=upsert");
    expect(report).toMatchObject({ created: 2, updated: 1 });
    expect(report.rows.find((row) => row.action === "update")?.key).toBe("acme.example");
    expect((await third.api.get(`/companies/${own.id}`)).body.data.name).toBe("Acme Holding");
    expect((await org.api.get(`/companies/${acme.id}`)).body.data.name).toBe("Acme Holding");
  });

  it("contacts: an export re-imports unchanged with every label kept, one edit updates that cell, another organization's file creates and links none of its companies", async () => {
    const org = t.organization();
    const company = (await org.api.post("/companies", { name: "Acme", domain: "acme.example" })).body.data;
    const ann = (
      await org.api.post("/contacts", {
        firstName: "Ann",
        lastName: "Miller",
        jobTitle: "Head of purchasing",
        companyId: company.id,
        emails: ["ann.miller@acme.example", { email: "ann@home.example", label: "home" }],
        phones: [{ number: "040 1234567", country: "DE", label: "work" }, "+44 20 7946 0000"],
        tags: ["decision-maker", "vip"],
      })
    ).body.data;
    const bob = (await org.api.post("/contacts", { firstName: "Bob", phones: [{ number: "+41 44 668 18 00", label: "mobile" }] })).body.data;
    await org.api.post("/contacts", { firstName: "Cy" });
    const csv = await exported(org.api, "contacts");
    expect(csv.split("\n")[0]).toBe("id,firstName,lastName,jobTitle,companyId,ownerId,tags,emails,phones");
    const before = await expectRoundTrip(org.api, "contacts", csv, 3);
    expect(before.get(ann.id)).toMatchObject({
      emails: [
        { email: "ann.miller@acme.example", label: null, primary: true },
        { email: "ann@home.example", label: "home", primary: false },
      ],
      phones: [
        { number: "+49401234567", label: "work", primary: true },
        { number: "+442079460000", label: null, primary: false },
      ],
    });
    expect((await t.outboxTypes(org.id)).filter((type) => type === "crm.contact.updated")).toEqual([]);

    await expectOneUpdate(org.api, "contacts", (csv) => withCell(csv, bob.id, "jobTitle", "Buyer"), bob.id, "jobTitle", "Buyer");
    // An added address: the addresses and numbers Ann keeps keep their labels.
    await expectOneUpdate(
      org.api,
      "contacts",
      (csv) => withCell(csv, ann.id, "emails", "ann.miller@acme.example;ann@home.example;ann@new.example"),
      ann.id,
      "emails",
      [
        { email: "ann.miller@acme.example", label: null, primary: true },
        { email: "ann@home.example", label: "home", primary: false },
        { email: "ann@new.example", label: null, primary: false },
      ],
    );
    expect((await org.api.get(`/contacts/${ann.id}`)).body.data.phones.map((p: { label: string | null }) => p.label)).toEqual(["work", null]);

    // Another organization's export: new contacts (the addresses are free there), except that a
    // company of the exporter's is no company there: that row is refused, nothing is linked.
    const other = organizationSharing(org.userId);
    const file = await exported(org.api, "contacts");
    const dry = await imported(other.api, "contacts", file, "mode=upsert&dryRun=true");
    const annRow = file.split("\n").findIndex((line) => line.startsWith(ann.id)) + 1;
    expect(dry.errors).toEqual([{ path: `rows.${annRow}.companyId`, message: "No such company in the organization" }]);
    expect(dry.rows.map((row) => row.action)).toEqual(["create", "create", "create"]);
    const refused = await other.api.postCsv("/contacts/import?mode=upsert", file);
    expect([refused.status, refused.body.error.details]).toEqual([422, dry.errors]);
    expect((await records(other.api, "contacts")).size).toBe(0);
    const withoutCompany = file.replace(company.id, "");
    await expectForeignFileCreates(org.api, other.api, "contacts", withoutCompany);
    expect((await records(other.api, "contacts")).size).toBe(3);
  });

  it("leads: upsert exists, an export re-imports unchanged (shared and missing emails, converted leads), one edit updates that cell, another organization's file creates", async () => {
    const org = t.organization();
    const lena = (
      await org.api.post("/leads", {
        name: "Lena",
        companyName: "Initech",
        email: "lena@initech.example",
        phone: "+49 40 1234567",
        source: "event",
        estimatedValue: "1200.5",
        currency: "EUR",
        tags: ["fair", "hot"],
        notes: "Met at the fair, wants a demo",
      })
    ).body.data;
    const mo = (await org.api.post("/leads", { name: "Mo", source: "website" })).body.data;
    await org.api.post("/leads", { name: "Nia" });
    await org.api.post("/leads", { name: "Pat", email: "shared@x.example" });
    await org.api.post("/leads", { name: "Pat again", email: "SHARED@x.example" });
    const ola = (await org.api.post("/leads", { name: "Ola", email: "ola@umbrella.example" })).body.data;
    expect((await org.api.post(`/leads/${ola.id}/convert`, {})).status).toBe(200);
    const csv = await exported(org.api, "leads");
    expect(csv.split("\n")[0]).toBe("id,name,companyName,email,phone,source,ownerId,estimatedValue,currency,tags,notes");
    await expectRoundTrip(org.api, "leads", csv, 6);

    await expectOneUpdate(org.api, "leads", (csv) => withCell(csv, mo.id, "source", "referral"), mo.id, "source", "referral");
    await expectOneUpdate(org.api, "leads", (csv) => withCell(csv, lena.id, "estimatedValue", "1300"), lena.id, "estimatedValue", "1300.00");

    // A converted lead is read-only: its edited row is refused, nothing is written.
    const latest = await exported(org.api, "leads");
    const refused = await imported(org.api, "leads", withCell(latest, ola.id, "name", "Ola Nordmann"), "mode=upsert&dryRun=true");
    expect(refused).toMatchObject({ updated: 0, unchanged: 5 });
    const olaRow = latest.split("\n").findIndex((line) => line.startsWith(ola.id)) + 1;
    expect(refused.errors).toEqual([{ path: `rows.${olaRow}`, message: `Lead ${ola.id} was converted: it can no longer be changed` }]);

    // Without ids, the email matches when one lead has it; when two have it, the row must say which.
    const byEmail = await imported(org.api, "leads", "name,email\nLena L.,LENA@initech.example\nPat,shared@x.example\nQuinn,quinn@x.example\n", "mode=upsert&dryRun=true");
    expect(byEmail.rows).toEqual([
      { row: 2, action: "update", key: "lena@initech.example", changedFields: ["name", "email"] },
      { row: 4, action: "create", key: "quinn@x.example" },
    ]);
    expect(byEmail.errors).toEqual([{ path: "rows.3.email", message: "Lead shared@x.example matches 2 records: give the id of the one to update" }]);
    // In create mode a known email is no obstacle (leads may repeat), a known id is.
    expect(await imported(org.api, "leads", "name,email\nLena again,lena@initech.example\n", "dryRun=true")).toMatchObject({ created: 1, errors: [] });

    // Another organization's export: every row a new lead, the exporter's untouched.
    const other = organizationSharing(org.userId);
    const created = await expectForeignFileCreates(org.api, other.api, "leads", await exported(org.api, "leads"));
    expect([...created.values()].every((lead) => lead.status === "new" && lead.convertedAt === null)).toBe(true);
  });
});
