/** Switches one module on or off; on only if the organization's plan includes it. */
import type { Actor } from "@erp/events";
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { OUTBOX_SCHEMA, moduleDisabled, moduleEnabled } from "../../events";
import { readModules } from "./list-modules";
import { moduleNotInPlan } from "./module.errors";
import { moduleRepository } from "./module.repository";
import { isModuleKey } from "./module-keys";
import type { ModuleDto } from "./module.schemas";

export async function setModuleEnabled(
  db: TenantDb,
  organizationId: string,
  actor: Actor,
  input: { module: string; enabled: boolean },
): Promise<ModuleDto> {
  const { module, enabled } = input;
  if (!isModuleKey(module)) throw notFound("Module");
  return db.withOrganization(organizationId, async (tx) => {
    const current = (await readModules(tx, organizationId)).find((entry) => entry.module === module);
    if (!current) throw notFound("Module");
    if (current.enabled === enabled) return current;
    if (enabled && !current.includedInPlan) throw moduleNotInPlan(module);

    const modules = moduleRepository(tx);
    if (enabled) await modules.enable(organizationId, [module]);
    else await modules.disable(organizationId, [module]);
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: enabled ? moduleEnabled : moduleDisabled,
      organizationId,
      aggregateType: "module",
      aggregateId: organizationId,
      actor,
      data: { module, reason: "requested" },
    });
    return { ...current, enabled };
  });
}
