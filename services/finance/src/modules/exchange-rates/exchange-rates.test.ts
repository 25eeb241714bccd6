/**
 * Exchange rates publish every change (finance.exchange_rate.recorded, updated, deleted) with the
 * organization's base currency, written in the change's transaction: a refused change publishes nothing.
 */
import { startFinanceTestApp, type FinanceTestApp } from "../../../test/harness";

// Room for the retried ledger set-up below on a loaded machine.
jest.setTimeout(120_000);

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

/**
 * A new organization whose ledger is set up. Under a heavy machine load the set-up transaction can
 * outlast Prisma's 5 s (a 500 on the first request, see the coordination notes); it is retried, as
 * it is not what these tests are about.
 */
async function organization() {
  const org = t.organization({ baseCurrency: "USD", fiscalYearStartMonth: 1 });
  for (let attempt = 1; (await org.api.get("/exchange-rates")).status !== 200; attempt++) {
    if (attempt === 5) throw new Error("the ledger could not be set up");
  }
  return org;
}

async function rateEvents(organizationId: string) {
  return (await t.outbox(organizationId))
    .filter((row) => row.event_type.startsWith("finance.exchange_rate."))
    .map((row) => ({ type: row.event_type, aggregateId: row.aggregate_id, data: row.envelope.data }));
}

it("recording, correcting and deleting a rate each publish their event, with the base currency, in order", async () => {
  const org = await organization();
  const recorded = await org.api.post("/exchange-rates", { currency: "EUR", effectiveDate: "2026-03-01", rate: "1.10" });
  expect(recorded.status).toBe(201);
  const { id } = recorded.body.data;
  expect((await org.api.patch(`/exchange-rates/${id}`, { rate: "1.1234567891" })).status).toBe(200);
  expect((await org.api.delete(`/exchange-rates/${id}`)).status).toBe(204);

  const rate = { currency: "EUR", baseCurrency: "USD", effectiveDate: "2026-03-01" };
  expect(await rateEvents(org.id)).toEqual([
    { type: "finance.exchange_rate.recorded", aggregateId: id, data: { ...rate, rate: "1.1" } },
    { type: "finance.exchange_rate.updated", aggregateId: id, data: { ...rate, rate: "1.1234567891", previousRate: "1.1" } },
    { type: "finance.exchange_rate.deleted", aggregateId: id, data: { ...rate, rate: "1.1234567891" } },
  ]);
});

it("a refused change publishes nothing: the base currency's rate (422), a second rate on a date (409), another organization's rate (404)", async () => {
  const org = await organization();
  const other = await organization();
  const { id } = (await org.api.post("/exchange-rates", { currency: "GBP", effectiveDate: "2026-03-01", rate: "1.25" })).body.data;

  expect((await org.api.post("/exchange-rates", { currency: "USD", effectiveDate: "2026-03-01", rate: "1" })).status).toBe(422);
  expect((await org.api.post("/exchange-rates", { currency: "GBP", effectiveDate: "2026-03-01", rate: "1.30" })).status).toBe(409);
  expect((await other.api.patch(`/exchange-rates/${id}`, { rate: "2" })).status).toBe(404);
  expect((await other.api.delete(`/exchange-rates/${id}`)).status).toBe(404);

  expect((await rateEvents(org.id)).map((event) => event.type)).toEqual(["finance.exchange_rate.recorded"]);
  expect(await rateEvents(other.id)).toEqual([]);
});
