/** The parties module's errors: a code another party has (409 CONFLICT), an archive twice (409 INVALID_STATE). */
import { invalidState, type AppError } from "@erp/errors";
import { codeTaken } from "../../codes";
import type { PartyKindConfig } from "./party-kinds";

/** 409 CONFLICT naming the party that has the code: `details[0].existing` is its `{ id, code }`. */
export const partyCodeTaken = (kind: PartyKindConfig, holder: { id: string; code: string }): AppError => codeTaken(kind.label, holder);

/** 409 INVALID_STATE */
export const partyAlreadyArchived = (kind: PartyKindConfig): AppError => invalidState(`The ${kind.kind} is already archived`);
