/** From validated API input to the columns of `parties`. */
import { Prisma } from "../../generated/prisma/client";
import type { CreatePartyInput, UpdatePartyInput } from "./party.schemas";

/** Prisma tells "SQL NULL" from "JSON null" for json columns; a cleared address is SQL NULL. */
function json(value: object | null | undefined) {
  return value === null ? Prisma.DbNull : value;
}

export function partyColumns(input: UpdatePartyInput | CreatePartyInput) {
  return {
    code: input.code,
    legalName: input.legalName,
    displayName: input.displayName,
    type: input.type,
    taxId: input.taxId,
    email: input.email,
    phone: input.phone,
    website: input.website,
    billingAddress: json(input.billingAddress),
    shippingAddress: json(input.shippingAddress),
    paymentTermsDays: input.paymentTermsDays,
    currency: input.currency,
    creditLimit: input.creditLimit,
    tags: input.tags,
    notes: input.notes,
  };
}
