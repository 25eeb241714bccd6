/**
 * The CRM app from its descriptor (@erp/testkit's startServiceTestApp: a fresh database, a test
 * token issuer), with a stand-in for the users service's directory (who is a member of which
 * organization). Organizations are just ids here: the service keeps no organization table, every
 * row carries its organization (its default pipeline is set up on its first request).
 */
import { randomUUID } from "node:crypto";
import { uuidv7 } from "@erp/db";
import { AppError } from "@erp/errors";
import type { EventDefinition, EventEnvelope } from "@erp/events";
import { organizationIdOf } from "@erp/scope";
import { verifiedAccessTokens } from "@erp/service-kit";
import { startServiceTestApp, TEST_INTERNAL_API_KEY, type ApiClient } from "@erp/testkit";
import { createApp } from "../src/app";
import { handlers } from "../src/consumers";
import type { DirectoryMembership } from "../src/modules/members/member-directory";
import { allPermissions } from "../src/permissions";
import { crmService } from "../src/service";

export const INTERNAL_API_KEY = TEST_INTERNAL_API_KEY;
export const BASE = "/api/v1/crm";
export type { OutboxRow } from "@erp/testkit";

export async function startCrmTestApp(options: { poolMax?: number } = {}) {
  /** What the stand-in users service answers, by `<organizationId>:<userId>`; anyone else is no member. */
  const directory = new Map<string, DirectoryMembership>();
  const directoryCalls: string[] = [];
  /** While true the stand-in answers as the internal client does when the users service is down. */
  let directoryDown = false;
  const t = await startServiceTestApp(crmService, {
    permissions: allPermissions,
    env: options.poolMax === undefined ? {} : { DB_POOL_MAX: String(options.poolMax) },
    createApp: (context) =>
      createApp({
        ...context,
        authenticate: verifiedAccessTokens(context),
        directory: {
          membershipStatus: async (organizationId, userId) => {
            directoryCalls.push(`${organizationId}:${userId}`);
            if (directoryDown) throw new AppError("UPSTREAM_UNAVAILABLE", "The users service is unavailable", 503);
            return directory.get(`${organizationId}:${userId}`) ?? null;
          },
        },
      }),
  });

  /** A user the users service knows in the organization (active unless said), the CRM not yet: its id. */
  function member(organizationId: string, status: DirectoryMembership = "active"): string {
    const userId = randomUUID();
    directory.set(`${organizationId}:${userId}`, status);
    return userId;
  }

  /** A new organization whose owner token's user is an active member (it may own and be assigned records). */
  function organization() {
    const id = uuidv7();
    const userId = member(id);
    const bearer = t.token(id, allPermissions, { userId });
    return { id, userId, token: bearer, api: t.api(bearer) };
  }

  /**
   * Delivers an event to the CRM's real handler in the organization's transaction, as its consumer
   * does (a new event id each time, so the handler's own ordering and idempotency are what count).
   */
  function deliver(definition: EventDefinition, organizationId: string, data: Record<string, unknown>, options: { aggregateId?: string; occurredAt?: Date } = {}) {
    const event: EventEnvelope = {
      id: uuidv7(),
      type: definition.type,
      version: definition.version,
      organizationId,
      aggregateId: options.aggregateId ?? organizationId,
      occurredAt: (options.occurredAt ?? new Date()).toISOString(),
      actor: { type: "service", id: "test" },
      correlationId: uuidv7(),
      data,
    };
    return t.db.withOrganization(organizationIdOf(organizationId), (tx) => handlers[event.type as keyof typeof handlers]!.handle(event, tx));
  }

  /** The users service goes down (true) or comes back. */
  const setDirectoryDown = (down: boolean) => {
    directoryDown = down;
  };

  return { ...t, routes: t.service.routes, directory, directoryCalls, setDirectoryDown, member, organization, deliver };
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
