/** A warehouse code is free when no other warehouse of the organization has it in any case. */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import { warehouseCodeTaken } from "./warehouse.errors";
import { warehouseRepository } from "./warehouse.repository";

/** The warehouse that has `code` (ignoring case and surrounding whitespace), if any. */
export async function warehouseWithCode(tx: Tx, organizationId: OrganizationId, code: string) {
  const [holder] = await warehouseRepository(tx).findByCodes(organizationId, [code]);
  return holder;
}

/** @throws AppError 409 CONFLICT naming the warehouse that has `code` */
export async function checkCodeFree(tx: Tx, organizationId: OrganizationId, code: string): Promise<void> {
  const holder = await warehouseWithCode(tx, organizationId, code);
  if (holder) throw warehouseCodeTaken(holder);
}
