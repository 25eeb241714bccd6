/** Queries of the lock date, its history and the closed fiscal years; the organization id comes first. */
import { uuidv7 } from "@erp/db";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { PeriodLockAction } from "../../generated/prisma/client";

/** A `date` column as `YYYY-MM-DD` (Prisma reads it as midnight UTC). */
export const dateOf = (value: Date): string => value.toISOString().slice(0, 10);
/** `YYYY-MM-DD` as the Date Prisma writes into a `date` column. */
export const dateValue = (date: string): Date => new Date(`${date}T00:00:00.000Z`);

export interface NewLockEvent {
  action: PeriodLockAction;
  lockedThrough: string | null;
  previousLockedThrough: string | null;
  reason: string | null;
  actor: { type: string; id: string };
}

export function periodRepository(tx: Tx) {
  return {
    /**
     * Takes the organization's ledger chain row until the transaction ends. Every posting takes it
     * first too, so a posting and a move of the lock date never overlap: a posting either committed
     * before the lock moved, or reads the new lock date after it.
     */
    lockLedger: async (organizationId: OrganizationId): Promise<void> => {
      await tx.$executeRaw`
        INSERT INTO ledger_chain (organization_id, last_position, updated_at) VALUES (${organizationId}::uuid, 0, now())
        ON CONFLICT (organization_id) DO NOTHING`;
      await tx.$queryRaw`SELECT 1 FROM ledger_chain WHERE organization_id = ${organizationId}::uuid FOR UPDATE`;
    },

    /** The lock date (`YYYY-MM-DD`), null when nothing is locked. */
    lockedThrough: async (organizationId: OrganizationId): Promise<string | null> => {
      const lock = await tx.periodLock.findUnique({ where: { organizationId }, select: { lockedThrough: true } });
      return lock?.lockedThrough ? dateOf(lock.lockedThrough) : null;
    },

    /** Moves the lock date and appends the move to the history. */
    moveLock: async (organizationId: OrganizationId, event: NewLockEvent): Promise<void> => {
      const lockedThrough = event.lockedThrough === null ? null : dateValue(event.lockedThrough);
      await tx.periodLock.upsert({
        where: { organizationId },
        create: { organizationId, lockedThrough, updatedBy: event.actor.id },
        update: { lockedThrough, updatedBy: event.actor.id },
      });
      await tx.periodLockEvent.create({
        data: {
          id: uuidv7(),
          organizationId,
          action: event.action,
          lockedThrough,
          previousLockedThrough: event.previousLockedThrough === null ? null : dateValue(event.previousLockedThrough),
          reason: event.reason,
          actorType: event.actor.type,
          actorId: event.actor.id,
        },
      });
    },

    /** Every move of the lock date, newest first. */
    lockEvents: (organizationId: OrganizationId) =>
      tx.periodLockEvent.findMany({ where: { organizationId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),

    /** The closed fiscal years with their closing entries' numbers, latest year first. */
    closings: (organizationId: OrganizationId) =>
      tx.fiscalYearClosing.findMany({
        where: { organizationId },
        orderBy: { fiscalYear: "desc" },
        include: { entry: { select: { number: true, entryDate: true } } },
      }),

    /** The latest closed fiscal year, null when none is. */
    latestClosing: (organizationId: OrganizationId) =>
      tx.fiscalYearClosing.findFirst({
        where: { organizationId },
        orderBy: { fiscalYear: "desc" },
        include: { entry: { select: { entryDate: true } } },
      }),

    isClosed: async (organizationId: OrganizationId, fiscalYear: number) =>
      (await tx.fiscalYearClosing.count({ where: { organizationId, fiscalYear } })) > 0,

    recordClosing: (organizationId: OrganizationId, data: { fiscalYear: number; entryId: string; closedBy: string }) =>
      tx.fiscalYearClosing.create({ data: { organizationId, ...data } }),
  };
}
