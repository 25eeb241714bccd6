/** Won and lost opportunities closed in a range, and the win rate won / (won + lost), overall and per owner. */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { WinRateDto } from "./report.schemas";

export async function winRateReport(tx: Tx, scope: Scope, query: { from?: string; to?: string; pipelineId?: string; ownerId?: string }): Promise<WinRateDto> {
  const { organizationId } = scope;
  const from = query.from ?? null;
  const to = query.to ?? null;
  const pipelineId = query.pipelineId ?? null;
  const ownerId = query.ownerId ?? null;
  const rows = await tx.$queryRaw<{ owner_id: string | null; won: number; lost: number }[]>`
    SELECT owner_id, count(*) FILTER (WHERE status = 'won')::int AS won, count(*) FILTER (WHERE status = 'lost')::int AS lost
    FROM opportunities
    WHERE organization_id = ${organizationId}::uuid AND status IN ('won', 'lost')
      AND (${from}::date IS NULL OR closed_at >= ${from}::date)
      AND (${to}::date IS NULL OR closed_at < ${to}::date + 1)
      AND (${pipelineId}::uuid IS NULL OR pipeline_id = ${pipelineId}::uuid)
      AND (${ownerId}::uuid IS NULL OR owner_id = ${ownerId}::uuid)
    GROUP BY owner_id
    ORDER BY owner_id NULLS LAST`;
  const won = rows.reduce((n, r) => n + r.won, 0);
  const lost = rows.reduce((n, r) => n + r.lost, 0);
  return {
    won,
    lost,
    winRate: rate(won, lost),
    byOwner: rows.map((r) => ({ ownerId: r.owner_id, won: r.won, lost: r.lost, winRate: rate(r.won, r.lost) })),
  };
}

/** won / (won + lost) to 4 places, half up, computed on integers so no float rounding creeps in. */
function rate(won: number, lost: number): string | null {
  const closed = won + lost;
  if (closed === 0) return null;
  const tenThousandths = Math.floor((won * 20000 + closed) / (2 * closed));
  return `${Math.floor(tenThousandths / 10000)}.${String(tenThousandths % 10000).padStart(4, "0")}`;
}
