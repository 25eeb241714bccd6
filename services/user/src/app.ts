/** The users service's Express app, without listening (tests drive it through supertest). */
import { createServiceApp, type ServiceAppOptions, type ReadinessChecks } from "@erp/http-kit";
import type { Logger } from "@erp/logging";
import type { AuthClient } from "./clients/auth-client";
import type { UserConfig } from "./config";
import type { UserDb } from "./db";
import { registerDepartmentRoutes } from "./modules/departments/department.routes";
import { registerInvitationRoutes } from "./modules/invitations/invitation.routes";
import { registerMemberInternalRoutes } from "./modules/members/member-internal.routes";
import { registerMemberRoutes } from "./modules/members/member.routes";
import { registerOrganizationInternalRoutes } from "./modules/organizations/organization-internal.routes";
import { registerPermissionRoutes } from "./modules/permissions/permission.routes";
import { registerRoleRoutes } from "./modules/roles/role.routes";

export interface AppDependencies {
  /** The service's name and base path (src/service.ts). */
  name: string;
  basePath: string;
  config: Pick<UserConfig, "CORS_ORIGINS" | "BODY_LIMIT" | "INTERNAL_API_KEY" | "INVITATION_TTL_SECONDS">;
  logger: Logger;
  db: UserDb;
  authenticate: NonNullable<ServiceAppOptions["authenticate"]>;
  auth: AuthClient;
  /** Readiness checks beside the database's, e.g. `{ events: () => events.ready() }` (the event transport). */
  readiness?: ReadinessChecks;
}

export function createApp({ name, basePath, config, logger, db, authenticate, auth, readiness }: AppDependencies) {
  const service = createServiceApp({
    service: name,
    title: "Users service",
    version: "1.0.0",
    basePath,
    logger,
    corsOrigins: config.CORS_ORIGINS,
    bodyLimit: config.BODY_LIMIT,
    authenticate,
    internalApiKey: config.INTERNAL_API_KEY,
    readiness: { database: () => db.ping(), ...readiness },
  });

  registerMemberRoutes(service.route, { db, auth, logger });
  registerRoleRoutes(service.route, db);
  registerDepartmentRoutes(service.route, db);
  registerInvitationRoutes(service.route, { db, auth, invitationTtlSeconds: config.INVITATION_TTL_SECONDS });
  registerPermissionRoutes(service.route);
  registerMemberInternalRoutes(service.route, db);
  registerOrganizationInternalRoutes(service.route, db);
  service.finalize();
  return service;
}
