/**
 * The CRM app from its descriptor (@erp/testkit's startServiceTestApp: a fresh database, a test
 * token issuer). Organizations are just ids here: the service keeps no organization table, every
 * row carries its organization (its default pipeline is set up on its first request).
 */
import { startServiceTestApp, TEST_INTERNAL_API_KEY, type ApiClient } from "@erp/testkit";
import { allPermissions } from "../src/permissions";
import { crmService } from "../src/service";

export const INTERNAL_API_KEY = TEST_INTERNAL_API_KEY;
export const BASE = "/api/v1/crm";
export type { OutboxRow } from "@erp/testkit";

export async function startCrmTestApp(options: { poolMax?: number } = {}) {
  const t = await startServiceTestApp(crmService, {
    permissions: allPermissions,
    env: options.poolMax === undefined ? {} : { DB_POOL_MAX: String(options.poolMax) },
  });
  return { ...t, routes: t.service.routes };
}

export type CrmTestApp = Awaited<ReturnType<typeof startCrmTestApp>>;
export type Api = ApiClient;

/** The organization's default pipeline and its stages by name. */
export async function defaultPipeline(api: Api) {
  const res = await api.get("/pipelines");
  if (res.status !== 200) throw new Error(`pipelines: ${res.status} ${JSON.stringify(res.body)}`);
  const pipeline = (res.body.data as { id: string; isDefault: boolean; stages: { id: string; name: string }[] }[]).find((p) => p.isDefault);
  if (!pipeline) throw new Error("no default pipeline");
  const stage = (name: string) => {
    const found = pipeline.stages.find((s) => s.name === name);
    if (!found) throw new Error(`no stage ${name}`);
    return found.id;
  };
  return { id: pipeline.id, stages: pipeline.stages, stage };
}
