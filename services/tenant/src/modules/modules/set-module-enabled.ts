/** Switches one module on or off; on only if the organization's plan includes it. Nothing changed writes nothing. */
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA, moduleDisabled, moduleEnabled } from "../../events";
import { listModules } from "./list-modules";
import { moduleNotInPlan } from "./module.errors";
import { moduleRepository } from "./module.repository";
import { isModuleKey } from "./module-keys";
import type { ModuleDto } from "./module.schemas";

/** @throws AppError 404 NOT_FOUND for an unknown module, 422 MODULE_NOT_IN_PLAN */
export async function setModuleEnabled(tx: Tx, scope: Scope, input: { module: string; enabled: boolean }): Promise<ModuleDto> {
  const { organizationId } = scope;
  const { module, enabled } = input;
  if (!isModuleKey(module)) throw notFound("Module");
  const current = (await listModules(tx, scope)).find((entry) => entry.module === module);
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
    actor: scope.actor,
    data: { module, reason: "requested" },
  });
  return { ...current, enabled };
}
