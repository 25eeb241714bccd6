/** finance.ledger.opened: published once per organization, with the first entry it posts, whichever way and however concurrently it is posted. */
import { startFinanceTestApp, type Api, type FinanceTestApp } from "../../../test/harness";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp({ poolMax: 20 });
});
afterAll(() => t.close());

const lines = (cash: string, sales: string, amount: string) => [
  { accountId: cash, debit: amount },
  { accountId: sales, credit: amount },
];

async function cashAndSales(api: Api) {
  return { cash: (await t.account(api, "1110")).id, sales: (await t.account(api, "4100")).id };
}

async function openedEvents(organizationId: string) {
  return (await t.outbox(organizationId)).filter((row) => row.event_type === "finance.ledger.opened");
}

describe("finance.ledger.opened", () => {
  it("the first posting publishes it once, with the base currency and the first entry's number; a second posting does not", async () => {
    const org = await t.organization({ baseCurrency: "JPY", fiscalYearStartMonth: 1 });
    const { cash, sales } = await cashAndSales(org.api);
    const draft = await org.api.post("/journal-entries", { date: "2026-04-01", lines: lines(cash, sales, "1000") });
    expect(draft.status).toBe(201);
    expect(await openedEvents(org.id)).toEqual([]);

    const first = await org.api.post(`/journal-entries/${draft.body.data.id}/post`);
    expect(first.status).toBe(200);
    const second = await org.api.post("/journal-entries?post=true", { date: "2026-04-02", lines: lines(cash, sales, "500") });
    expect(second.status).toBe(201);

    const opened = await openedEvents(org.id);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ organization_id: org.id, aggregate_id: org.id });
    expect(opened[0]!.envelope).toMatchObject({
      version: 1,
      data: { baseCurrency: "JPY", firstEntryNumber: first.body.data.number, openedAt: first.body.data.postedAt },
    });
    // In the first entry's transaction: its posted event comes just before.
    const types = await t.outboxTypes(org.id);
    expect(types.indexOf("finance.ledger.opened")).toBe(types.indexOf("finance.journal_entry.posted") + 1);
  });

  it("20 concurrent first postings of a fresh organization (drafts posted and post=true) publish exactly one", async () => {
    const org = await t.organization();
    const { cash, sales } = await cashAndSales(org.api);
    const drafts: string[] = [];
    for (let i = 0; i < 10; i++) drafts.push((await org.api.post("/journal-entries", { date: "2026-05-01", lines: lines(cash, sales, `${i + 1}.00`) })).body.data.id);
    const results = await Promise.all([
      ...drafts.map((id) => org.api.post(`/journal-entries/${id}/post`)),
      ...Array.from({ length: 10 }, (_, i) => org.api.post("/journal-entries?post=true", { date: "2026-05-02", lines: lines(cash, sales, `${i + 11}.00`) })),
    ]);
    expect(results.map((res) => res.status).sort()).toEqual([...Array(10).fill(200), ...Array(10).fill(201)].sort());

    const opened = await openedEvents(org.id);
    expect(opened).toHaveLength(1);
    const numbers = results.map((res) => res.body.data.number as string);
    expect(opened[0]!.envelope.data).toMatchObject({ baseCurrency: "EUR", firstEntryNumber: "JE-2026-000001" });
    expect(numbers).toContain("JE-2026-000001");
  });
});
