/** The party of a kind that has a code, ignoring case and surrounding whitespace (for 409s that name it). */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { PartyKindConfig } from "./party-kinds";
import { partyRepository } from "./party.repository";

export async function partyWithCode(tx: Tx, organizationId: OrganizationId, kind: PartyKindConfig, code: string) {
  const [holder] = await partyRepository(tx).findByCodes(organizationId, kind.kind, [code]);
  return holder;
}
