/** Bulk posting (POST /journal-entries/batch): all or none, in the order given, numbered consecutively, idempotent. */
import request from "supertest";
import { startFinanceTestApp, type Api, type FinanceTestApp } from "../../../test/harness";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

const debit = (accountId: string, amount: string) => ({ accountId, debit: amount });
const credit = (accountId: string, amount: string) => ({ accountId, credit: amount });

async function books(api: Api) {
  const id = async (code: string) => (await t.account(api, code)).id;
  return { cash: await id("1110"), sales: await id("4100"), rent: await id("6200") };
}

const entries = (acc: { cash: string; sales: string }, count: number, date = "2026-06-01") =>
  Array.from({ length: count }, (_, i) => ({ date, memo: `Sale ${i + 1}`, lines: [debit(acc.cash, `${i + 1}.00`), credit(acc.sales, `${i + 1}.00`)] }));

const postedCount = async (organizationId: string) =>
  (await t.owner.query<{ n: number }>("SELECT count(*)::int AS n FROM finance.journal_entries WHERE organization_id = $1", [organizationId])).rows[0]!.n;

it("posts every entry in the order given, numbered consecutively, each in the balances, the chain and the outbox", async () => {
  const org = await t.organization();
  const acc = await books(org.api);
  const res = await org.api.post("/journal-entries/batch", { entries: entries(acc, 3) });
  expect(res.status).toBe(201);
  const posted = res.body.data as { id: string; number: string; status: string; memo: string }[];
  expect(posted.map((entry) => [entry.number, entry.status, entry.memo])).toEqual([
    ["JE-2026-000001", "posted", "Sale 1"],
    ["JE-2026-000002", "posted", "Sale 2"],
    ["JE-2026-000003", "posted", "Sale 3"],
  ]);
  expect(res.headers.location).toBe(`/api/v1/finance/journal-entries/${posted[0]!.id}`);
  expect((await org.api.get(`/accounts/${acc.cash}`)).body.data.balance.debit).toBe("6.00");
  expect((await org.api.get("/reports/ledger-integrity")).body.data).toMatchObject({ status: "intact", entriesChecked: 3 });
  expect((await t.outboxTypes(org.id)).filter((type) => type === "finance.journal_entry.posted")).toHaveLength(3);
  // The next posting continues the series.
  const next = await org.api.post("/journal-entries?post=true", entries(acc, 1)[0]!);
  expect(next.body.data.number).toBe("JE-2026-000004");
});

