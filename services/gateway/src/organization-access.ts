/**
 * Organization access (status and enabled modules) from the tenant service, cached per
 * organization for a short TTL so the hot path does not call tenant on every request.
 */
import type { Request, RequestHandler } from "express";
import { subscribeBroadcast, topicOf, type BroadcastSubscription, type EventsLogger, type Transport } from "@erp/events";
import { AppError, createInternalClient, forbidden, type InternalClient } from "@erp/http-kit";
import type { OrganizationAccess } from "./request-state";

export interface OrganizationAccessCache {
  get(organizationId: string): Promise<OrganizationAccess>;
  /** Drops the entry so the next request reads tenant again (after a plan, module or status change). */
  invalidate(organizationId: string): void;
}

export interface OrganizationAccessOptions {
  tenantUrl: string;
  internalApiKey: string;
  ttlMs: number;
  timeoutMs: number;
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  expiresAt: number;
  access: Promise<OrganizationAccess>;
}

export function createOrganizationAccessCache(options: OrganizationAccessOptions): OrganizationAccessCache {
  const { ttlMs, maxEntries = 10_000, now = Date.now } = options;
  const tenant = createInternalClient({
    service: "tenant",
    baseUrl: options.tenantUrl,
    internalApiKey: options.internalApiKey,
    timeoutMs: options.timeoutMs,
  });
  // A Map keeps insertion order: re-inserting on read makes the first key the least recently used.
  const entries = new Map<string, Entry>();

  function get(organizationId: string): Promise<OrganizationAccess> {
    const cached = entries.get(organizationId);
    if (cached && cached.expiresAt > now()) {
      entries.delete(organizationId);
      entries.set(organizationId, cached);
      return cached.access;
    }
    // The promise itself is cached, so concurrent requests share one call to tenant.
    const access = fetchOrganizationAccess(tenant, organizationId);
    const entry = { expiresAt: now() + ttlMs, access };
    entries.delete(organizationId);
    entries.set(organizationId, entry);
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    // Failures are not cached: the next request asks again.
    access.catch(() => {
      if (entries.get(organizationId) === entry) entries.delete(organizationId);
    });
    return access;
  }

  return { get, invalidate: (organizationId) => void entries.delete(organizationId) };
}

/** One tenant lookup; the internal client maps tenant being down or slow to 503/504. */
async function fetchOrganizationAccess(tenant: InternalClient, organizationId: string): Promise<OrganizationAccess> {
  const access = await tenant<Partial<OrganizationAccess>>("GET", `/internal/organizations/${encodeURIComponent(organizationId)}/access`, {
    accept: [404],
  });
  // The token names an organization tenant does not know (deleted): nothing may be done in it.
  if (!access) throw forbidden("The organization of this access token does not exist");
  if (typeof access.status !== "string" || !Array.isArray(access.enabledModules)) {
    throw new AppError("UPSTREAM_ERROR", "The tenant service sent an unexpected organization access", 502);
  }
  return { status: access.status, enabledModules: access.enabledModules };
}

/** Refuses requests in an organization that is suspended or not active yet. */
export function requireActiveOrganization(cache: OrganizationAccessCache): RequestHandler {
  return async (req, _res, next) => {
    // auth is exempt so members of a suspended organization can still see who they are and log out.
    if (req.isPublicRoute || !req.principal || req.upstream?.segment === "auth") return next();
    const access = await cache.get(req.principal.organizationId);
    if (access.status === "suspended") {
      throw forbidden("The organization is suspended", "ORGANIZATION_SUSPENDED");
    }
    if (access.status !== "active") {
      throw forbidden(`The organization is ${access.status}, not active`, "ORGANIZATION_INACTIVE");
    }
    req.organizationAccess = access;
    next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const ORGANIZATION_PATH = /^\/api\/v1\/tenant\/organizations\/([0-9a-f-]{36})(?:\/|$)/i;

/**
 * After a successful write through tenant, the caller's organization (and one named in the path,
 * e.g. an operator suspending it) may have changed status or modules: forget what we cached.
 */
export function invalidateAfterTenantWrite(cache: OrganizationAccessCache) {
  return (req: Request): void => {
    if (req.upstream?.segment !== "tenant" || SAFE_METHODS.has(req.method)) return;
    if (req.principal) cache.invalidate(req.principal.organizationId);
    const named = ORGANIZATION_PATH.exec(req.path)?.[1];
    if (named) cache.invalidate(named);
  };
}

/**
 * Keeps every gateway instance's cache in step with tenant: each `tenant.*` event (organization
 * suspended or reactivated, module enabled or disabled, plan changed, ...) drops that
 * organization's entry on every instance, through a broadcast (each instance gets every event),
 * so the next request reads tenant again. Changes reach an instance within moments instead of
 * after the TTL; the TTL still bounds staleness while the event transport is down.
 */
export function invalidateOnTenantEvents(cache: OrganizationAccessCache, transport: Transport, logger?: EventsLogger): Promise<BroadcastSubscription> {
  return subscribeBroadcast({
    transport,
    topics: [topicOf("tenant.organization.suspended")],
    handler: (envelope) => cache.invalidate(envelope.organizationId),
    logger,
  });
}
