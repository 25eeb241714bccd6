/**
 * Dates the ledger takes (QA): `0001-01-01` was accepted and a journal entry posted in fiscal year
 * 0 as `JE-0-000001`. Every date is the shared calendar date (@erp/dates): 1900-01-01..9999-12-31,
 * a day that exists; the internal posting route and the exchange rates take the same rule.
 */
import { startFinanceTestApp, type FinanceTestApp } from "../../../test/harness";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

it("a journal entry dated before 1900 or on a day that does not exist is a 400 naming the date, and nothing is written", async () => {
  const org = await t.organization();
  const bank = (await t.account(org.api, "1120")).id;
  const sales = (await t.account(org.api, "4100")).id;
  const lines = [{ accountId: bank, debit: "10.00" }, { accountId: sales, credit: "10.00" }];
  for (const [date, message] of [
    ["0001-01-01", "Must be between 1900-01-01 and 9999-12-31"],
    ["2026-02-29", "Not a calendar date: 2026-02-29 does not exist"],
  ]) {
    const res = await org.api.post("/journal-entries?post=true", { date, memo: "QA", lines });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: "date", message }]);
  }
  const internal = await t.internal.post("/journal-entries", { organizationId: org.id, source: { type: "qa", id: "1" }, date: "0001-01-01", lines });
  expect(internal.status).toBe(400);
  const { rows } = await t.owner.query("SELECT count(*)::int AS n FROM finance.journal_entries WHERE organization_id = $1", [org.id]);
  expect(rows[0]).toEqual({ n: 0 });
  const rate = await org.api.post("/exchange-rates", { currency: "USD", effectiveDate: "0001-01-01", rate: "0.9" });
  expect(rate.status).toBe(400);
  expect(rate.body.error.details).toEqual([{ path: "effectiveDate", message: "Must be between 1900-01-01 and 9999-12-31" }]);
});
