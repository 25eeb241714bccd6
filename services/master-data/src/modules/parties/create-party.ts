/**
 * Creates a customer or supplier and its created event. With a `sourceReference` (e.g.
 * `crm.lead:<id>` from an event consumer) it is idempotent: the same reference returns the party
 * created the first time, also when two deliveries race.
 */
import { uuidv7 } from "@erp/db";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import { nextCode } from "../../codes";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { currencyOrBase } from "../settings/default-currency";
import { partyColumns } from "./party-data";
import { partyCodeTaken } from "./party.errors";
import type { PartyKindConfig } from "./party-kinds";
import { partyRepository } from "./party.repository";
import { partySnapshot, toPartyDto, type CreatePartyInput, type PartyDto } from "./party.schemas";

export interface CreatePartyOptions {
  /** Idempotency key of the creator, unique per organization and kind. */
  sourceReference?: string;
}

/**
 * Also what the CSV import runs per new row, in the import's transaction. Without a currency it
 * gets the organization's base currency.
 * @throws AppError 422 CURRENCY_REQUIRED when no currency is given and the base currency is unknown
 * @throws AppError 409 CONFLICT naming the party that has the code (in any case); a concurrent
 *   creation with the same code is the insert's unique violation, which the caller maps
 */
export async function createParty(
  tx: Tx,
  scope: Scope,
  kind: PartyKindConfig,
  input: CreatePartyInput,
  options: CreatePartyOptions = {},
): Promise<{ party: PartyDto; created: boolean }> {
  const { organizationId } = scope;
  const repository = partyRepository(tx);
  const { sourceReference } = options;
  if (sourceReference) {
    await repository.lockSourceReference(organizationId, kind.kind, sourceReference);
    const existing = await repository.findBySourceReference(organizationId, kind.kind, sourceReference);
    if (existing) return { party: toPartyDto(existing), created: false };
  }

  const [holder] = input.code ? await repository.findByCodes(organizationId, kind.kind, [input.code]) : [];
  if (holder) throw partyCodeTaken(kind, holder);
  const code =
    input.code ??
    (await nextCode(tx, organizationId, kind.kind, kind.codePrefix, async (candidate) =>
      (await repository.findByCodes(organizationId, kind.kind, [candidate])).length > 0,
    ));
  const row = await repository.create(organizationId, {
    ...partyColumns(input),
    id: uuidv7(),
    kind: kind.kind,
    code,
    legalName: input.legalName,
    displayName: input.displayName ?? input.legalName,
    type: input.type,
    paymentTermsDays: input.paymentTermsDays,
    currency: await currencyOrBase(tx, organizationId, input.currency),
    sourceReference: sourceReference ?? null,
  });
  const party = toPartyDto(row);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: kind.events.created,
    organizationId,
    aggregateType: kind.kind,
    aggregateId: party.id,
    actor: scope.actor,
    data: { ...partySnapshot(kind.kind, party), sourceReference: sourceReference ?? null },
  });
  return { party, created: true };
}
