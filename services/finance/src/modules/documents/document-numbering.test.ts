/**
 * Numbers and retries of issuing: 50 invoices issued at once get INV-2026-0001..0050 with no gap,
 * a refused issue gives its number back, and the Idempotency-Key on POST /invoices/{id}/issue
 * replays the first answer (same key and body), refuses another body (422) and gives one effect
 * under concurrent retries.
 */
import { startFinanceTestApp, type FinanceTestApp } from "../../../test/harness";
import { draftFixture, partyFixture } from "./document-fixtures";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

const line = [{ description: "Service", quantity: "1", unitPrice: "10" }];

it("50 concurrent issues take INV-2026-0001..0050, gap-free, each with its own posted entry", async () => {
  const org = t.organization();
  const customerId = await partyFixture(t, org.id, "customer");
  const drafts = [];
  for (let i = 0; i < 50; i += 1) drafts.push(await draftFixture(org.api, "/invoices", { customerId, issueDate: "2026-06-01", lines: line }));
  const answers = await Promise.all(drafts.map((draft) => org.api.post(`/invoices/${draft.id}/issue`, {})));
  expect(answers.map((res) => res.status)).toEqual(drafts.map(() => 200));
  const numbers = answers.map((res) => res.body.data.number as string).sort();
  expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `INV-2026-${String(i + 1).padStart(4, "0")}`));
  expect(new Set(answers.map((res) => res.body.data.journalEntryId)).size).toBe(50);
  const counter = await t.owner.query("SELECT last_number FROM finance.document_number_counters WHERE organization_id = $1 AND series = 'INV' AND fiscal_year = 2026", [org.id]);
  expect(counter.rows).toEqual([{ last_number: 50 }]);
  const tb = (await org.api.get("/reports/trial-balance?asOf=2026-12-31")).body.data;
  expect(tb.rows.find((row: { code: string }) => row.code === "1200")?.closing).toBe("500.00");
  // The issues queue on the series' counter row: on a busy machine the burst takes a while.
}, 120_000);

it("a refused issue (period locked) gives its number back: the next issue takes it", async () => {
  const org = t.organization();
  const customerId = await partyFixture(t, org.id, "customer");
  const first = await draftFixture(org.api, "/invoices", { customerId, issueDate: "2026-06-01", lines: line });
  expect((await org.api.post(`/invoices/${first.id}/issue`, {})).body.data.number).toBe("INV-2026-0001");
  expect((await org.api.post("/periods/lock", { lockedThrough: "2026-06-30" })).status).toBe(200);
  const locked = await draftFixture(org.api, "/invoices", { customerId, issueDate: "2026-06-15", lines: line });
  const refused = await org.api.post(`/invoices/${locked.id}/issue`, {});
  expect([refused.status, refused.body.error.code]).toEqual([422, "PERIOD_LOCKED"]);
  expect((await org.api.get(`/invoices/${locked.id}`)).body.data).toMatchObject({ status: "draft", number: null });
  const next = await draftFixture(org.api, "/invoices", { customerId, issueDate: "2026-07-01", lines: line });
  expect((await org.api.post(`/invoices/${next.id}/issue`, {})).body.data.number).toBe("INV-2026-0002");
});

describe("Idempotency-Key on POST /invoices/{id}/issue", () => {
  it("the same key and body replays the first answer; another body with the key is 422; no key on the retry is 409", async () => {
    const org = t.organization();
    const customerId = await partyFixture(t, org.id, "customer");
    const draft = await draftFixture(org.api, "/invoices", { customerId, issueDate: "2026-06-01", lines: line });
    const issue = (key: string, body: object) => org.api.post(`/invoices/${draft.id}/issue`, body).set("Idempotency-Key", key);
    const first = await issue("issue-1", { exchangeRate: "1" });
    expect(first.status).toBe(200);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    const retry = await issue("issue-1", { exchangeRate: "1" });
    expect([retry.status, retry.headers["idempotent-replayed"]]).toEqual([200, "true"]);
    expect(retry.body).toEqual(first.body);
    const reused = await issue("issue-1", {});
    expect([reused.status, reused.body.error.code]).toEqual([422, "IDEMPOTENCY_KEY_REUSED"]);
    const withoutKey = await org.api.post(`/invoices/${draft.id}/issue`, { exchangeRate: "1" });
    expect([withoutKey.status, withoutKey.body.error.code]).toEqual([409, "INVALID_STATE"]);
    const entries = await org.api.get(`/journal-entries?sourceType=invoice&sourceId=${draft.id}`);
    expect(entries.body.data).toHaveLength(1);
    expect((await t.outboxTypes(org.id)).filter((type) => type === "finance.invoice.issued")).toHaveLength(1);
  });

  it("20 concurrent identical requests with one key: one effect, the others replay it or are told it is in flight", async () => {
    const org = t.organization();
    const customerId = await partyFixture(t, org.id, "customer");
    const draft = await draftFixture(org.api, "/invoices", { customerId, issueDate: "2026-06-01", lines: line });
    const answers = await Promise.all(Array.from({ length: 20 }, () => org.api.post(`/invoices/${draft.id}/issue`, {}).set("Idempotency-Key", "race")));
    const ok = answers.filter((res) => res.status === 200);
    expect(answers.every((res) => res.status === 200 || (res.status === 409 && res.body.error.code === "IDEMPOTENCY_KEY_IN_USE"))).toBe(true);
    expect(ok.length).toBeGreaterThan(0);
    expect(new Set(ok.map((res) => JSON.stringify(res.body))).size).toBe(1);
    expect(ok.filter((res) => res.headers["idempotent-replayed"] !== "true")).toHaveLength(1);
    expect((await org.api.get(`/journal-entries?sourceType=invoice&sourceId=${draft.id}`)).body.data).toHaveLength(1);
    expect((await org.api.get(`/invoices/${draft.id}`)).body.data.number).toBe("INV-2026-0001");
  });
});
