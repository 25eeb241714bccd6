export { createTestDatabase, dropTestDatabases } from "./postgres/test-databases";
export { startTestIssuer } from "./issuer";
export type { AccessTokenClaims, MintOptions, TestIssuer } from "./issuer";
export { testConfigEnv } from "./config-env";
export { concretePath, routeName, routeTableProblems, viewerRefusedWrites, writeRoutes, type RouteRow } from "./route-table";
export { rawRequest, parseRawResponse, type RawResponse } from "./raw-http";
export { ORGANIZATION_COLUMN, tableAccessProblems, type CatalogQueryable, type TableAccessExpectations } from "./table-access";
