/**
 * Pipelines, opportunities and their stage history, and the reports computed from them, checked
 * against hand-computed figures.
 */
import { exchangeRateDeleted, exchangeRateRecorded, organizationCreated } from "@erp/event-catalog";
import { defaultPipeline, startCrmTestApp, type CrmTestApp } from "../../../test/harness";

let t: CrmTestApp;
beforeAll(async () => {
  t = await startCrmTestApp();
});
afterAll(() => t.close());

describe("pipelines", () => {
  it("every organization starts with the default sales pipeline, created once", async () => {
    const org = t.organization();
    const [a, b] = await Promise.all([org.api.get("/pipelines"), org.api.get("/pipelines")]);
    expect(a.body.data).toEqual(b.body.data);
    expect(a.body.data).toHaveLength(1);
    expect(a.body.data[0].stages.map((s: { name: string; kind: string; probability: number }) => [s.name, s.kind, s.probability])).toEqual([
      ["Qualification", "open", 10],
      ["Proposal", "open", 40],
      ["Negotiation", "open", 70],
      ["Won", "won", 100],
      ["Lost", "lost", 0],
    ]);
  });

  it("stages are added, renamed, reordered; a stage in use is deleted only by moving its opportunities", async () => {
    const org = t.organization();
    const pipeline = await defaultPipeline(org.api);
    const added = await org.api.post(`/pipelines/${pipeline.id}/stages`, { name: "Demo", probability: 30, position: 1 });
    expect(added.body.data.stages.map((s: { name: string }) => s.name)).toEqual(["Qualification", "Demo", "Proposal", "Negotiation", "Won", "Lost"]);
    const demo = added.body.data.stages[1].id;
    expect((await org.api.patch(`/pipelines/${pipeline.id}/stages/${demo}`, { name: "proposal" })).status).toBe(409);
    expect((await org.api.patch(`/pipelines/${pipeline.id}/stages/${pipeline.stage("Won")}`, { probability: 90 })).body.error.code).toBe("PROBABILITY_FIXED");
    const order = [pipeline.stage("Proposal"), demo, pipeline.stage("Qualification"), pipeline.stage("Negotiation"), pipeline.stage("Won"), pipeline.stage("Lost")];
    const reordered = await org.api.put(`/pipelines/${pipeline.id}/stage-order`, { stageIds: order });
    expect(reordered.body.data.stages.map((s: { id: string }) => s.id)).toEqual(order);
    expect((await org.api.put(`/pipelines/${pipeline.id}/stage-order`, { stageIds: order.slice(1) })).body.error.code).toBe("STAGE_ORDER_MISMATCH");

    const deal = (await org.api.post("/opportunities", { name: "Deal", stageId: demo })).body.data;
    const refused = await org.api.delete(`/pipelines/${pipeline.id}/stages/${demo}`);
    expect([refused.status, refused.body.error.code]).toEqual([409, "STAGE_IN_USE"]);
    expect((await org.api.delete(`/pipelines/${pipeline.id}/stages/${pipeline.stage("Won")}`)).body.error.code).toBe("STAGES_INCOMPLETE");
    expect((await org.api.delete(`/pipelines/${pipeline.id}/stages/${demo}?moveTo=${pipeline.stage("Negotiation")}`)).status).toBe(204);
    const moved = (await org.api.get(`/opportunities/${deal.id}`)).body.data;
    expect(moved.stage.name).toBe("Negotiation");
    const history = (await org.api.get(`/opportunities/${deal.id}/history`)).body.data;
    expect(history.map((h: { fromStageName: string | null; toStageName: string }) => [h.fromStageName, h.toStageName])).toEqual([
      [null, "Demo"],
      ["Demo", "Negotiation"],
    ]);
  });

  it("creates a pipeline with its stages (an open, a won and a lost one needed), refuses deleting the default or a used one", async () => {
    const org = t.organization();
    const incomplete = await org.api.post("/pipelines", { name: "P", stages: [{ name: "A", probability: 10 }, { name: "B", probability: 20 }, { name: "C", kind: "won" }] });
    expect([incomplete.status, incomplete.body.error.code]).toEqual([422, "STAGES_INCOMPLETE"]);
    const created = await org.api.post("/pipelines", {
      name: "Partners",
      stages: [{ name: "Intro", probability: 20 }, { name: "Signed", kind: "won" }, { name: "Dropped", kind: "lost" }],
    });
    expect(created.status).toBe(201);
    const taken = await org.api.post("/pipelines", { name: " PARTNERS ", stages: [{ name: "A", probability: 5 }, { name: "B", kind: "won" }, { name: "C", kind: "lost" }] });
    expect([taken.status, taken.body.error.details[0].existing]).toEqual([409, { id: created.body.data.id }]);
    const sales = await defaultPipeline(org.api);
    expect((await org.api.delete(`/pipelines/${sales.id}`)).body.error.code).toBe("PIPELINE_IN_USE");
    expect((await org.api.patch(`/pipelines/${created.body.data.id}`, { isDefault: true })).body.data.isDefault).toBe(true);
    expect((await org.api.get(`/pipelines/${sales.id}`)).body.data.isDefault).toBe(false);
    expect((await t.api(t.viewerToken(org.id)).post("/pipelines", { name: "V", stages: [] })).status).toBe(403);
    expect((await t.organization().api.get(`/pipelines/${sales.id}`)).status).toBe(404);
  });
});

