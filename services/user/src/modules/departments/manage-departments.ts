/** The department tree of an organization. Prisma queries are inline: each is used once. */
import { uuidv7 } from "@erp/db";
import { appendToOutbox, type Actor } from "@erp/events";
import { conflict, notFound } from "@erp/http-kit";
import type { Tx, UserDb } from "../../db";
import { departmentCreated, departmentDeleted, departmentUpdated, OUTBOX_SCHEMA } from "../../events";
import { createsCycle } from "../parent-chain";
import { departmentCycle, unknownParentDepartment } from "./department.errors";
import { toDepartmentDto, type DepartmentFields } from "./department.schemas";

/** Every department, by name; a client builds the tree from `parentId`. */
export async function listDepartments(db: UserDb, organizationId: string) {
  const rows = await db.withOrganization(organizationId, (tx) =>
    tx.department.findMany({ where: { organizationId }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
  );
  return rows.map(toDepartmentDto);
}

export async function getDepartment(db: UserDb, organizationId: string, id: string) {
  return toDepartmentDto(await db.withOrganization(organizationId, (tx) => findDepartment(tx, organizationId, id)));
}

export async function createDepartment(db: UserDb, organizationId: string, actor: Actor, input: Partial<DepartmentFields> & { name: string }) {
  return db.withOrganization(organizationId, async (tx) => {
    const id = uuidv7();
    const parentId = input.parentId ?? null;
    if (parentId) await assertParent(tx, organizationId, id, parentId);
    const department = await tx.department.create({ data: { id, organizationId, name: input.name, parentId } });
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: departmentCreated,
      organizationId,
      aggregateType: "department",
      aggregateId: id,
      actor,
      data: { departmentId: id, name: department.name, parentId },
    });
    return toDepartmentDto(department);
  });
}

export async function updateDepartment(db: UserDb, organizationId: string, actor: Actor, id: string, input: Partial<DepartmentFields>) {
  return db.withOrganization(organizationId, async (tx) => {
    const current = await findDepartment(tx, organizationId, id);
    if (input.parentId) await assertParent(tx, organizationId, id, input.parentId);
    const changedFields = (Object.keys(input) as (keyof DepartmentFields)[]).filter((key) => input[key] !== current[key]);
    if (changedFields.length === 0) return toDepartmentDto(current);
    const department = await tx.department.update({ where: { id, organizationId }, data: input });
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: departmentUpdated,
      organizationId,
      aggregateType: "department",
      aggregateId: id,
      actor,
      data: { departmentId: id, name: department.name, parentId: department.parentId, changedFields },
    });
    return toDepartmentDto(department);
  });
}

/** Members of a deleted department are left without one; a department with sub-departments stays. */
export async function deleteDepartment(db: UserDb, organizationId: string, actor: Actor, id: string): Promise<void> {
  await db.withOrganization(organizationId, async (tx) => {
    const current = await findDepartment(tx, organizationId, id);
    if (await tx.department.count({ where: { organizationId, parentId: id } })) {
      throw conflict("The department has sub-departments; move or delete them first", "DEPARTMENT_HAS_CHILDREN");
    }
    await tx.department.delete({ where: { id, organizationId } });
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: departmentDeleted,
      organizationId,
      aggregateType: "department",
      aggregateId: id,
      actor,
      data: { departmentId: id, name: current.name },
    });
  });
}

async function findDepartment(tx: Tx, organizationId: string, id: string) {
  const department = await tx.department.findFirst({ where: { organizationId, id } });
  if (!department) throw notFound("Department");
  return department;
}

async function assertParent(tx: Tx, organizationId: string, id: string, parentId: string): Promise<void> {
  const all = await tx.department.findMany({ where: { organizationId }, select: { id: true, parentId: true } });
  if (!all.some((department) => department.id === parentId)) throw unknownParentDepartment();
  if (createsCycle(all, id, parentId)) throw departmentCycle();
}
