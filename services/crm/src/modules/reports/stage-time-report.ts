/**
 * Average time in each stage of a pipeline, from the stage history: over every move out of the
 * stage, the time spent in it (stays still going are not counted: they have no length yet).
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { pipelineOrDefault } from "../pipelines/get-pipeline";
import type { StageTimeDto } from "./report.schemas";

/** @throws AppError 404 when the pipeline (or the default) does not exist */
export async function stageTimeReport(tx: Tx, scope: Scope, query: { pipelineId?: string }): Promise<StageTimeDto> {
  const pipeline = await pipelineOrDefault(tx, scope, query.pipelineId);
  const rows = await tx.$queryRaw<{ stage_id: string; exits: number; average: string }[]>`
    SELECT from_stage_id AS stage_id, count(*)::int AS exits, avg(seconds_in_previous_stage)::text AS average
    FROM opportunity_stage_history
    WHERE organization_id = ${scope.organizationId}::uuid AND from_stage_id = ANY(${pipeline.stages.map((s) => s.id)}::uuid[])
    GROUP BY from_stage_id`;
  const byStage = new Map(rows.map((r) => [r.stage_id, r]));
  return {
    pipelineId: pipeline.id,
    stages: pipeline.stages.map((stage) => {
      const row = byStage.get(stage.id);
      const average = row ? Number(row.average) : null;
      return {
        stageId: stage.id,
        name: stage.name,
        exits: row?.exits ?? 0,
        averageSeconds: average === null ? null : Math.round(average),
        averageDays: average === null ? null : (average / 86_400).toFixed(2),
      };
    }),
  };
}
