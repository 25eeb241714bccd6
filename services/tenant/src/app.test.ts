import { createLogger } from "@erp/logging";
import { createApp } from "./app";
import type { TenantDb } from "./db";
import { allPermissions } from "./permissions";

const { routes } = createApp({
  config: { CORS_ORIGINS: [], BODY_LIMIT: "1mb", INTERNAL_API_KEY: "route-table-test-key" },
  logger: createLogger({ service: "tenant", level: "error", format: "json" }),
  db: {} as TenantDb & { ping(): Promise<void> }, // building the route table touches no database
  authenticate: (_req, _res, next) => next(),
});

it("every public route requires one of the declared permissions; only /plans is open to any signed-in user", () => {
  const open = routes.filter((r) => r.path.startsWith("/api/v1/tenant") && !("permission" in r.access));
  expect(open.map((r) => [r.method, r.path, r.access])).toEqual([["get", "/api/v1/tenant/plans", { authenticated: true }]]);
  for (const r of routes.filter((r) => "permission" in r.access)) {
    expect(allPermissions).toContain((r.access as { permission: string }).permission);
  }
});

it("every route outside the public base path is internal", () => {
  const others = routes.filter((r) => !r.path.startsWith("/api/v1/tenant"));
  expect(others.length).toBeGreaterThan(0);
  for (const r of others) {
    expect(r.path.startsWith("/internal/")).toBe(true);
    expect(r.access).toEqual({ internal: true });
  }
});
