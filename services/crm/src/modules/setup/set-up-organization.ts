/**
 * Sets an organization up for the CRM once: its settings row and its default sales pipeline.
 * Idempotent and safe under concurrency: the settings row is inserted if missing and then locked,
 * so a second caller waits and finds the pipeline created; a pipeline deleted later is not
 * created again.
 */
import { uuidv7 } from "@erp/db";
import type { OrganizationId, Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { DEFAULT_PIPELINE_NAME, DEFAULT_STAGES } from "./default-pipeline";

/** @returns whether this call created the default pipeline */
export async function setUpOrganization(tx: Tx, scope: Scope): Promise<boolean> {
  const { organizationId } = scope;
  await tx.$executeRaw`
    INSERT INTO settings (organization_id, updated_at) VALUES (${organizationId}::uuid, now())
    ON CONFLICT (organization_id) DO NOTHING`;
  const [settings] = await tx.$queryRaw<{ pipeline_created_at: Date | null }[]>`
    SELECT pipeline_created_at FROM settings WHERE organization_id = ${organizationId}::uuid FOR UPDATE`;
  if (settings?.pipeline_created_at) return false;

  const pipelineId = uuidv7();
  // The organization may already have a default (created through the API before setup ran).
  const hasDefault = (await tx.pipeline.count({ where: { organizationId, isDefault: true } })) > 0;
  await tx.pipeline.create({ data: { id: pipelineId, organizationId, name: await freeName(tx, organizationId), isDefault: !hasDefault } });
  await tx.pipelineStage.createMany({
    data: DEFAULT_STAGES.map((stage, position) => ({ id: uuidv7(), organizationId, pipelineId, ...stage, position })),
  });
  await tx.settings.update({ where: { organizationId }, data: { pipelineCreatedAt: new Date() } });
  return true;
}

/** "Sales", or "Sales 2"... when the organization already named a pipeline so. */
async function freeName(tx: Tx, organizationId: OrganizationId): Promise<string> {
  const taken = new Set(
    (await tx.pipeline.findMany({ where: { organizationId }, select: { name: true } })).map((p) => p.name.trim().toLowerCase()),
  );
  let name = DEFAULT_PIPELINE_NAME;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${DEFAULT_PIPELINE_NAME} ${n}`;
  return name;
}