describe("opportunities", () => {
  it("moves through stages with a history of who, when and how long in the previous stage; won and lost close it", async () => {
    const org = t.organization();
    const pipeline = await defaultPipeline(org.api);
    const deal = (await org.api.post("/opportunities", { name: "Big deal", amount: "1000.00", currency: "EUR" })).body.data;
    expect(deal).toMatchObject({ stageId: pipeline.stage("Qualification"), status: "open" });
    // It entered its stage two days ago.
    await t.owner.query("UPDATE crm.opportunities SET stage_entered_at = now() - interval '2 days' WHERE id = $1", [deal.id]);
    const moved = await org.api.post(`/opportunities/${deal.id}/move`, { stageId: pipeline.stage("Proposal") });
    expect(moved.body.data).toMatchObject({ stage: { name: "Proposal", probability: 40 }, status: "open" });
    const history = (await org.api.get(`/opportunities/${deal.id}/history`)).body.data;
    expect(history[1]).toMatchObject({ fromStageName: "Qualification", toStageName: "Proposal", changedBy: { type: "user" } });
    expect(history[1].secondsInPreviousStage).toBeGreaterThanOrEqual(172_800);
    expect(history[1].secondsInPreviousStage).toBeLessThan(172_800 + 30);

    expect((await org.api.post(`/opportunities/${deal.id}/move`, { stageId: pipeline.stage("Proposal") })).body.error.code).toBe("INVALID_STATE");
    expect((await org.api.post(`/opportunities/${deal.id}/move`, { stageId: pipeline.stage("Lost") })).body.error.code).toBe("LOST_REASON_REQUIRED");
    const lost = await org.api.post(`/opportunities/${deal.id}/lost`, { lostReason: "Price" });
    expect(lost.body.data).toMatchObject({ status: "lost", lostReason: "Price", stage: { name: "Lost" } });
    expect(lost.body.data.closedAt).not.toBeNull();
    expect((await org.api.post(`/opportunities/${deal.id}/lost`, { lostReason: "Again" })).body.error.code).toBe("INVALID_STATE");
    const won = await org.api.post(`/opportunities/${deal.id}/won`, {});
    expect(won.body.data).toMatchObject({ status: "won", lostReason: null });
    expect((await org.api.post(`/opportunities/${deal.id}/won`, {})).body.error.code).toBe("INVALID_STATE");
    const reopened = await org.api.post(`/opportunities/${deal.id}/move`, { stageId: pipeline.stage("Negotiation") });
    expect(reopened.body.data).toMatchObject({ status: "open", closedAt: null });
    expect((await t.outboxTypes(org.id)).filter((type) => type !== "crm.opportunity.created")).toEqual([
      "crm.opportunity.stage_changed",
      "crm.opportunity.stage_changed",
      "crm.opportunity.lost",
      "crm.opportunity.stage_changed",
      "crm.opportunity.won",
      "crm.opportunity.stage_changed",
    ]);
    const timeline = (await org.api.get(`/opportunities/${deal.id}/timeline?limit=2`)).body;
    expect(timeline.data.map((e: { change: { kind: string } }) => e.change.kind)).toEqual(["stage_changed", "stage_changed"]);
    const rest = (await org.api.get(`/opportunities/${deal.id}/timeline?cursor=${timeline.page.nextCursor}`)).body.data;
    expect(rest.map((e: { change: { kind: string } }) => e.change.kind)).toEqual(["stage_changed", "stage_changed", "created"]);
  });

  it("answers 400 with details, 403 to a viewer, 404 across organizations, 422 for unknown references", async () => {
    const org = t.organization();
    const bad = await org.api.post("/opportunities", { name: "", amount: "12.345", currency: "EUR" });
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["amount", "name"]);
    expect((await org.api.post("/opportunities", { name: "X", amount: "1.00" })).status).toBe(400);
    const unknown = await org.api.post("/opportunities", { name: "X", companyId: "0193a1b2-0000-7000-8000-00000000dead" });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, "UNKNOWN_REFERENCE"]);
    const deal = (await org.api.post("/opportunities", { name: "Mine" })).body.data;
    expect((await t.api(t.viewerToken(org.id)).post(`/opportunities/${deal.id}/won`, {})).status).toBe(403);
    const other = t.organization();
    for (const res of [
      await other.api.get(`/opportunities/${deal.id}`),
      await other.api.post(`/opportunities/${deal.id}/won`, {}),
      await other.api.get(`/opportunities/${deal.id}/history`),
    ]) {
      expect(res.status).toBe(404);
    }
    // Another organization's stage is no stage here.
    const theirs = await defaultPipeline(other.api);
    expect((await org.api.post(`/opportunities/${deal.id}/move`, { stageId: theirs.stage("Proposal") })).body.error.code).toBe("UNKNOWN_REFERENCE");
    const changed = await org.api.patch(`/opportunities/${deal.id}`, { amount: "99.90", currency: "USD", tags: ["q1"] });
    expect(changed.body.data).toMatchObject({ amount: "99.90", currency: "USD", tags: ["q1"] });
    expect((await org.api.get("/opportunities?tag=q1&q=min")).body.data.map((o: { id: string }) => o.id)).toEqual([deal.id]);
    expect((await org.api.delete(`/opportunities/${deal.id}`)).status).toBe(204);
  });
});

