/**
 * Per stage of a pipeline: how many opportunities, their total and weighted amount (probability ×
 * amount), per currency. Sums are exact (numeric) and rounded to 2 places once, at the end.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { pipelineOrDefault } from "../pipelines/get-pipeline";
import { currencyMode } from "./currency-mode";
import type { PipelineReportDto } from "./report.schemas";

interface Row {
  stage_id: string;
  currency: string | null;
  count: number;
  total: string | null;
  weighted: string | null;
}

/** @throws AppError 404 when the pipeline (or the default) does not exist */
export async function pipelineReport(tx: Tx, scope: Scope, query: { pipelineId?: string; ownerId?: string }): Promise<PipelineReportDto> {
  const { organizationId } = scope;
  const pipeline = await pipelineOrDefault(tx, scope, query.pipelineId);
  const rows = await tx.$queryRaw<Row[]>`
    SELECT o.stage_id, o.currency, count(*)::int AS count,
           round(sum(o.amount), 2)::text AS total,
           round(sum(o.amount * s.probability / 100.0), 2)::text AS weighted
    FROM opportunities o JOIN pipeline_stages s ON s.organization_id = o.organization_id AND s.id = o.stage_id
    WHERE o.organization_id = ${organizationId}::uuid AND o.pipeline_id = ${pipeline.id}::uuid
      AND (${query.ownerId ?? null}::uuid IS NULL OR o.owner_id = ${query.ownerId ?? null}::uuid)
    GROUP BY o.stage_id, o.currency
    ORDER BY o.currency NULLS LAST`;
  const currencies = [...new Set(rows.flatMap((r) => (r.currency ? [r.currency] : [])))].sort();
  const stages = pipeline.stages.map((stage) => {
    const own = rows.filter((r) => r.stage_id === stage.id);
    return {
      stageId: stage.id,
      name: stage.name,
      kind: stage.kind,
      probability: stage.probability,
      count: own.reduce((n, r) => n + r.count, 0),
      withoutAmount: own.filter((r) => r.currency === null).reduce((n, r) => n + r.count, 0),
      amounts: own.filter((r) => r.currency !== null).map((r) => ({ currency: r.currency!, count: r.count, total: r.total!, weighted: r.weighted! })),
    };
  });
  const totals = await tx.$queryRaw<{ currency: string; count: number; total: string; weighted: string }[]>`
    SELECT o.currency, count(*)::int AS count, round(sum(o.amount), 2)::text AS total,
           round(sum(o.amount * s.probability / 100.0), 2)::text AS weighted
    FROM opportunities o JOIN pipeline_stages s ON s.organization_id = o.organization_id AND s.id = o.stage_id
    WHERE o.organization_id = ${organizationId}::uuid AND o.pipeline_id = ${pipeline.id}::uuid AND o.currency IS NOT NULL
      AND (${query.ownerId ?? null}::uuid IS NULL OR o.owner_id = ${query.ownerId ?? null}::uuid)
    GROUP BY o.currency ORDER BY o.currency`;
  return { pipelineId: pipeline.id, pipelineName: pipeline.name, ...currencyMode(currencies), currencies, stages, totals };
}
