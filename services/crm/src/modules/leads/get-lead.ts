/** One lead. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { Lead } from "../../generated/prisma/client";
import { leadRepository } from "./lead.repository";
import { toLeadDto, type LeadDto } from "./lead.schemas";

/** @throws AppError 404 when the organization has no such lead */
export async function findLead(tx: Tx, scope: Scope, id: string): Promise<Lead> {
  const row = await leadRepository(tx).find(scope.organizationId, id);
  if (!row) throw notFound("Lead");
  return row;
}

export async function getLead(tx: Tx, scope: Scope, input: { id: string }): Promise<LeadDto> {
  return toLeadDto(await findLead(tx, scope, input.id));
}