describe("reports", () => {
  it("pipeline report: count, total and weighted per stage and currency (hand-computed), saying when currencies are mixed", async () => {
    const org = t.organization();
    const p = await defaultPipeline(org.api);
    const deal = async (amount: string | null, currency: string | null, stage: string, expectedCloseDate?: string, ownerId?: string) =>
      (await org.api.post("/opportunities", { name: `D ${amount}`, amount, currency, stageId: p.stage(stage), expectedCloseDate, ownerId })).body.data;
    // Qualification 10 %: 1000.00 + 333.33 EUR → total 1333.33, weighted 133.333 → 133.33
    await deal("1000.00", "EUR", "Qualification", "2026-01-15");
    await deal("333.33", "EUR", "Qualification", "2026-02-10");
    // Proposal 40 %: 2500.00 EUR → weighted 1000.00; 100.00 USD → 40.00; one without an amount
    await deal("2500.00", "EUR", "Proposal", "2026-01-31");
    await deal("100.00", "USD", "Proposal", "2026-02-01");
    await deal(null, null, "Proposal", "2026-02-02");
    // Negotiation 70 %: 0.05 EUR → 0.035 → the total weighted adds exactly before rounding
    await deal("0.05", "EUR", "Negotiation", "2026-03-01");

    const report = (await org.api.get("/reports/pipeline")).body.data;
    expect(report).toMatchObject({ currencyMode: "per_currency", currencies: ["EUR", "USD"] });
    expect(report.note).toContain("2 currencies");
    const stage = (name: string) => report.stages.find((s: { name: string }) => s.name === name);
    expect(stage("Qualification")).toMatchObject({ count: 2, withoutAmount: 0, amounts: [{ currency: "EUR", count: 2, total: "1333.33", weighted: "133.33" }] });
    expect(stage("Proposal")).toMatchObject({
      count: 3,
      withoutAmount: 1,
      amounts: [
        { currency: "EUR", count: 1, total: "2500.00", weighted: "1000.00" },
        { currency: "USD", count: 1, total: "100.00", weighted: "40.00" },
      ],
    });
    expect(stage("Negotiation").amounts).toEqual([{ currency: "EUR", count: 1, total: "0.05", weighted: "0.04" }]);
    expect(stage("Won")).toMatchObject({ count: 0, amounts: [] });
    // EUR weighted: 100 + 33.333 + 1000 + 0.035 = 1133.368 → 1133.37
    expect(report.totals).toEqual([
      { currency: "EUR", count: 4, total: "3833.38", weighted: "1133.37" },
      { currency: "USD", count: 1, total: "100.00", weighted: "40.00" },
    ]);

    const forecast = (await org.api.get("/reports/forecast?from=2026-01-01&to=2026-02-28")).body.data;
    expect(forecast.rows.map((r: { month: string; currency: string; count: number; amount: string; weighted: string }) => [r.month, r.currency, r.count, r.amount, r.weighted])).toEqual([
      ["2026-01", "EUR", 2, "3500.00", "1100.00"],
      ["2026-02", "EUR", 1, "333.33", "33.33"],
      ["2026-02", "USD", 1, "100.00", "40.00"],
    ]);
    expect(forecast).toMatchObject({ withoutAmount: 1, currencyMode: "per_currency" });
    expect((await org.api.get("/reports/forecast?from=2026-03-01&to=2026-01-01")).status).toBe(400);
    expect((await t.api(t.token(org.id, [])).get("/reports/pipeline")).status).toBe(403);
  });

  it("forecast: weighted amounts by expected close month and owner (hand-computed); closed and out-of-range deals left out", async () => {
    const org = t.organization();
    const member = t.member(org.id);
    const p = await defaultPipeline(org.api);
    const deal = async (amount: string, stage: string, expectedCloseDate: string, ownerId?: string) =>
      (await org.api.post("/opportunities", { name: `D ${amount}`, amount, currency: "EUR", stageId: p.stage(stage), expectedCloseDate, ownerId })).body.data;
    await deal("1000.00", "Qualification", "2026-01-15"); // 10 % → 100.00, the caller's
    await deal("500.00", "Proposal", "2026-01-20", member); // 40 % → 200.00
    await deal("250.00", "Negotiation", "2026-01-31", member); // 70 % → 175.00
    await deal("99.99", "Negotiation", "2026-02-01", member); // 70 % → 69.993 → 69.99
    await deal("777.00", "Proposal", "2026-03-01", member); // after `to`
    const won = await deal("888.00", "Proposal", "2026-01-10", member); // closed
    await org.api.post(`/opportunities/${won.id as string}/won`, {});

    const forecast = (await org.api.get("/reports/forecast?from=2026-01-01&to=2026-02-28")).body.data;
    const january = [
      ["2026-01", org.userId, "EUR", 1, "1000.00", "100.00"],
      ["2026-01", member, "EUR", 2, "750.00", "375.00"],
    ].sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    const rows = forecast.rows.map((r: { month: string; ownerId: string; currency: string; count: number; amount: string; weighted: string }) => [r.month, r.ownerId, r.currency, r.count, r.amount, r.weighted]);
    expect(rows).toEqual([...january, ["2026-02", member, "EUR", 1, "99.99", "69.99"]]);
    // 100 + 200 + 175 + 69.993 = 544.993 → 544.99
    expect(forecast.totals).toEqual([{ currency: "EUR", count: 4, amount: "1849.99", weighted: "544.99" }]);
    const mine = (await org.api.get(`/reports/forecast?from=2026-01-01&to=2026-02-28&ownerId=${member}`)).body.data;
    expect(mine.totals).toEqual([{ currency: "EUR", count: 3, amount: "849.99", weighted: "444.99" }]);
  });

  it("without a known base currency the pipeline report converts nothing and says so: none, single, per currency", async () => {
    const org = t.organization();
    const mode = async () => {
      const { currencyMode, note, currencies, baseCurrency, baseTotals, unconvertedCurrencies } = (await org.api.get("/reports/pipeline")).body.data;
      return { currencyMode, note, currencies, baseCurrency, baseTotals, unconvertedCurrencies };
    };
    const unknownBase = { baseCurrency: null, baseTotals: null };
    expect(await mode()).toEqual({ currencyMode: "none", note: null, currencies: [], unconvertedCurrencies: [], ...unknownBase });
    await org.api.post("/opportunities", { name: "A", amount: "10.00", currency: "EUR" });
    expect(await mode()).toEqual({ currencyMode: "single", note: null, currencies: ["EUR"], unconvertedCurrencies: ["EUR"], ...unknownBase });
    await org.api.post("/opportunities", { name: "B", amount: "10.00", currency: "CHF" });
    expect(await mode()).toMatchObject({ currencyMode: "per_currency", currencies: ["CHF", "EUR"], unconvertedCurrencies: ["CHF", "EUR"], ...unknownBase });
    const operation = (await org.api.get("/openapi.json")).body.paths["/api/v1/crm/reports/pipeline"].get;
    expect(operation.description).toContain("rounded once to the base currency's minor units");
    const described = operation.responses["200"].content["application/json"].schema.properties.data.properties;
    expect(described.currencyMode.description).toContain("mixed: the currencies in `unconvertedCurrencies` have no exchange rate");
    expect(described.currencyMode.description).toContain("no conversion");
  });

  it("pipeline and forecast in the base currency: EUR at its latest rate effective today, USD as is; a currency without a rate is mixed in per currency only (hand-computed)", async () => {
    const org = t.organization();
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await t.deliver(organizationCreated, org.id, { name: "Acme", slug: org.id, timezone: "UTC", status: "active", baseCurrency: "USD", planCode: "pro", enabledModules: ["crm"] });
    const rate = (currency: string, effectiveDate: string, value: string, definition = exchangeRateRecorded) =>
      t.deliver(definition, org.id, { currency, baseCurrency: "USD", effectiveDate, rate: value });
    await rate("EUR", "2020-01-01", "1.05"); // older: not the latest
    await rate("EUR", "2020-06-01", "1.10"); // the one effective today
    await rate("EUR", "2020-09-01", "2.00");
    await rate("EUR", "2020-09-01", "2.00", exchangeRateDeleted); // deleted in finance: 1.10 applies again
    await rate("EUR", tomorrow, "9.99"); // not effective yet

    const p = await defaultPipeline(org.api);
    const deal = (amount: string, currency: string, stage: string, expectedCloseDate: string) =>
      org.api.post("/opportunities", { name: `D ${amount} ${currency}`, amount, currency, stageId: p.stage(stage), expectedCloseDate });
    await deal("1000.00", "EUR", "Qualification", "2026-01-15"); // 1100.00 USD; 10 % → 110.00
    await deal("500.00", "USD", "Proposal", "2026-01-20"); // 500.00; 40 % → 200.00
    await deal("33.33", "EUR", "Negotiation", "2026-02-10"); // 36.663 → 36.66; 70 % → 23.331 × 1.10 = 25.6641 → 25.66

    const report = async () => (await org.api.get("/reports/pipeline")).body.data;
    const base = (r: { stages: { name: string; base: unknown }[] }) => Object.fromEntries(r.stages.map((s) => [s.name, s.base]));
    const converted = await report();
    expect(converted).toMatchObject({
      currencyMode: "base",
      baseCurrency: "USD",
      ratesAsOf: today,
      rates: [{ currency: "EUR", rate: "1.1", effectiveDate: "2020-06-01" }],
      currencies: ["EUR", "USD"],
      unconvertedCurrencies: [],
      note: `Base figures in USD: EUR converted to USD at the latest rates effective on ${today}.`,
    });
    expect(base(converted)).toEqual({
      Qualification: { count: 1, total: "1100.00", weighted: "110.00" },
      Proposal: { count: 1, total: "500.00", weighted: "200.00" },
      Negotiation: { count: 1, total: "36.66", weighted: "25.66" },
      Won: { count: 0, total: "0.00", weighted: "0.00" },
      Lost: { count: 0, total: "0.00", weighted: "0.00" },
    });
    // 1100 + 500 + 36.663 = 1636.663 → 1636.66; 110 + 200 + 25.6641 = 335.6641 → 335.66 (rounded once)
    expect(converted.baseTotals).toEqual({ count: 3, total: "1636.66", weighted: "335.66" });
    // Per currency, in the currency itself, as before.
    expect(converted.totals).toEqual([
      { currency: "EUR", count: 2, total: "1033.33", weighted: "123.33" },
      { currency: "USD", count: 1, total: "500.00", weighted: "200.00" },
    ]);

    // GBP has no rate: it stays out of the base figures, reported per currency.
    await deal("200.00", "GBP", "Proposal", "2026-02-01");
    const mixed = await report();
    expect(mixed).toMatchObject({ currencyMode: "mixed", currencies: ["EUR", "GBP", "USD"], unconvertedCurrencies: ["GBP"] });
    expect(mixed.note).toContain("leave out GBP");
    expect(mixed.stages.find((s: { name: string }) => s.name === "Proposal")).toMatchObject({
      count: 2,
      amounts: [
        { currency: "GBP", count: 1, total: "200.00", weighted: "80.00" },
        { currency: "USD", count: 1, total: "500.00", weighted: "200.00" },
      ],
      base: { count: 1, total: "500.00", weighted: "200.00" },
    });
    expect(mixed.baseTotals).toEqual({ count: 3, total: "1636.66", weighted: "335.66" });

    const forecast = (await org.api.get("/reports/forecast?from=2026-01-01&to=2026-02-28")).body.data;
    expect(forecast).toMatchObject({ currencyMode: "mixed", baseCurrency: "USD", unconvertedCurrencies: ["GBP"], rates: [{ currency: "EUR", rate: "1.1" }] });
    expect(forecast.baseRows).toEqual([
      { month: "2026-01", ownerId: org.userId, base: { count: 2, total: "1600.00", weighted: "310.00" } },
      { month: "2026-02", ownerId: org.userId, base: { count: 1, total: "36.66", weighted: "25.66" } },
    ]);
    expect(forecast.baseTotals).toEqual({ count: 3, total: "1636.66", weighted: "335.66" });

    // A GBP rate arrives: 200.00 × 1.25 = 250.00, 40 % → 100.00; everything is in the base figures.
    await rate("GBP", "2020-01-01", "1.25");
    const all = await report();
    expect(all).toMatchObject({ currencyMode: "base", unconvertedCurrencies: [] });
    expect(all.rates).toEqual([
      { currency: "EUR", rate: "1.1", effectiveDate: "2020-06-01" },
      { currency: "GBP", rate: "1.25", effectiveDate: "2020-01-01" },
    ]);
    expect(base(all).Proposal).toEqual({ count: 2, total: "750.00", weighted: "300.00" });
    expect(all.baseTotals).toEqual({ count: 4, total: "1886.66", weighted: "435.66" });
    const forecastAll = (await org.api.get("/reports/forecast?from=2026-01-01&to=2026-02-28")).body.data;
    expect(forecastAll).toMatchObject({ currencyMode: "base", baseTotals: { count: 4, total: "1886.66", weighted: "435.66" } });
  });

  it("base figures are rounded to the base currency's minor units: 10.00 USD at 150.255 in a JPY base is 1503 (weighted 601)", async () => {
    const org = t.organization();
    // The base currency learnt from the rate event alone (no tenant event).
    await t.deliver(exchangeRateRecorded, org.id, { currency: "USD", baseCurrency: "JPY", effectiveDate: "2020-01-01", rate: "150.255" });
    const p = await defaultPipeline(org.api);
    await org.api.post("/opportunities", { name: "D", amount: "10.00", currency: "USD", stageId: p.stage("Proposal") });
    const report = (await org.api.get("/reports/pipeline")).body.data;
    // 10.00 × 150.255 = 1502.55 → 1503; 40 % → 4.00 × 150.255 = 601.02 → 601
    expect(report).toMatchObject({ currencyMode: "base", baseCurrency: "JPY", baseTotals: { count: 1, total: "1503", weighted: "601" } });
  });

  it("win rate and average time in stage from the stage history (hand-computed)", async () => {
    const org = t.organization();
    const p = await defaultPipeline(org.api);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await org.api.post("/opportunities", { name: `W${i}` })).body.data.id);
    await org.api.post(`/opportunities/${ids[0]}/won`, {});
    await org.api.post(`/opportunities/${ids[1]}/won`, {});
    await org.api.post(`/opportunities/${ids[2]}/lost`, { lostReason: "Timing" });
    const winRate = (await org.api.get("/reports/win-rate")).body.data;
    expect(winRate).toMatchObject({ won: 2, lost: 1, winRate: "0.6667" });

    // Stays in Proposal of exactly 1 h, 2 h and 6 h: average 3 h = 10800 s = 0.13 days.
    const deal = ids[0]!;
    for (const seconds of [3600, 7200, 21600]) {
      await t.owner.query(
        `INSERT INTO crm.opportunity_stage_history (id, organization_id, opportunity_id, from_stage_id, from_stage_name, to_stage_id, to_stage_name, actor_type, actor_id, changed_at, seconds_in_previous_stage)
         VALUES (gen_random_uuid(), $1, $2, $3, 'Proposal', $4, 'Negotiation', 'user', 'u', now(), $5)`,
        [org.id, deal, p.stage("Proposal"), p.stage("Negotiation"), seconds],
      );
    }
    const stageTime = (await org.api.get("/reports/stage-time")).body.data;
    expect(stageTime.stages.find((s: { name: string }) => s.name === "Proposal")).toEqual({
      stageId: p.stage("Proposal"),
      name: "Proposal",
      exits: 3,
      averageSeconds: 10800,
      averageDays: "0.13",
    });
    expect(stageTime.stages.find((s: { name: string }) => s.name === "Qualification")).toMatchObject({ exits: 3 });
    expect(stageTime.stages.find((s: { name: string }) => s.name === "Won")).toMatchObject({ exits: 0, averageSeconds: null });
  });
});
