/** Request and response schemas of the chart of accounts. */
import { listQuery, z } from "@erp/http-kit";
import { currencyCode } from "@erp/money";
import type { Account } from "../../generated/prisma/client";
import { ACCOUNT_SUBTYPES, ACCOUNT_TYPES, normalBalance } from "./account-types";

const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$/, "Letters, digits and . _ / -, at most 32 characters")
  .meta({ example: "6150" });

const fields = {
  code,
  name: z.string().trim().min(1).max(200).meta({ example: "Software subscriptions" }),
  type: z.enum(ACCOUNT_TYPES),
  subtype: z.enum(ACCOUNT_SUBTYPES).nullable().optional().describe("What other features rely on the account for; must suit the type"),
  isGroup: z.boolean().describe("A group holds other accounts and is never posted to"),
  parentId: z.uuid().nullable().optional().describe("A group account of the same type"),
  currency: currencyCode.nullable().optional().describe("Lines on the account must be in this currency; null: any"),
  description: z.string().trim().max(2000).nullable().optional(),
};

export const createAccountBody = z
  .object({ ...fields, isGroup: fields.isGroup.default(false) })
  .strict()
  .openapi({
    example: { code: "6150", name: "Software subscriptions", type: "expense", subtype: "operating_expense", parentId: "0193a1b2-0000-7000-8000-000000000010" },
  });

export const updateAccountBody = z
  .object(fields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
  .openapi({ example: { name: "Software and cloud subscriptions", parentId: "0193a1b2-0000-7000-8000-000000000010" } });

export type CreateAccountInput = z.infer<typeof createAccountBody>;
export type UpdateAccountInput = z.infer<typeof updateAccountBody>;

export const updatableAccountFields = Object.keys(fields) as (keyof typeof fields)[];

const accountStatus = z.enum(["active", "archived"]);

export const accountDto = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  type: z.enum(ACCOUNT_TYPES),
  subtype: z.enum(ACCOUNT_SUBTYPES).nullable(),
  isGroup: z.boolean(),
  parentId: z.uuid().nullable(),
  currency: z.string().nullable(),
  description: z.string().nullable(),
  normalBalance: z.enum(["debit", "credit"]).describe("Follows from the type"),
  status: accountStatus,
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AccountDto = z.infer<typeof accountDto>;

/** One account with its posted totals in the base currency (a group's include its descendants'). */
export const accountWithBalanceDto = accountDto.extend({
  balance: z.object({
    currency: z.string(),
    debit: z.string(),
    credit: z.string(),
    balance: z.string().describe("On the account's normal side: debit − credit for debit accounts, credit − debit otherwise"),
  }),
});
export type AccountWithBalanceDto = z.infer<typeof accountWithBalanceDto>;

export interface AccountTreeNode extends AccountDto {
  children: AccountTreeNode[];
}
/** Documented one level deep: `children` holds nodes of this same shape, recursively. */
export const accountTreeNode = accountDto.extend({
  children: z.array(z.object({}).passthrough()).describe("Child accounts, each of this same shape (with its own children)"),
});

const booleanQuery = z.enum(["true", "false"]).transform((value) => value === "true");

export const accountListQuery = listQuery({
  sortable: ["code", "name", "createdAt"],
  defaultSort: "code",
  filters: {
    type: z.enum(ACCOUNT_TYPES).optional(),
    subtype: z.enum(ACCOUNT_SUBTYPES).optional(),
    isGroup: booleanQuery.optional(),
    status: accountStatus.optional(),
    parentId: z.uuid().optional(),
  },
});
export type AccountListQuery = z.infer<typeof accountListQuery>;
export type AccountFilters = Pick<AccountListQuery, "type" | "subtype" | "isGroup" | "status" | "parentId" | "q">;

export const accountExportQuery = accountListQuery.pick({ type: true, subtype: true, isGroup: true, status: true, q: true });
export type AccountExportQuery = z.infer<typeof accountExportQuery>;

export const accountTreeQuery = z.object({
  status: z.enum(["active", "archived", "all"]).default("active").describe("Which accounts the tree holds"),
  type: z.enum(ACCOUNT_TYPES).optional(),
});
export type AccountTreeQuery = z.infer<typeof accountTreeQuery>;

export const accountIdParams = z.object({ id: z.uuid() });

export function toAccountDto(account: Account): AccountDto {
  return {
    id: account.id,
    code: account.code,
    name: account.name,
    type: account.type,
    subtype: account.subtype,
    isGroup: account.isGroup,
    parentId: account.parentId,
    currency: account.currency,
    description: account.description,
    normalBalance: normalBalance(account.type),
    status: account.archivedAt ? "archived" : "active",
    archivedAt: account.archivedAt?.toISOString() ?? null,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}

/** What the account events carry. */
export function accountSnapshot(dto: AccountDto) {
  return {
    code: dto.code,
    name: dto.name,
    type: dto.type,
    subtype: dto.subtype,
    isGroup: dto.isGroup,
    parentId: dto.parentId,
    currency: dto.currency,
    status: dto.status,
  };
}
