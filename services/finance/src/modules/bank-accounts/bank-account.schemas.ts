/** Request and response schemas of bank accounts. */
import { dateString } from "@erp/dates";
import { listQuery, z } from "@erp/http-kit";
import { currencyCode, decimalString } from "@erp/money";
import { NOT_IN_FUTURE_RULE } from "../periods/not-in-future";
import { compactAccountNumber, isValidIban, looksLikeIban } from "./iban";

const signedMoney = decimalString(4, "nonZero", "1500.00", 20);
const rate = decimalString(10, "positive", "1.10", 20);

const accountNumber = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .superRefine((value, ctx) => {
    const compact = compactAccountNumber(value);
    if (!/^[A-Z0-9-/.]+$/.test(compact)) ctx.addIssue({ code: "custom", message: "Letters, digits, spaces, '-', '/' and '.' only" });
    else if (looksLikeIban(compact) && !isValidIban(compact)) ctx.addIssue({ code: "custom", message: "Not a valid IBAN: its check digits (ISO 13616 mod-97) do not match" });
  })
  .describe("The account number, or an IBAN (starting with a country code and two check digits: checked with ISO 13616 mod-97); spaces are dropped");

const name = z.string().trim().min(1).max(200);
const bankName = z.string().trim().min(1).max(200);

export const createBankAccountBody = z
  .object({
    name: name.describe("How the account is called in the organization, also its ledger account's name"),
    bankName: bankName.optional(),
    accountNumber: accountNumber.optional(),
    currency: currencyCode.optional().describe("ISO 4217; default the base currency. The ledger account holds this currency only"),
    openingBalance: signedMoney.optional().describe("The balance on `openingDate` (negative: overdrawn), posted against the opening balance equity account"),
    openingDate: dateString.optional().describe(`Required with openingBalance. ${NOT_IN_FUTURE_RULE}`),
    openingExchangeRate: rate.optional().describe("Base currency per one unit of `currency` for the opening entry; default the organization's rate on the opening date"),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.openingBalance !== undefined && body.openingDate === undefined) ctx.addIssue({ code: "custom", message: "Required with openingBalance", path: ["openingDate"] });
    if (body.openingBalance === undefined && body.openingExchangeRate !== undefined)
      ctx.addIssue({ code: "custom", message: "Only with openingBalance", path: ["openingExchangeRate"] });
  })
  .openapi({
    example: { name: "Main account", bankName: "Commerzbank", accountNumber: "DE89 3704 0044 0532 0130 00", currency: "EUR", openingBalance: "1500.00", openingDate: "2026-01-01" },
  });
export type CreateBankAccountInput = z.infer<typeof createBankAccountBody>;

export const updateBankAccountBody = z
  .object({ name: name.optional(), bankName: bankName.nullable().optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
  .openapi({ example: { name: "Operating account" } });
export type UpdateBankAccountInput = z.infer<typeof updateBankAccountBody>;

export const bankAccountListQuery = listQuery({
  sortable: ["name", "createdAt"],
  defaultSort: "name",
  filters: {
    status: z.enum(["active", "archived"]).optional(),
    currency: currencyCode.optional(),
  },
});
export type BankAccountListQuery = z.infer<typeof bankAccountListQuery>;

export const bankAccountIdParams = z.object({ id: z.uuid() });

export const bankAccountDto = z
  .object({
    id: z.uuid(),
    name: z.string(),
    bankName: z.string().nullable(),
    accountNumber: z.string().nullable().describe("IBANs in groups of four; masked (`DE89 **** **** **** **30 00`) without finance.bank_account.read_number"),
    accountNumberMasked: z.boolean(),
    isIban: z.boolean(),
    currency: z.string(),
    accountId: z.uuid().describe("The bank account's own ledger posting account (subtype bank)"),
    accountCode: z.string(),
    openingBalance: z.string(),
    openingDate: z.string().nullable(),
    openingEntryId: z.uuid().nullable(),
    balance: z
      .object({ amount: z.string(), currency: z.string(), baseAmount: z.string(), baseCurrency: z.string() })
      .describe("Posted lines of the ledger account summed: in the account's currency and in the base currency"),
    status: z.enum(["active", "archived"]),
    archivedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("BankAccount");
export type BankAccountDto = z.infer<typeof bankAccountDto>;
