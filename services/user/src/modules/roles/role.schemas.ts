/** Request and response schemas for roles. */
import { z } from "zod";
import { isDeclaredPermission } from "@erp/permissions";
import type { Role } from "../../generated/prisma/client";
import { ownPermissions } from "./effective-permissions";

/** Role names go into access tokens' `roles` claim: short, lower-case, no spaces. */
export const roleName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_-]*$/, "Lower-case letters, digits, - and _, starting with a letter");

const permissionList = z
  .array(z.string().refine(isDeclaredPermission, "Not a permission of the catalog (GET /api/v1/users/permissions)"))
  .max(500)
  .transform((permissions) => [...new Set(permissions)].sort());

export const roleIdParams = z.object({ id: z.uuid() });

export const createRoleBody = z
  .object({
    name: roleName,
    description: z.string().max(500).optional(),
    parentId: z.uuid().nullable().optional().describe("A role whose permissions this one inherits"),
    permissions: permissionList.optional(),
  })
  .strict()
  .openapi({
    example: { name: "sales-clerk", description: "Keeps customers up to date", permissions: ["master_data.customer.read", "master_data.customer.update"] },
  });

export const updateRoleBody = z
  .object({ name: roleName, description: z.string().max(500), parentId: z.uuid().nullable() })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
  .openapi({ example: { description: "Keeps customers and suppliers up to date" } });

export const setRolePermissionsBody = z
  .object({ permissions: permissionList })
  .strict()
  .openapi({ example: { permissions: ["master_data.customer.read", "master_data.supplier.read"] } });

export type CreateRoleInput = z.infer<typeof createRoleBody>;
export type UpdateRoleInput = z.infer<typeof updateRoleBody>;

export const roleDto = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  builtIn: z.boolean(),
  parentId: z.uuid().nullable(),
  permissions: z.array(z.string()).describe("The role's own permissions (derived from levels for built-in roles)"),
  effectivePermissions: z.array(z.string()).describe("Its own and every ancestor's"),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export type RoleDto = z.infer<typeof roleDto>;

export function toRoleDto(role: Role, effectivePermissions: string[]): RoleDto {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    builtIn: role.builtIn,
    parentId: role.parentId,
    permissions: ownPermissions(role),
    effectivePermissions,
    createdAt: role.createdAt.toISOString(),
    updatedAt: role.updatedAt.toISOString(),
  };
}

/** What the role events carry about the role. */
export function roleSnapshot(role: Role) {
  return { roleId: role.id, name: role.name, parentId: role.parentId, permissions: role.permissions };
}
