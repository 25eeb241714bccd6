/**
 * The weighted forecast: open opportunities expected to close between two dates, by expected close
 * month and owner, per currency; weighted = Σ amount × stage probability / 100, rounded once.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { currencyMode } from "./currency-mode";
import type { ForecastDto } from "./report.schemas";

export async function forecastReport(tx: Tx, scope: Scope, query: { from: string; to: string; pipelineId?: string; ownerId?: string }): Promise<ForecastDto> {
  const { organizationId } = scope;
  const filter = {
    pipelineId: query.pipelineId ?? null,
    ownerId: query.ownerId ?? null,
  };
  const rows = await tx.$queryRaw<{ month: string; owner_id: string | null; currency: string | null; count: number; amount: string | null; weighted: string | null }[]>`
    SELECT to_char(o.expected_close_date, 'YYYY-MM') AS month, o.owner_id, o.currency, count(*)::int AS count,
           round(sum(o.amount), 2)::text AS amount, round(sum(o.amount * s.probability / 100.0), 2)::text AS weighted
    FROM opportunities o JOIN pipeline_stages s ON s.organization_id = o.organization_id AND s.id = o.stage_id
    WHERE o.organization_id = ${organizationId}::uuid AND o.status = 'open'
      AND o.expected_close_date BETWEEN ${query.from}::date AND ${query.to}::date
      AND (${filter.pipelineId}::uuid IS NULL OR o.pipeline_id = ${filter.pipelineId}::uuid)
      AND (${filter.ownerId}::uuid IS NULL OR o.owner_id = ${filter.ownerId}::uuid)
    GROUP BY 1, 2, 3
    ORDER BY 1, 2 NULLS LAST, 3`;
  const priced = rows.filter((r) => r.currency !== null);
  const totals = await tx.$queryRaw<{ currency: string; count: number; amount: string; weighted: string }[]>`
    SELECT o.currency, count(*)::int AS count, round(sum(o.amount), 2)::text AS amount,
           round(sum(o.amount * s.probability / 100.0), 2)::text AS weighted
    FROM opportunities o JOIN pipeline_stages s ON s.organization_id = o.organization_id AND s.id = o.stage_id
    WHERE o.organization_id = ${organizationId}::uuid AND o.status = 'open' AND o.currency IS NOT NULL
      AND o.expected_close_date BETWEEN ${query.from}::date AND ${query.to}::date
      AND (${filter.pipelineId}::uuid IS NULL OR o.pipeline_id = ${filter.pipelineId}::uuid)
      AND (${filter.ownerId}::uuid IS NULL OR o.owner_id = ${filter.ownerId}::uuid)
    GROUP BY 1 ORDER BY 1`;
  return {
    from: query.from,
    to: query.to,
    ...currencyMode(totals.map((t) => t.currency)),
    rows: priced.map((r) => ({ month: r.month, ownerId: r.owner_id, currency: r.currency!, count: r.count, amount: r.amount!, weighted: r.weighted! })),
    totals,
    withoutAmount: rows.filter((r) => r.currency === null).reduce((n, r) => n + r.count, 0),
  };
}
