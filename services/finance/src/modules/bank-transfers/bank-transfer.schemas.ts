/** Request and response schemas of transfers between bank accounts. */
import { dateString } from "@erp/dates";
import { listQuery, z } from "@erp/http-kit";
import { decimalString } from "@erp/money";
import { NOT_IN_FUTURE_RULE } from "../periods/not-in-future";

const money = decimalString(4, "positive", "500.00", 20);
const rate = decimalString(10, "positive", "1.10", 20);

export const recordBankTransferBody = z
  .object({
    fromBankAccountId: z.uuid().describe("The bank account the money (and the fee) leaves"),
    toBankAccountId: z.uuid().describe("The bank account it reaches; another one"),
    transferDate: dateString.describe(`The day the money moved. ${NOT_IN_FUTURE_RULE}`),
    amount: money.describe("What leaves the source account, in its currency (the fee not included)"),
    toAmount: money.optional().describe("What reaches the destination, in its currency: required when the currencies differ, else equal to amount (default)"),
    exchangeRate: rate.optional().describe("Base currency per one unit of the source's currency; default the organization's rate on the date (1 for the base currency)"),
    toExchangeRate: rate.optional().describe("Base currency per one unit of the destination's currency; default the organization's rate on the date"),
    fee: z
      .object({
        amount: money.describe("In the source account's currency, taken from it on top of amount"),
        accountId: z.uuid().optional().describe("An active expense posting account; default the chart's bank charges (an operating expense named like 'bank'), else the first operating expense"),
      })
      .strict()
      .optional(),
    reference: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .refine((body) => body.fromBankAccountId !== body.toBankAccountId, { message: "Must be another bank account than fromBankAccountId", path: ["toBankAccountId"] })
  .openapi({
    example: {
      fromBankAccountId: "0193a1b2-0000-7000-8000-000000000601",
      toBankAccountId: "0193a1b2-0000-7000-8000-000000000602",
      transferDate: "2026-03-15",
      amount: "1000.00",
      toAmount: "1080.00",
      fee: { amount: "5.00" },
    },
  });
export type RecordBankTransferInput = z.infer<typeof recordBankTransferBody>;

export const bankTransferListQuery = listQuery({
  sortable: ["transferDate", "number", "createdAt"],
  defaultSort: "-transferDate",
  filters: {
    bankAccountId: z.uuid().optional().describe("Transfers from or to this bank account"),
    from: dateString.optional(),
    to: dateString.optional(),
  },
});
export type BankTransferListQuery = z.infer<typeof bankTransferListQuery>;

export const bankTransferIdParams = z.object({ id: z.uuid() });

export const voidBankTransferBody = z
  .object({ reason: z.string().trim().min(1).max(500).describe("Why, kept on the transfer") })
  .strict()
  .openapi({ example: { reason: "Entered twice" } });
export type VoidBankTransferInput = z.infer<typeof voidBankTransferBody>;

export const bankTransferDto = z
  .object({
    id: z.uuid(),
    number: z.string(),
    transferDate: z.string(),
    fromBankAccountId: z.uuid(),
    toBankAccountId: z.uuid(),
    amount: z.string(),
    currency: z.string(),
    toAmount: z.string(),
    toCurrency: z.string(),
    feeAmount: z.string(),
    feeAccountId: z.uuid().nullable(),
    reference: z.string().nullable(),
    journalEntryId: z.uuid(),
    status: z.enum(["posted", "void"]),
    voidEntryId: z.uuid().nullable(),
    voidedAt: z.string().nullable(),
    voidReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("BankTransfer");
export type BankTransferDto = z.infer<typeof bankTransferDto>;
