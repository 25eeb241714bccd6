/** Enforcement: every route is public by the list below, internal, or guarded by a declared permission. */
import { builtInRolePermissions } from "@erp/permissions";
import { dropTestDatabases, routeName, routeTableProblems, viewerRefusedWrites, writeRoutes } from "@erp/testkit";
import { registerUser, setRoles, startAuth, startFakeTenant, type AuthHarness, type FakeTenant } from "../test/harness";
import { createApp, type AppDependencies } from "./app";

const BASE = "/api/v1/auth";
/** Signing up, signing in and the keys verifiers fetch: everything else needs a token. */
const PUBLIC_ROUTES = [
  "post /api/v1/auth/register",
  "post /api/v1/auth/login",
  "post /api/v1/auth/refresh",
  "post /api/v1/auth/invitations/accept",
  "get /api/v1/auth/.well-known/jwks.json",
];

// Building the route table touches none of the dependencies.
const { routes } = createApp({
  name: "auth",
  basePath: BASE,
  config: { CORS_ORIGINS: [], BODY_LIMIT: "1mb", INTERNAL_API_KEY: "route-table-test-key", TRUST_PROXY: false },
  logger: { child: () => ({}) },
  idempotency: {},
} as unknown as AppDependencies);

it("every route is listed as public, internal, or requires a permission the catalog declares", () => {
  expect(routeTableProblems(routes, { basePath: BASE, publicRoutes: PUBLIC_ROUTES })).toEqual([]);
});

describe("a viewer", () => {
  let tenant: FakeTenant;
  let h: AuthHarness;
  beforeAll(async () => {
    tenant = await startFakeTenant();
    h = await startAuth({ tenantUrl: tenant.url });
  });
  afterAll(async () => {
    await h.close();
    await tenant.close();
    await dropTestDatabases();
  });

  it("may only sign out of auth's write routes, and gets viewer permissions in the token", async () => {
    // Auth's only token-guarded write is ending one's own session, which every role may do.
    expect(writeRoutes(routes, BASE).map(routeName)).toEqual(["post /api/v1/auth/logout"]);
    expect(viewerRefusedWrites(routes, BASE)).toEqual([]);

    const user = await registerUser(h.http);
    await setRoles(h, user.userId, user.organizationId, ["viewer"]);
    const refreshed = await h.http().post("/api/v1/auth/refresh").send({ refreshToken: user.refreshToken });
    const viewer = refreshed.body.data.tokens.accessToken as string;
    const me = await h.http().get("/api/v1/auth/me").set("authorization", `Bearer ${viewer}`);
    expect(me.body.data).toMatchObject({ roles: ["viewer"], permissions: builtInRolePermissions("viewer") });
    expect((await h.http().post("/api/v1/auth/logout").set("authorization", `Bearer ${viewer}`)).status).toBe(204);
  });
});
