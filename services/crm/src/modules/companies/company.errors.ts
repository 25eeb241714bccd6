/** The companies module's errors. */
import { conflict, type AppError } from "@erp/errors";
import { takenBy } from "../../taken";

export const COMPANY_IN_USE = "COMPANY_IN_USE";

/** 409 CONFLICT: another company of the organization has the domain; `details[0].existing.id` is it. */
export const domainTaken = (existing: { id: string; name: string }): AppError =>
  takenBy(`The company ${existing.name} has this domain`, "domain", existing.id);

/** 409 COMPANY_IN_USE: contacts or opportunities refer to it. */
export const companyInUse = (what: string): AppError => conflict(`${what} refer to the company: move or delete them first`, COMPANY_IN_USE);
