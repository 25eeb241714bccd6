/** Prisma queries for memberships and the roles they hold. Every function takes the organization id first. */
import { escapeLikePattern, type KeysetRows } from "@erp/db";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { MembershipStatus, Prisma } from "../../generated/prisma/client";

export const memberInclude = { roles: { include: { role: true } } } as const;

export type MemberRow = Prisma.MembershipGetPayload<{ include: typeof memberInclude }>;

export type ProfileFields = Partial<
  Pick<MemberRow, "name" | "phone" | "jobTitle" | "locale" | "timezone" | "avatarUrl" | "departmentId">
>;

export interface MemberFilters {
  status?: MembershipStatus;
  roleId?: string;
  departmentId?: string;
  q?: string;
  afterUserId?: string;
}

export function membershipRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId, userId: string): Promise<MemberRow | null> =>
      tx.membership.findUnique({ where: { organizationId_userId: { organizationId, userId } }, include: memberInclude }),

    findByEmail: (organizationId: OrganizationId, email: string) => tx.membership.findFirst({ where: { organizationId, email } }),

    /**
     * Up to `window.take` members in user id order (time-ordered uuids, so the cursor is the last id
     * seen); `rows.total` too, the members matching the filters over all pages, when `window.count`.
     */
    list: async (organizationId: OrganizationId, filters: MemberFilters, window: { take: number; count?: boolean }): Promise<KeysetRows<MemberRow>> => {
      const where: Prisma.MembershipWhereInput = {
        organizationId,
        status: filters.status,
        departmentId: filters.departmentId,
        ...(filters.roleId ? { roles: { some: { roleId: filters.roleId } } } : {}),
        ...(filters.q
          ? { OR: [{ name: { contains: escapeLikePattern(filters.q), mode: "insensitive" } }, { email: { contains: escapeLikePattern(filters.q), mode: "insensitive" } }] }
          : {}),
      };
      const rows: KeysetRows<MemberRow> = await tx.membership.findMany({
        where: filters.afterUserId ? { AND: [where, { userId: { gt: filters.afterUserId } }] } : where,
        orderBy: { userId: "asc" },
        take: window.take,
        include: memberInclude,
      });
      if (window.count) rows.total = await tx.membership.count({ where });
      return rows;
    },

    create: (
      organizationId: OrganizationId,
      member: { userId: string; email: string; name: string; status: MembershipStatus; departmentId?: string | null },
      roleIds: string[],
    ): Promise<MemberRow> =>
      tx.membership.create({
        data: { organizationId, ...member, roles: { create: roleIds.map((roleId) => ({ roleId })) } },
        include: memberInclude,
      }),

    update: (organizationId: OrganizationId, userId: string, fields: ProfileFields & { status?: MembershipStatus }): Promise<MemberRow> =>
      tx.membership.update({ where: { organizationId_userId: { organizationId, userId } }, data: fields, include: memberInclude }),

    async setRoles(organizationId: OrganizationId, userId: string, roleIds: string[]): Promise<void> {
      await tx.membershipRole.deleteMany({ where: { organizationId, userId } });
      await tx.membershipRole.createMany({ data: roleIds.map((roleId) => ({ organizationId, userId, roleId })) });
    },

    /** The `invited` membership an invitation made for an existing account. */
    deleteInvited: (organizationId: OrganizationId, email: string) =>
      tx.membership.deleteMany({ where: { organizationId, email, status: "invited" } }),

    /** Every membership of the organization (their roles cascade). */
    deleteAll: (organizationId: OrganizationId) => tx.membership.deleteMany({ where: { organizationId } }),

    /** Active members holding the built-in owner role. */
    countActiveOwners: (organizationId: OrganizationId) =>
      tx.membership.count({ where: { organizationId, status: "active", roles: { some: { role: { builtIn: true, name: "owner" } } } } }),

    /**
     * Serialises the changes that must see every owner of an organization (demoting, deactivating),
     * so two admins cannot each remove "another" owner and leave none. Held until the transaction ends.
     */
    async lockOwners(organizationId: OrganizationId): Promise<void> {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${organizationId}, 0))`;
    },

    /**
     * One user's memberships in every organization, oldest first. Runs under the `member_self_read`
     * policy: the transaction declares the user (whom auth has authenticated).
     */
    async listForUser(userId: string) {
      await tx.$executeRaw`select set_config('app.user_id', ${userId}, true)`;
      return tx.membership.findMany({
        where: { userId },
        select: { organizationId: true, status: true, createdAt: true },
        orderBy: [{ createdAt: "asc" }, { organizationId: "asc" }],
      });
    },
  };
}

export const roleNamesOf = (member: MemberRow) => member.roles.map((held) => held.role.name).sort();
export const isOwner = (member: MemberRow) => member.roles.some((held) => held.role.builtIn && held.role.name === "owner");
