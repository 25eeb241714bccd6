/** Prisma queries for contacts, their emails and phones; the organization id comes first. */
import { keysetFindMany, textSearch, uuidv7 } from "@erp/db";
import type { ListWindow } from "@erp/lists";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import { normaliseEmail } from "../../contact-points";
import type { Prisma } from "../../generated/prisma/client";
import type { ContactListQuery, ContactRow, EmailInput, PhoneInput } from "./contact.schemas";

const withPoints = { emails: true, phones: true } as const;

export function contactRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId, id: string): Promise<ContactRow | null> =>
      tx.contact.findFirst({ where: { organizationId, id }, include: withPoints }),

    /** Locks the contacts until the transaction ends, in id order (two merges of the same pair cannot deadlock). */
    lock: async (organizationId: OrganizationId, ids: string[]) => {
      await tx.$executeRaw`
        SELECT 1 FROM contacts WHERE organization_id = ${organizationId}::uuid AND id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
    },

    /** Waits until no other transaction is giving these addresses to a contact (until this one ends). */
    lockEmails: async (organizationId: OrganizationId, normalised: string[]) => {
      for (const email of [...new Set(normalised)].sort()) {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`crm:${organizationId}:email:${email}`}, 0))`;
      }
    },

    /** Active contacts' email rows whose normalised address is one of `normalised`. */
    activeEmails: (organizationId: OrganizationId, normalised: string[]) =>
      normalised.length === 0 ? Promise.resolve([]) : tx.contactEmail.findMany({ where: { organizationId, active: true, normalised: { in: normalised } } }),

    /** The organization's active contacts among `ids` (with every email and phone); merged ones and others' ids find nothing. */
    findActiveByIds: async (organizationId: OrganizationId, ids: string[]): Promise<ContactRow[]> =>
      ids.length === 0 ? [] : tx.contact.findMany({ where: { organizationId, status: "active", id: { in: ids } }, include: withPoints }),

    /** The active contacts that have one of the addresses (with every email and phone). */
    findByEmails: async (organizationId: OrganizationId, normalised: string[]): Promise<ContactRow[]> =>
      normalised.length === 0
        ? []
        : tx.contact.findMany({
            where: { organizationId, status: "active", emails: { some: { active: true, normalised: { in: normalised } } } },
            include: withPoints,
          }),

    create: (organizationId: OrganizationId, data: Omit<Prisma.ContactUncheckedCreateInput, "organizationId">) =>
      tx.contact.create({ data: { ...data, organizationId } }),

    update: (organizationId: OrganizationId, id: string, data: Prisma.ContactUncheckedUpdateInput) =>
      tx.contact.update({ where: { id, organizationId }, data }),

    delete: (organizationId: OrganizationId, id: string) => tx.contact.delete({ where: { id, organizationId } }),

    /** Replaces the contact's emails by `emails` (in order, the first primary). */
    setEmails: async (organizationId: OrganizationId, contactId: string, emails: EmailInput[]) => {
      await tx.contactEmail.deleteMany({ where: { organizationId, contactId } });
      await tx.contactEmail.createMany({
        data: emails.map((e, position) => ({
          id: uuidv7(),
          organizationId,
          contactId,
          email: e.email,
          normalised: normaliseEmail(e.email),
          label: e.label ?? null,
          position,
        })),
      });
    },

    /** Replaces the contact's phones by `phones` (E.164, in order, the first primary). */
    setPhones: async (organizationId: OrganizationId, contactId: string, phones: PhoneInput[]) => {
      await tx.contactPhone.deleteMany({ where: { organizationId, contactId } });
      await tx.contactPhone.createMany({
        data: phones.map((p, position) => ({ id: uuidv7(), organizationId, contactId, number: p.number, label: p.label ?? null, position })),
      });
    },

    /** A keyset page; q searches first and last name and the email addresses. */
    list: (organizationId: OrganizationId, filters: Pick<ContactListQuery, "ownerId" | "companyId" | "tag" | "q"> & { status?: "active" | "merged" }, window: ListWindow) =>
      keysetFindMany<Prisma.ContactWhereInput, Prisma.ContactOrderByWithRelationInput, ContactRow>(
        {
          findMany: (args: Prisma.ContactFindManyArgs) => tx.contact.findMany({ ...args, include: withPoints }) as never,
          count: (args: Prisma.ContactCountArgs) => tx.contact.count(args),
        },
        window,
        {
          AND: [
            { organizationId, status: filters.status ?? "active" },
            filters.ownerId ? { ownerId: filters.ownerId } : {},
            filters.companyId ? { companyId: filters.companyId } : {},
            filters.tag ? { tags: { has: filters.tag } } : {},
            filters.q
              ? {
                  OR: [
                    textSearch<Prisma.ContactWhereInput>(filters.q, ["firstName", "lastName"]),
                    { emails: { some: textSearch<Prisma.ContactEmailWhereInput>(filters.q, ["normalised"]) } },
                  ],
                }
              : {},
          ],
        },
      ),
  };
}