it("one refused entry refuses them all (422 naming entries.<index>): nothing written, no number taken", async () => {
  const org = await t.organization();
  const acc = await books(org.api);
  const batch = entries(acc, 3);
  batch[1] = { ...batch[1]!, lines: [debit(acc.cash, "5.00"), credit(acc.sales, "4.99")] };
  const res = await org.api.post("/journal-entries/batch", { entries: batch });
  expect(res.status).toBe(422);
  expect(res.body.error.code).toBe("ENTRY_NOT_BALANCED");
  expect(res.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(["entries.1.lines"]);
  expect(await postedCount(org.id)).toBe(0);
  const next = await org.api.post("/journal-entries?post=true", entries(acc, 1)[0]!);
  expect(next.body.data.number).toBe("JE-2026-000001");

  // Another organization's account is an unknown account, and refuses the lot too.
  const other = await t.organization();
  const theirs = (await t.account(other.api, "1110")).id;
  const foreign = await org.api.post("/journal-entries/batch", { entries: [entries(acc, 1)[0], { date: "2026-06-01", lines: [debit(theirs, "1"), credit(acc.sales, "1")] }] });
  expect([foreign.status, foreign.body.error.code, foreign.body.error.details[0].path]).toEqual([422, "UNKNOWN_ACCOUNT", "entries.1.lines.0.accountId"]);
  expect(await postedCount(org.id)).toBe(1);
  expect(await postedCount(other.id)).toBe(0);

  // A locked date refuses the lot as well.
  await t.owner.query("INSERT INTO finance.period_locks (organization_id, locked_through, updated_by, updated_at) VALUES ($1, '2026-01-31', 'test', now())", [org.id]);
  const locked = await org.api.post("/journal-entries/batch", { entries: [entries(acc, 1)[0], entries(acc, 1, "2026-01-15")[0]] });
  expect([locked.status, locked.body.error.code]).toEqual([422, "PERIOD_LOCKED"]);
  expect(await postedCount(org.id)).toBe(1);
});

it("validates the body (400 with field paths, nothing written): no entries, more than 100, a broken line, an unknown field", async () => {
  const org = await t.organization();
  const acc = await books(org.api);
  const paths = async (body: object) => {
    const res = await org.api.post("/journal-entries/batch", body);
    expect(res.status).toBe(400);
    return res.body.error.details.map((detail: { path: string }) => detail.path);
  };
  expect(await paths({ entries: [] })).toEqual(["entries"]);
  expect(await paths({ entries: entries(acc, 101) })).toEqual(["entries"]);
  expect(await paths({ entries: [{ date: "2026-06-01", lines: [{ accountId: acc.cash, debit: "1", credit: "1" }] }] })).toEqual(["entries.0.lines.0.debit"]);
  expect(await paths({ entries: [{ date: "2026-13-01", lines: [] }] })).toEqual(["entries.0.date"]);
  expect(await paths({ entries: entries(acc, 1), post: true })).toEqual(["post"]);
  expect(await postedCount(org.id)).toBe(0);
});

it("needs both finance.journal_entry.create and .post (403); a viewer is refused", async () => {
  const org = await t.organization();
  const acc = await books(org.api);
  const body = { entries: entries(acc, 1) };
  expect((await t.api(await t.viewerToken(org.id)).post("/journal-entries/batch", body)).status).toBe(403);
  expect((await t.api(t.token(org.id, ["finance.journal_entry.create", "finance.journal_entry.read"])).post("/journal-entries/batch", body)).status).toBe(403);
  expect((await t.api(t.token(org.id, ["finance.journal_entry.post", "finance.journal_entry.read"])).post("/journal-entries/batch", body)).status).toBe(403);
  expect(await postedCount(org.id)).toBe(0);
});

it("with an Idempotency-Key a retry replays the first answer and posts nothing more; another body with the key is 422", async () => {
  const org = await t.organization();
  const acc = await books(org.api);
  const send = (body: object) =>
    request(t.app).post(`${t.basePath}/journal-entries/batch`).set("Authorization", `Bearer ${org.token}`).set("Idempotency-Key", "import-2026-06-01").send(body);
  const body = { entries: entries(acc, 2) };
  const first = await send(body);
  const replay = await send(body);
  expect(first.status).toBe(201);
  expect([replay.status, replay.body, replay.headers.location]).toEqual([201, first.body, first.headers.location]);
  expect((await send({ entries: entries(acc, 3) })).status).toBe(422);
  expect(await postedCount(org.id)).toBe(2);
});

it("concurrent batches and single postings share one gap-free series and one chain", async () => {
  const org = await t.organization();
  const acc = await books(org.api);
  const results = await Promise.all([
    ...Array.from({ length: 4 }, () => org.api.post("/journal-entries/batch", { entries: entries(acc, 10) })),
    ...entries(acc, 10).map((entry) => org.api.post("/journal-entries?post=true", entry)),
  ]);
  expect(results.map((res) => res.status)).toEqual(Array(14).fill(201));
  const numbers = results.flatMap((res) => (Array.isArray(res.body.data) ? res.body.data : [res.body.data]).map((entry: { number: string }) => entry.number));
  expect(numbers.sort()).toEqual(Array.from({ length: 50 }, (_, i) => `JE-2026-${String(i + 1).padStart(6, "0")}`));
  // Each batch's entries are consecutive.
  for (const res of results.slice(0, 4)) {
    const sequence = (res.body.data as { number: string }[]).map((entry) => Number(entry.number.slice(-6)));
    expect(sequence).toEqual(Array.from({ length: 10 }, (_, i) => sequence[0]! + i));
  }
  expect((await org.api.get("/reports/ledger-integrity")).body.data).toMatchObject({ status: "intact", entriesChecked: 50 });
});
