/** Request and response schemas for departments. */
import { z } from "zod";
import type { Department } from "../../generated/prisma/client";

const name = z.string().trim().min(1).max(200);
const parentId = z.uuid().nullable().describe("The parent department; null for a top-level one");

export const departmentIdParams = z.object({ id: z.uuid() });

export const createDepartmentBody = z
  .object({ name, parentId: parentId.optional() })
  .strict()
  .openapi({ example: { name: "Sales", parentId: null } });

export type CreateDepartmentInput = z.infer<typeof createDepartmentBody>;

export const updateDepartmentBody = z
  .object({ name, parentId })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
  .openapi({ example: { name: "Sales (EMEA)" } });

export type UpdateDepartmentInput = z.infer<typeof updateDepartmentBody>;

export type DepartmentFields = { name: string; parentId: string | null };

export const departmentDto = z.object({
  id: z.uuid(),
  name: z.string(),
  parentId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export type DepartmentDto = z.infer<typeof departmentDto>;

export function toDepartmentDto(department: Department): DepartmentDto {
  return {
    id: department.id,
    name: department.name,
    parentId: department.parentId,
    createdAt: department.createdAt.toISOString(),
    updatedAt: department.updatedAt.toISOString(),
  };
}
