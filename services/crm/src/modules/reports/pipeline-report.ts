/**
 * Per stage of a pipeline: how many opportunities, their total and weighted amount (probability ×
 * amount), per currency and, where the base currency is known, in it: every currency with a rate
 * converted (base-currency.ts). Sums are exact (numeric) and rounded once, at the end.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { pipelineOrDefault } from "../pipelines/get-pipeline";
import { baseFigures, conversionOf, opportunityRateSql, perCurrency, ratesSql, ratesUsed } from "./base-currency";
import { currencyMode } from "./currency-mode";
import type { PipelineReportDto } from "./report.schemas";

/** One grouping of the opportunities: a stage and currency, a stage, a currency, or all (`every_*` = 1 when grouped over it). */
interface Row {
  stage_id: string | null;
  currency: string | null;
  every_stage: number;
  every_currency: number;
  count: number;
  total: string | null;
  weighted: string | null;
  base_count: number;
  base_total: string | null;
  base_weighted: string | null;
}

/** @throws AppError 404 when the pipeline (or the default) does not exist */
export async function pipelineReport(tx: Tx, scope: Scope, query: { pipelineId?: string; ownerId?: string }): Promise<PipelineReportDto> {
  const { organizationId } = scope;
  const pipeline = await pipelineOrDefault(tx, scope, query.pipelineId);
  const conversion = await conversionOf(tx, scope);
  const ownerId = query.ownerId ?? null;
  const rows = await tx.$queryRaw<Row[]>`
    WITH rates AS (${ratesSql(organizationId, conversion)}),
    deals AS (
      SELECT o.stage_id, o.currency::text AS currency, o.amount, o.amount * s.probability * 0.01 AS weighted, ${opportunityRateSql(conversion)} AS rate
      FROM opportunities o
      JOIN pipeline_stages s ON s.organization_id = o.organization_id AND s.id = o.stage_id
      LEFT JOIN rates r ON r.currency = o.currency
      WHERE o.organization_id = ${organizationId}::uuid AND o.pipeline_id = ${pipeline.id}::uuid
        AND (${ownerId}::uuid IS NULL OR o.owner_id = ${ownerId}::uuid)
    )
    SELECT stage_id, currency, GROUPING(stage_id)::int AS every_stage, GROUPING(currency)::int AS every_currency,
           count(*)::int AS count, sum(amount)::text AS total, sum(weighted)::text AS weighted,
           (count(*) FILTER (WHERE rate IS NOT NULL))::int AS base_count,
           sum(amount * rate)::text AS base_total, sum(weighted * rate)::text AS base_weighted
    FROM deals
    GROUP BY GROUPING SETS ((stage_id, currency), (stage_id), (currency), ())
    ORDER BY currency NULLS LAST`;

  const byStageAndCurrency = rows.filter((r) => r.every_stage === 0 && r.every_currency === 0);
  const byCurrency = rows.filter((r) => r.every_stage === 1 && r.every_currency === 0 && r.currency !== null);
  const currencies = byCurrency.map((r) => r.currency!);
  const rates = await ratesUsed(tx, organizationId, conversion, currencies);
  const amountRow = (r: Row) => ({ currency: r.currency!, count: r.count, total: perCurrency(r.total), weighted: perCurrency(r.weighted) });

  const stages = pipeline.stages.map((stage) => {
    const own = byStageAndCurrency.filter((r) => r.stage_id === stage.id);
    return {
      stageId: stage.id,
      name: stage.name,
      kind: stage.kind,
      probability: stage.probability,
      count: own.reduce((n, r) => n + r.count, 0),
      withoutAmount: own.filter((r) => r.currency === null).reduce((n, r) => n + r.count, 0),
      amounts: own.filter((r) => r.currency !== null).map(amountRow),
      base: baseFigures(conversion, rows.find((r) => r.every_stage === 0 && r.every_currency === 1 && r.stage_id === stage.id)),
    };
  });
  return {
    pipelineId: pipeline.id,
    pipelineName: pipeline.name,
    ...currencyMode(currencies, conversion, rates.map((rate) => rate.currency)),
    ...conversion,
    rates,
    currencies,
    stages,
    totals: byCurrency.map(amountRow),
    baseTotals: baseFigures(conversion, rows.find((r) => r.every_stage === 1 && r.every_currency === 1)),
  };
}
