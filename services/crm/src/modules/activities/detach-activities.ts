/**
 * What a deleted record leaves behind: activities attached only to it go with it, the others lose
 * the link (they stay on their other records); its timeline changes go too.
 */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { RecordType } from "../../generated/prisma/enums";

const LINK = { company: "company_id", contact: "contact_id", lead: "lead_id", opportunity: "opportunity_id" } as const;

export async function detachActivities(tx: Tx, organizationId: OrganizationId, recordType: RecordType, recordId: string): Promise<void> {
  const column = LINK[recordType];
  // Identifiers from the constant map above, never from input.
  await tx.$executeRawUnsafe(
    `DELETE FROM due_tasks d USING activities a
     WHERE d.activity_id = a.id AND a.organization_id = $1::uuid AND a.${column} = $2::uuid
       AND num_nonnulls(a.company_id, a.contact_id, a.lead_id, a.opportunity_id) = 1`,
    organizationId,
    recordId,
  );
  await tx.$executeRawUnsafe(
    `DELETE FROM activities WHERE organization_id = $1::uuid AND ${column} = $2::uuid
       AND num_nonnulls(company_id, contact_id, lead_id, opportunity_id) = 1`,
    organizationId,
    recordId,
  );
  await tx.$executeRawUnsafe(`UPDATE activities SET ${column} = NULL, updated_at = now() WHERE organization_id = $1::uuid AND ${column} = $2::uuid`, organizationId, recordId);
  await tx.recordChange.deleteMany({ where: { organizationId, recordType, recordId } });
}
