/** The permission catalog, for role editors. */
import { pageSchema, z, wholeListQuery, wholePage, type ServiceApp } from "@erp/http-kit";
import { listPermissions, userPermissions } from "@erp/permissions";

const permissionDto = z.object({
  key: z.string().describe("<module>.<resource>.<action>"),
  service: z.string(),
  level: z.enum(["read", "write", "admin", "owner"]).describe("Which built-in roles hold it: read → viewer and up, write → member and up, admin → admin and owner, owner → owner"),
  description: z.string(),
});

export function registerPermissionRoutes(route: ServiceApp["route"]): void {
  route({
    method: "get",
    path: "/permissions",
    summary: "Every permission any service declares",
    tags: ["Permissions"],
    access: { permission: userPermissions.permissionRead },
    request: { query: wholeListQuery },
    responses: { 200: { description: "The catalog, sorted by key", schema: pageSchema(permissionDto) } },
    handler: ({ query }) => {
      const permissions = listPermissions();
      return wholePage(permissions, query);
    },
  });
}
