export { createTestDatabase, dropTestDatabases } from "./postgres/test-databases";
export { startTestIssuer } from "./issuer";
export type { AccessTokenClaims, MintOptions, TestIssuer } from "./issuer";
export { testConfigEnv } from "./config-env";
export { concretePath, routeName, routeTableProblems, viewerRefusedWrites, writeRoutes, type RouteRow } from "./route-table";
export { rawRequest, parseRawResponse, type RawResponse } from "./raw-http";
export { ORGANIZATION_COLUMN, tableAccessProblems, type CatalogQueryable, type TableAccessExpectations } from "./table-access";
export { waitFor, type WaitForOptions } from "./wait-for";
export {
  apiClient,
  startServiceTestApp,
  TEST_INTERNAL_API_KEY,
  type ApiClient,
  type InternalClient,
  type OutboxRow,
  type ServiceTestApp,
  type ServiceTestAppOptions,
  type TokenClaims,
} from "./service-test-app";
export { openApiChecks, type OpenApiCheckResult, type OpenApiTarget } from "./openapi-checks";
export { startServiceSystem, urlVariable, type ServiceSystem, type ServiceSystemOptions, type SystemServer, type SystemService } from "./service-system";
export { startFakeUpstream, type FakeRequest, type FakeResponse, type FakeUpstream } from "./fake-upstream";
