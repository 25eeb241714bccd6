/**
 * Checks on a service's route table (`routes` from createServiceApp), shared by every service's
 * enforcement tests: each route is public by an explicit list, internal, or guarded by a permission
 * the catalog declares; and which write routes the built-in viewer role can reach.
 */
import { builtInRolePermissions, isDeclaredPermission } from "@erp/permissions";

export interface RouteRow {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  access: object;
}

/** `method path` as the explicit lists write it: `post /api/v1/auth/login`. */
export const routeName = (route: Pick<RouteRow, "method" | "path">) => `${route.method} ${route.path}`;

const permissionOf = (route: RouteRow): string | undefined =>
  "permission" in route.access ? String(route.access.permission) : undefined;

/** Every way the table breaks the rules; empty when it keeps them. */
export function routeTableProblems(routes: RouteRow[], options: { basePath: string; publicRoutes: string[] }): string[] {
  const problems: string[] = [];
  const publicSeen = new Set<string>();
  for (const route of routes) {
    const name = routeName(route);
    if (!route.path.startsWith(`${options.basePath}/`)) {
      if (!route.path.startsWith("/internal/") || !("internal" in route.access)) problems.push(`${name} is outside ${options.basePath} but not internal`);
      continue;
    }
    if ("public" in route.access) {
      if (options.publicRoutes.includes(name)) publicSeen.add(name);
      else problems.push(`${name} is public but not in the list of public routes`);
      continue;
    }
    const permission = permissionOf(route);
    if (!permission) problems.push(`${name} requires no permission`);
    else if (!isDeclaredPermission(permission)) problems.push(`${name} requires ${permission}, which no catalog declares`);
  }
  for (const name of options.publicRoutes) if (!publicSeen.has(name)) problems.push(`${name} is listed as public but is not`);
  return problems;
}

/** Write routes (not GET) of the public API, with the permission each needs. */
export function writeRoutes(routes: RouteRow[], basePath: string): (RouteRow & { permission: string })[] {
  return routes.flatMap((route) => {
    const permission = permissionOf(route);
    return route.method !== "get" && route.path.startsWith(`${basePath}/`) && permission ? [{ ...route, permission }] : [];
  });
}

/** The write routes whose permission the built-in viewer role does not hold. */
export function viewerRefusedWrites(routes: RouteRow[], basePath: string) {
  const viewer = new Set(builtInRolePermissions("viewer"));
  return writeRoutes(routes, basePath).filter((route) => !viewer.has(route.permission));
}

/** A path with every `{param}` filled with a well-formed id that matches nothing. */
export function concretePath(path: string): string {
  return path.replace(/\{\w+\}/g, "01900000-0000-7000-8000-000000000000");
}
