import { AppError } from "@erp/http-kit";
import { INTERNAL_API_KEY, newId, startFakeTenant, unusedUrl, type FakeTenant } from "../test/helpers";
import { createOrganizationAccessCache } from "./organization-access";

let tenant: FakeTenant;
let clock = 0;

beforeAll(async () => {
  tenant = await startFakeTenant();
});
afterAll(() => tenant.close());

const cacheFor = (tenantUrl: string, ttlMs = 1_000) =>
  createOrganizationAccessCache({ tenantUrl, internalApiKey: INTERNAL_API_KEY, ttlMs, timeoutMs: 1_000, now: () => clock });

function activeOrganization(): string {
  const id = newId();
  tenant.organizations.set(id, { status: "active", enabledModules: ["crm"] });
  return id;
}

const lookups = (id: string) => tenant.accessLookups.filter((looked) => looked === id).length;

describe("organization access cache", () => {
  it("shares one tenant call between concurrent requests and serves repeats from memory until the TTL ends", async () => {
    const cache = cacheFor(tenant.url);
    const id = activeOrganization();
    const answers = await Promise.all([cache.get(id), cache.get(id), cache.get(id)]);
    expect(answers[0]).toEqual({ status: "active", enabledModules: ["crm"] });
    expect(lookups(id)).toBe(1);

    clock += 999;
    await cache.get(id);
    expect(lookups(id)).toBe(1);
    clock += 1;
    await cache.get(id);
    expect(lookups(id)).toBe(2);
  });

  it("asks tenant again after invalidate", async () => {
    const cache = cacheFor(tenant.url);
    const id = activeOrganization();
    await cache.get(id);
    tenant.organizations.set(id, { status: "suspended", enabledModules: [] });
    cache.invalidate(id);
    expect((await cache.get(id)).status).toBe("suspended");
  });

  it("refuses an organization tenant does not know with 403, and does not cache the refusal", async () => {
    const cache = cacheFor(tenant.url);
    const id = newId();
    await expect(cache.get(id)).rejects.toMatchObject({ status: 403, code: "FORBIDDEN" });
    tenant.organizations.set(id, { status: "active", enabledModules: [] });
    await expect(cache.get(id)).resolves.toMatchObject({ status: "active" });
  });

  it("fails closed with 503 UPSTREAM_UNAVAILABLE when tenant is down", async () => {
    const cache = cacheFor(await unusedUrl());
    const failure = await cache.get(newId()).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ status: 503, code: "UPSTREAM_UNAVAILABLE" });
  });
});
