/** Bank accounts (`/bank-accounts`): each with its own ledger account, opening balance and balance from the ledger. */
import { created, hasPermission, pageSchema, type Principal, type ServiceApp } from "@erp/http-kit";
import { permissions } from "../../permissions";
import { LEDGER_UNAVAILABLE } from "../ledger/ledger.errors";
import { DATE_IN_FUTURE } from "../periods/period.errors";
import { inLedger, type Ledger } from "../ledger/ledger-transaction";
import { BANK_GROUP_MISSING } from "./bank-account.errors";
import { bankAccountDto, bankAccountIdParams, bankAccountListQuery, createBankAccountBody, updateBankAccountBody } from "./bank-account.schemas";
import { createBankAccount } from "./create-bank-account";
import { getBankAccount, listBankAccounts } from "./get-bank-account";
import { archiveBankAccount, updateBankAccount } from "./update-bank-account";

const tags = ["Bank accounts"];
const notFound = { 404: { description: "No such bank account, or another organization's (NOT_FOUND)" } };
const unavailable = { 503: { description: "The organization's ledger could not be set up yet", codes: [LEDGER_UNAVAILABLE] } };
const archived = { 409: { description: "The bank account is archived (INVALID_STATE)", codes: ["INVALID_STATE"] } };
const MASKING = "The account number is masked (`DE89 **** **** **** **30 00`, other numbers `******3000`) unless the caller holds finance.bank_account.read_number.";

/** Whether the caller may see account numbers unmasked. */
export const numberView = (principal: Principal) => ({ unmasked: hasPermission(principal.permissions, permissions.bankAccountNumberRead) });

export function registerBankAccountRoutes(route: ServiceApp["route"], ledger: Ledger): void {
  route({
    method: "get",
    path: "/bank-accounts",
    summary: "List bank accounts",
    description: `Bank and cash accounts with their ledger balances. Filters: status, currency; q searches name, bank name and number (of a masked number only its last 4 characters, what the mask shows). ${MASKING}`,
    tags,
    access: { permission: permissions.bankAccountRead },
    request: { query: bankAccountListQuery },
    responses: { 200: { description: "A page of bank accounts", schema: pageSchema(bankAccountDto) }, ...unavailable },
    handler: ({ scope, query, principal }) => inLedger(ledger, scope, (tx) => listBankAccounts(tx, scope, query, numberView(principal))),
  });

  route({
    method: "post",
    path: "/bank-accounts",
    summary: "Create a bank account with its ledger account and opening balance",
    description:
      "Creates, in one transaction, a posting account of subtype bank in the account's currency under the group holding the chart's bank account " +
      "(the first free code after it), the bank account, and when `openingBalance` is given its opening entry on `openingDate` against the opening " +
      "balance equity account (source bank_account_opening; negative: overdrawn). An IBAN (two letters and two digits first) must pass the ISO 13616 " +
      `mod-97 check (400 naming accountNumber). ${MASKING}`,
    tags,
    access: { permission: permissions.bankAccountManage },
    request: { body: createBankAccountBody },
    responses: {
      201: { description: "The bank account", schema: bankAccountDto },
      422: {
        description: "A rule is broken; `error.details` names the field",
        codes: [DATE_IN_FUTURE, BANK_GROUP_MISSING, "DEFAULT_ACCOUNT_MISSING", "AMOUNT_PRECISION", "EXCHANGE_RATE_MISSING", "PERIOD_LOCKED"],
      },
      ...unavailable,
    },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const account = await inLedger(ledger, scope, (tx) => createBankAccount(tx, scope, body, numberView(ctx.principal)));
      created(ctx, account, ctx.location(`/bank-accounts/${account.id}`));
    },
  });

  route({
    method: "get",
    path: "/bank-accounts/{id}",
    summary: "A bank account with its balance",
    description: MASKING,
    tags,
    access: { permission: permissions.bankAccountRead },
    request: { params: bankAccountIdParams },
    responses: { 200: { description: "The bank account", schema: bankAccountDto }, ...notFound, ...unavailable },
    handler: ({ scope, params, principal }) => inLedger(ledger, scope, (tx) => getBankAccount(tx, scope, params, numberView(principal))),
  });

  route({
    method: "patch",
    path: "/bank-accounts/{id}",
    summary: "Rename a bank account or change its bank name",
    description: "The ledger account takes the new name too. Number and currency never change (create another account).",
    tags,
    access: { permission: permissions.bankAccountManage },
    request: { params: bankAccountIdParams, body: updateBankAccountBody },
    responses: { 200: { description: "The bank account", schema: bankAccountDto }, ...notFound, ...archived, ...unavailable },
    handler: ({ scope, params, body, principal }) =>
      inLedger(ledger, scope, (tx) => updateBankAccount(tx, scope, { id: params.id, changes: body }, numberView(principal))),
  });

  route({
    method: "post",
    path: "/bank-accounts/{id}/archive",
    summary: "Archive a bank account whose balance is zero",
    description: "Archives its ledger account too: nothing more can be posted to it.",
    tags,
    access: { permission: permissions.bankAccountManage },
    request: { params: bankAccountIdParams },
    responses: {
      200: { description: "The archived bank account", schema: bankAccountDto },
      ...notFound,
      ...archived,
      422: { description: "The balance is not zero", codes: ["ACCOUNT_BALANCE_NOT_ZERO"] },
      ...unavailable,
    },
    handler: ({ scope, params, principal }) => inLedger(ledger, scope, (tx) => archiveBankAccount(tx, scope, params, numberView(principal))),
  });
}
