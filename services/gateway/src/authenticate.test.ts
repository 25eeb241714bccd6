import { isPublicRoute } from "./authenticate";

describe("isPublicRoute", () => {
  it.each([
    ["POST", "/api/v1/auth/register"],
    ["POST", "/api/v1/auth/login"],
    ["POST", "/api/v1/auth/refresh"],
    ["POST", "/api/v1/auth/invitations/accept"],
    ["GET", "/api/v1/auth/.well-known/jwks.json"],
    ["GET", "/health"],
    ["GET", "/ready"],
    ["GET", "/docs"],
    ["GET", "/docs/swagger-ui.css"],
    ["GET", "/api/v1/finance/openapi.json"],
    ["HEAD", "/api/v1/finance/openapi.json"],
    ["GET", "/api/v1/crm/docs"],
    ["GET", "/api/v1/crm/docs/swagger-ui-init.js"],
  ])("%s %s needs no token", (method, path) => {
    expect(isPublicRoute(method, path)).toBe(true);
  });

  it.each([
    ["GET", "/api/v1/auth/me"],
    ["POST", "/api/v1/auth/logout"],
    ["GET", "/api/v1/auth/login"],
    ["POST", "/api/v1/auth/signing-keys/rotate"],
    ["POST", "/api/v1/tenant/login"],
    ["POST", "/api/v1/finance/openapi.json"],
    ["GET", "/api/v1/finance/docs-secret"],
    ["GET", "/api/v1/finance/invoices/openapi.json"],
    ["GET", "/internal/organizations"],
  ])("%s %s needs a token", (method, path) => {
    expect(isPublicRoute(method, path)).toBe(false);
  });
});
