/** Request and response schemas of contacts (people), their emails and phones, duplicates and merges. */
import { listQuery, z } from "@erp/http-kit";
import { normaliseEmail, toE164 } from "../../contact-points";
import type { Contact, ContactEmail, ContactPhone } from "../../generated/prisma/client";
import { tagsSchema } from "../companies/company.schemas";

const label = z.string().trim().min(1).max(30).optional().describe("work, home, mobile...");
/** An email address; surrounding whitespace is allowed (and trimmed when stored). */
export const emailAddress = z
  .string()
  .trim()
  .max(254)
  .refine((value) => z.email().safeParse(value).success, "Invalid email address");
const emailEntry = z.union([emailAddress, z.object({ email: emailAddress, label }).strict()]);
const phoneObject = z
  .object({
    number: z.string().trim().min(3).max(40),
    label,
    country: z.string().regex(/^[A-Z]{2}$/).optional().describe("ISO 3166-1 alpha-2, for a number written without +"),
  })
  .strict()
  .refine((phone) => toE164(phone.number, phone.country) !== null, { message: "Not a valid phone number (a national number needs country)", path: ["number"] });
const phoneEntry = z.union([
  z.string().trim().refine((number) => toE164(number) !== null, "Not a valid phone number in international format (+...)"),
  phoneObject,
]);

/** An email entry as the use cases take it. */
export interface EmailInput {
  email: string;
  label?: string;
}
/** A phone entry as the use cases take it, in E.164. */
export interface PhoneInput {
  number: string;
  label?: string;
}

const emails = z
  .array(emailEntry)
  .max(10)
  .refine((list) => new Set(list.map((e) => normaliseEmail(typeof e === "string" ? e : e.email))).size === list.length, "An address is repeated (ignoring case)")
  .describe("Primary first: addresses, or { email, label } objects. Stored trimmed; compared lower-cased, so ' Ann@X.com' and 'ann@x.com' are one address, 'ann+crm@x.com' another");
const phones = z.array(phoneEntry).max(10).describe("Primary first: numbers in international format, or { number, label, country } objects; stored in E.164");

const fields = {
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100).nullable().optional(),
  jobTitle: z.string().trim().min(1).max(100).nullable().optional(),
  companyId: z.uuid().nullable().optional(),
  ownerId: z.uuid().nullable().optional().describe("A member of the organization"),
  tags: tagsSchema,
  emails,
  phones,
};

export const createContactBody = z
  .object({ ...fields, tags: tagsSchema.default([]), emails: emails.default([]), phones: phones.default([]) })
  .strict()
  .openapi({
    example: {
      firstName: "Ann",
      lastName: "Miller",
      jobTitle: "Head of purchasing",
      emails: ["ann.miller@acme.example", { email: "ann@home.example", label: "home" }],
      phones: [{ number: "040 1234567", country: "DE", label: "work" }],
      tags: ["decision-maker"],
    },
  });
export type CreateContactInput = z.infer<typeof createContactBody>;

export const updateContactBody = z
  .object(fields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
  .openapi({ example: { jobTitle: "Purchasing director", phones: ["+49 40 1234568"] } });
export type UpdateContactInput = z.infer<typeof updateContactBody>;

export const updatableContactFields = Object.keys(fields) as (keyof typeof fields)[];

export const mergeContactBody = z
  .object({ intoId: z.uuid().describe("The contact that stays; the one in the path becomes a redirect to it") })
  .strict()
  .openapi({ example: { intoId: "0193a1b2-0000-7000-8000-0000000000c1" } });

export const contactIdParams = z.object({ id: z.uuid() });

export const contactListQuery = listQuery({
  sortable: ["firstName", "createdAt", "updatedAt"],
  defaultSort: "firstName",
  filters: {
    ownerId: z.uuid().optional(),
    companyId: z.uuid().optional(),
    tag: z.string().trim().min(1).optional(),
    status: z.enum(["active", "merged"]).default("active").describe("merged: contacts merged into others (their ids redirect)"),
  },
});
export type ContactListQuery = z.infer<typeof contactListQuery>;
export const contactExportQuery = contactListQuery.pick({ ownerId: true, companyId: true, tag: true, q: true, sort: true });

export const duplicatesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe("Pairs at most"),
});

const emailDto = z.object({ email: z.string(), label: z.string().nullable(), primary: z.boolean() });
const phoneDto = z.object({ number: z.string().describe("E.164"), label: z.string().nullable(), primary: z.boolean() });

export const contactDto = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string().nullable(),
  name: z.string().describe("First and last name"),
  jobTitle: z.string().nullable(),
  companyId: z.uuid().nullable(),
  ownerId: z.uuid().nullable(),
  tags: z.array(z.string()),
  emails: z.array(emailDto),
  phones: z.array(phoneDto),
  status: z.enum(["active", "merged"]),
  mergedIntoId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ContactDto = z.infer<typeof contactDto>;

export const duplicatePairDto = z.object({
  contacts: z.array(contactDto).length(2).describe("Older first"),
  reasons: z.array(z.enum(["email", "phone", "name"])).describe("email/phone: the same normalised address or number; name: the same or a shortened name"),
});

export type ContactRow = Contact & { emails: ContactEmail[]; phones: ContactPhone[] };

export function toContactDto(row: ContactRow): ContactDto {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    name: [row.firstName, row.lastName].filter(Boolean).join(" "),
    jobTitle: row.jobTitle,
    companyId: row.companyId,
    ownerId: row.ownerId,
    tags: row.tags,
    emails: [...row.emails].sort((a, b) => a.position - b.position).map((e, i) => ({ email: e.email, label: e.label, primary: i === 0 })),
    phones: [...row.phones].sort((a, b) => a.position - b.position).map((p, i) => ({ number: p.number, label: p.label, primary: i === 0 })),
    status: row.status,
    mergedIntoId: row.mergedIntoId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function contactSnapshot(dto: ContactDto) {
  const { firstName, lastName, jobTitle, companyId, ownerId, tags } = dto;
  return { firstName, lastName, jobTitle, companyId, ownerId, tags, emails: dto.emails.map((e) => e.email), phones: dto.phones.map((p) => p.number) };
}

/** Body entries as the use cases take them: objects, phones in E.164. */
export function emailInputs(list: readonly (string | { email: string; label?: string })[]): EmailInput[] {
  return list.map((entry) => (typeof entry === "string" ? { email: entry.trim() } : { email: entry.email.trim(), label: entry.label }));
}

export function phoneInputs(list: readonly (string | { number: string; label?: string; country?: string })[]): PhoneInput[] {
  return list.map((entry) =>
    typeof entry === "string" ? { number: toE164(entry)! } : { number: toE164(entry.number, entry.country)!, label: entry.label },
  );
}
