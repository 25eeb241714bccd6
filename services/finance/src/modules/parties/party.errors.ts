/** Errors of finance's read model of customers, suppliers and products, for documents that name them. */
import { notFound, unprocessable } from "@erp/errors";
import type { PartyKind } from "./party-read-model";

export const UNKNOWN_CUSTOMER = "UNKNOWN_CUSTOMER";
export const UNKNOWN_SUPPLIER = "UNKNOWN_SUPPLIER";
export const PARTY_ARCHIVED = "PARTY_ARCHIVED";
export const UNKNOWN_PRODUCT = "UNKNOWN_PRODUCT";
export const PRODUCT_ARCHIVED = "PRODUCT_ARCHIVED";

/** The codes `requireActiveParty` answers with, for a route's OpenAPI 422 list. */
export const PARTY_CODES = [UNKNOWN_CUSTOMER, UNKNOWN_SUPPLIER, PARTY_ARCHIVED] as const;
/** The codes `requireActiveProduct` answers with. */
export const PRODUCT_CODES = [UNKNOWN_PRODUCT, PRODUCT_ARCHIVED] as const;

/** 422 UNKNOWN_CUSTOMER or UNKNOWN_SUPPLIER naming `path`: finance has heard of no such party (master-data's event not here yet, or another organization's). */
export const unknownParty = (kind: PartyKind, path: string) =>
  unprocessable(kind === "customer" ? UNKNOWN_CUSTOMER : UNKNOWN_SUPPLIER, `No such ${kind}`, [{ path, message: `No such ${kind}` }]);

/** 404 NOT_FOUND "Customer not found" ("Supplier not found"): a party named in the path that finance does not know. */
export const partyNotFound = (kind: PartyKind) => notFound(kind === "customer" ? "Customer" : "Supplier");

/** 422 PARTY_ARCHIVED naming `path`: an archived customer or supplier gets no new documents. */
export const partyArchived = (kind: PartyKind, code: string, path: string) =>
  unprocessable(PARTY_ARCHIVED, `The ${kind} ${code} is archived: restore it in master data first`, [{ path, message: `The ${kind} is archived` }]);

/** 422 UNKNOWN_PRODUCT naming `path`. */
export const unknownProduct = (path: string) => unprocessable(UNKNOWN_PRODUCT, "No such product", [{ path, message: "No such product" }]);

/** 422 PRODUCT_ARCHIVED naming `path`. */
export const productArchived = (sku: string, path: string) =>
  unprocessable(PRODUCT_ARCHIVED, `The product ${sku} is archived: restore it in master data first`, [{ path, message: "The product is archived" }]);
