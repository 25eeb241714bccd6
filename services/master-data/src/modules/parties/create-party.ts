/**
 * Creates a customer or supplier. With a `sourceReference` (e.g. `crm.lead:<id>` from an event
 * consumer) it is idempotent: the same reference returns the party created the first time.
 */
import { isUniqueViolation, uuidv7 } from "@erp/db";
import { appendToOutbox, type Actor } from "@erp/events";
import { conflict } from "@erp/http-kit";
import { nextCode } from "../../codes";
import type { MasterDataDb, Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { partyColumns } from "./party-data";
import type { PartyKindConfig } from "./party-kinds";
import { partyRepository } from "./party.repository";
import { partySnapshot, toPartyDto, type CreatePartyInput, type PartyDto } from "./party.schemas";

export interface CreatePartyOptions {
  /** Idempotency key of the creator, unique per organization and kind. */
  sourceReference?: string;
}

export async function createParty(
  db: MasterDataDb,
  organizationId: string,
  actor: Actor,
  kind: PartyKindConfig,
  input: CreatePartyInput,
  options: CreatePartyOptions = {},
): Promise<{ party: PartyDto; created: boolean }> {
  try {
    return await db.withOrganization(organizationId, async (tx) => {
      if (options.sourceReference) {
        const existing = await partyRepository(tx).findBySourceReference(organizationId, kind.kind, options.sourceReference);
        if (existing) return { party: toPartyDto(existing), created: false };
      }
      return { party: await insertParty(tx, organizationId, actor, kind, input, options), created: true };
    });
  } catch (err) {
    // A concurrent delivery of the same source won the race: answer with its party.
    if (options.sourceReference && isUniqueViolation(err)) {
      const existing = await db.withOrganization(organizationId, (tx) =>
        partyRepository(tx).findBySourceReference(organizationId, kind.kind, options.sourceReference as string),
      );
      if (existing) return { party: toPartyDto(existing), created: false };
    }
    throw err;
  }
}

/** The insert and its event inside the caller's transaction (also used by imports). */
export async function insertParty(
  tx: Tx,
  organizationId: string,
  actor: Actor,
  kind: PartyKindConfig,
  input: CreatePartyInput,
  options: CreatePartyOptions = {},
): Promise<PartyDto> {
  const repository = partyRepository(tx);
  const code =
    input.code ??
    (await nextCode(tx, organizationId, kind.kind, kind.codePrefix, async (candidate) =>
      (await repository.takenCodes(organizationId, kind.kind, [candidate])).length > 0,
    ));
  if (input.code && (await repository.takenCodes(organizationId, kind.kind, [input.code])).length > 0) {
    throw conflict(`A ${kind.kind} with code ${input.code} already exists`);
  }
  const row = await repository.create(organizationId, {
    ...partyColumns(input),
    id: uuidv7(),
    kind: kind.kind,
    code,
    legalName: input.legalName,
    displayName: input.displayName ?? input.legalName,
    type: input.type,
    paymentTermsDays: input.paymentTermsDays,
    currency: input.currency,
    sourceReference: options.sourceReference ?? null,
  });
  const party = toPartyDto(row);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: kind.events.created,
    organizationId,
    aggregateType: kind.kind,
    aggregateId: party.id,
    actor,
    data: partySnapshot(kind.kind, party),
  });
  return party;
}
