/**
 * Expected close dates (QA): `0001-01-01` was accepted. Opportunities and lead conversions take the
 * shared calendar date (@erp/dates: 1900-01-01..9999-12-31, a day that exists).
 */
import { startCrmTestApp, type CrmTestApp } from "../../../test/harness";

let t: CrmTestApp;
beforeAll(async () => {
  t = await startCrmTestApp();
});
afterAll(() => t.close());

it("an opportunity's expected close date before 1900, or on a day that does not exist, is a 400 naming it", async () => {
  const org = t.organization();
  for (const [expectedCloseDate, message] of [
    ["0001-01-01", "Must be between 1900-01-01 and 9999-12-31"],
    ["2026-02-30", "Not a calendar date: 2026-02-30 does not exist"],
  ]) {
    const res = await org.api.post("/opportunities", { name: "Acme", amount: "100.00", currency: "EUR", expectedCloseDate });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: "expectedCloseDate", message }]);
  }
  const ok = await org.api.post("/opportunities", { name: "Acme", amount: "100.00", currency: "EUR", expectedCloseDate: "2026-03-31" });
  expect([ok.status, ok.body.data.expectedCloseDate]).toEqual([201, "2026-03-31"]);
});
