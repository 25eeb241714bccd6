/** The users service's Express app, without listening (tests drive it through supertest). */
import { createServiceAppFor, type ServiceAppConfig, type ServiceAppDependencies } from "@erp/service-kit";
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

export interface AppDependencies extends ServiceAppDependencies<UserDb, Pick<UserConfig, keyof ServiceAppConfig | "INVITATION_TTL_SECONDS">> {
  /** Auth's internal API (accounts for invited and added members). */
  auth: AuthClient;
}

export function createApp(deps: AppDependencies) {
  const { config, logger, db, auth } = deps;
  const service = createServiceAppFor(deps, { title: "Users service", version: "1.0.0" });

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
