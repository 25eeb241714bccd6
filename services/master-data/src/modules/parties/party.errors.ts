/**
 * The parties module's errors: a code another party has (409 CONFLICT); archived parties are
 * read-only until restored, and only they can be restored (409 INVALID_STATE).
 */
import { invalidState, type AppError } from "@erp/errors";
import { codeTaken } from "../../codes";
import type { PartyKindConfig } from "./party-kinds";

/** 409 CONFLICT naming the party that has the code: `details[0].existing` is its `{ id, code }`. */
export const partyCodeTaken = (kind: PartyKindConfig, holder: { id: string; code: string }): AppError => codeTaken(kind.label, holder);

/** 409 INVALID_STATE */
export const partyAlreadyArchived = (kind: PartyKindConfig): AppError => invalidState(`The ${kind.kind} is already archived`);

/** 409 INVALID_STATE: an archived party is read-only until restored. */
export const partyArchived = (kind: PartyKindConfig): AppError =>
  invalidState(`The ${kind.kind} is archived: restore it (POST ${kind.path}/{id}/restore) before changing it`);

/** 409 INVALID_STATE */
export const partyNotArchived = (kind: PartyKindConfig): AppError => invalidState(`The ${kind.kind} is not archived`);
