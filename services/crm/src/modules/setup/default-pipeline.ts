/** The sales pipeline every organization starts with (stages in order; won 100 %, lost 0 %). */
import type { StageKind } from "../../generated/prisma/enums";

export const DEFAULT_PIPELINE_NAME = "Sales";

export const DEFAULT_STAGES: readonly { name: string; kind: StageKind; probability: number }[] = [
  { name: "Qualification", kind: "open", probability: 10 },
  { name: "Proposal", kind: "open", probability: 40 },
  { name: "Negotiation", kind: "open", probability: 70 },
  { name: "Won", kind: "won", probability: 100 },
  { name: "Lost", kind: "lost", probability: 0 },
];
