/** What every pipeline keeps: an open, a won and a lost stage; and what a stage's probability may be. */
import type { StageKind } from "../../generated/prisma/enums";
import { probabilityFixed, probabilityRequired, stagesIncomplete } from "./pipeline.errors";

const KINDS: readonly StageKind[] = ["open", "won", "lost"];

/** @throws AppError 422 STAGES_INCOMPLETE when `kinds` lacks one of open, won, lost */
export function assertStagesComplete(kinds: readonly StageKind[], path = "stages"): void {
  const missing = KINDS.filter((kind) => !kinds.includes(kind));
  if (missing.length > 0) throw stagesIncomplete(missing, path);
}

/**
 * The probability a stage gets: won 100, lost 0, an open stage its own.
 * @throws AppError 422 PROBABILITY_REQUIRED for an open stage without one; PROBABILITY_FIXED when a
 *   won or lost stage is given another
 */
export function stageProbability(kind: StageKind, probability: number | undefined, path: string): number {
  if (kind === "open") {
    if (probability === undefined) throw probabilityRequired(path);
    return probability;
  }
  const fixed = kind === "won" ? 100 : 0;
  if (probability !== undefined && probability !== fixed) throw probabilityFixed(path, kind);
  return fixed;
}
