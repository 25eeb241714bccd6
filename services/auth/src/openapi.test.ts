import { dropTestDatabases } from "@erp/testkit";
import { startAuth, type AuthHarness } from "../test/harness";

let h: AuthHarness;

beforeAll(async () => {
  h = await startAuth({ tenantUrl: "http://127.0.0.1:1" });
});

afterAll(async () => {
  await h.close();
  await dropTestDatabases();
});

describe("the OpenAPI document", () => {
  it("documents every public endpoint with its access, and never the internal ones", async () => {
    const res = await h.http().get("/api/v1/auth/openapi.json");
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<string, Record<string, { security?: unknown[] }>>;
    expect(Object.keys(paths).sort()).toEqual([
      "/api/v1/auth/.well-known/jwks.json",
      "/api/v1/auth/invitations/accept",
      "/api/v1/auth/login",
      "/api/v1/auth/logout",
      "/api/v1/auth/me",
      "/api/v1/auth/refresh",
      "/api/v1/auth/register",
    ]);
    expect(paths["/api/v1/auth/me"]?.get?.security).toEqual([{ bearerAuth: [] }]);
    expect(paths["/api/v1/auth/login"]?.post?.security).toBeUndefined();
  });
});
