/** The organizations module's errors. */
import { conflict, invalidState } from "@erp/errors";

/** 409 CONFLICT: another organization has the slug. */
export const slugTaken = () => conflict("That slug is already taken");

/** 409 CONFLICT: every slug tried for the name was taken. */
export const noFreeSlug = (name: string) => conflict(`No free slug found for "${name}"`);

/** 409 INVALID_STATE: the lifecycle step (`activated`, `suspended`, ...) is not allowed from the organization's status. */
export const organizationCannotBe = (step: "activated" | "deleted" | "suspended" | "reactivated", status: string) =>
  invalidState(`A ${status} organization cannot be ${step}`);

/** 409 BASE_CURRENCY_LOCKED: finance has posted in the base currency (its books are opened). */
export const baseCurrencyLocked = (booksCurrency: string, booksOpenedAt: Date) =>
  conflict(
    `The base currency cannot change: the organization's books are kept in ${booksCurrency} since ${booksOpenedAt.toISOString().slice(0, 10)}`,
    "BASE_CURRENCY_LOCKED",
    [{ path: "baseCurrency", message: `Locked to ${booksCurrency}` }],
  );
