/** Request and response schemas for members and profiles. */
import { z } from "zod";
import { countParameter, paginationQuery, searchParameter } from "@erp/http-kit";
import { roleName } from "../roles/role.schemas";
import type { MemberRow } from "./membership.repository";

function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const profileFields = {
  name: z.string().trim().min(1).max(200),
  phone: z
    .string()
    .regex(/^\+?[0-9 ()./-]{3,40}$/, "Digits, spaces and + ( ) . / -")
    .nullable(),
  jobTitle: z.string().trim().min(1).max(200).nullable(),
  locale: z.string().refine(isLocale, "Must be a BCP 47 locale such as en-US").nullable(),
  timezone: z.string().refine(isTimeZone, "Unknown IANA time zone").nullable(),
  avatarUrl: z.url({ protocol: /^https?$/ }).max(2000).nullable(),
};

const atLeastOne = (body: object) => Object.keys(body).length > 0;

/** What a user edits in their own profile (null clears a field). */
export const updateProfileBody = z
  .object(profileFields)
  .partial()
  .strict()
  .refine(atLeastOne, "Give at least one field to change")
  .openapi({ example: { jobTitle: "Head of purchasing", locale: "en-GB", timezone: "Europe/London" } });

/** What an admin edits in a member's profile: the same, plus the department. */
export const updateMemberBody = z
  .object({ ...profileFields, departmentId: z.uuid().nullable() })
  .partial()
  .strict()
  .refine(atLeastOne, "Give at least one field to change")
  .openapi({ example: { jobTitle: "Warehouse lead", departmentId: null } });

export type UpdateMemberInput = z.infer<typeof updateMemberBody>;

export const setRolesBody = z
  .object({ roles: z.array(roleName).min(1).max(50).describe("Role names") })
  .strict()
  .openapi({ example: { roles: ["admin"] } })
  .transform((body) => ({ roles: [...new Set(body.roles)].sort() }));

export const memberParams = z.object({ userId: z.uuid() });

export const listMembersQuery = paginationQuery.extend({
  status: z.enum(["invited", "active", "deactivated"]).optional(),
  roleId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  q: searchParameter.describe("Part of the name or email; empty means no filter"),
  count: countParameter,
});

export type ListMembersQuery = z.infer<typeof listMembersQuery>;

export const memberDto = z.object({
  userId: z.uuid(),
  status: z.enum(["invited", "active", "deactivated"]),
  email: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  jobTitle: z.string().nullable(),
  locale: z.string().nullable(),
  timezone: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  departmentId: z.uuid().nullable(),
  roles: z.array(z.object({ id: z.uuid(), name: z.string() })),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export type MemberDto = z.infer<typeof memberDto>;

export function toMemberDto(member: MemberRow): MemberDto {
  return {
    userId: member.userId,
    status: member.status,
    email: member.email,
    name: member.name,
    phone: member.phone,
    jobTitle: member.jobTitle,
    locale: member.locale,
    timezone: member.timezone,
    avatarUrl: member.avatarUrl,
    departmentId: member.departmentId,
    roles: member.roles.map((held) => ({ id: held.role.id, name: held.role.name })).sort((a, b) => a.name.localeCompare(b.name)),
    createdAt: member.createdAt.toISOString(),
    updatedAt: member.updatedAt.toISOString(),
  };
}
