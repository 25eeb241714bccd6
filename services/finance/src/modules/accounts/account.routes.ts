/** The chart of accounts. */
import { IMPORT_DESCRIPTION, IMPORT_INVALID_ROWS, importQuery, importReportSchema, sendCsv } from "@erp/csv";
import { isForeignKeyViolation } from "@erp/db";
import { created, noContent, pageSchema, z, type ServiceApp } from "@erp/http-kit";
import { rethrowCodeRace, type CodeRace } from "../../code-race";
import { permissions } from "../../permissions";
import { LEDGER_UNAVAILABLE } from "../ledger/ledger.errors";
import { inLedger, type Ledger } from "../ledger/ledger-transaction";
import { archiveAccount, restoreAccount } from "./archive-account";
import { getAccountTree } from "./account-tree";
import { accountCsvColumns } from "./account-csv";
import {
  ACCOUNT_BALANCE_NOT_ZERO,
  ACCOUNT_CYCLE,
  ACCOUNT_HAS_ACTIVE_CHILDREN,
  ACCOUNT_HAS_CHILDREN,
  ACCOUNT_HAS_POSTINGS,
  accountCodeTaken,
  accountInUse,
  PARENT_ARCHIVED,
  PARENT_NOT_GROUP,
  PARENT_TYPE_MISMATCH,
  SUBTYPE_NOT_ALLOWED,
  UNKNOWN_PARENT,
} from "./account.errors";
import {
  accountDto,
  accountExportQuery,
  accountIdParams,
  accountListQuery,
  accountTreeNode,
  accountTreeQuery,
  accountWithBalanceDto,
  createAccountBody,
  updateAccountBody,
} from "./account.schemas";
import { accountWithCode } from "./check-account";
import { createAccount } from "./create-account";
import { deleteAccount } from "./delete-account";
import { exportAccounts } from "./export-accounts";
import { getAccount } from "./get-account";
import { importAccounts } from "./import-accounts";
import { listAccounts } from "./list-accounts";
import { updateAccount } from "./update-account";

const tags = ["Chart of accounts"];
const notFound = { 404: { description: "No such account, or another organization's (NOT_FOUND)" } };
const unavailable = { 503: { description: "The organization's ledger could not be set up yet", codes: [LEDGER_UNAVAILABLE] } };
const codeTakenResponse = {
  409: {
    description: "Another account has the code, ignoring case and surrounding spaces; `error.details[0].existing` is its `{ id, code }`",
    codes: ["CONFLICT"],
  },
};
const parentRules = [UNKNOWN_PARENT, PARENT_NOT_GROUP, PARENT_TYPE_MISMATCH, PARENT_ARCHIVED];

/** A write that lost the race for `code` answers with the account that won it. */
const codeRace = (code: string | undefined): CodeRace<{ id: string; code: string }> => ({ code, findHolder: accountWithCode, taken: accountCodeTaken });

export function registerAccountRoutes(route: ServiceApp["route"], ledger: Ledger): void {
  route({
    method: "get",
    path: "/accounts",
    summary: "List accounts",
    description: "Filters: type, subtype, isGroup, status, parentId; q searches code and name. Sorted by code unless told.",
    tags,
    access: { permission: permissions.accountRead },
    request: { query: accountListQuery },
    responses: { 200: { description: "A page of accounts", schema: pageSchema(accountDto) }, ...unavailable },
    handler: ({ scope, query }) => inLedger(ledger, scope, (tx) => listAccounts(tx, scope, query)),
  });

  route({
    method: "get",
    path: "/accounts/tree",
    summary: "The chart of accounts as a tree",
    description: "Roots by code, each account's children under it by code. An account whose parent is left out (archived) is a root.",
    tags,
    access: { permission: permissions.accountRead },
    request: { query: accountTreeQuery },
    responses: { 200: { description: "The tree", schema: z.array(accountTreeNode) }, ...unavailable },
    handler: ({ scope, query }) => inLedger(ledger, scope, (tx) => getAccountTree(tx, scope, query)),
  });

  route({
    method: "get",
    path: "/accounts/export.csv",
    summary: "Export accounts as CSV",
    description: "Every account matching the filters, parents before their children, with the columns the import reads.",
    tags,
    access: { permission: permissions.accountRead },
    request: { query: accountExportQuery },
    responses: { 200: { description: "CSV file", schema: z.string(), contentType: "text/csv" }, ...unavailable },
    handler: async ({ scope, query, res }) => {
      const records = await inLedger(ledger, scope, (tx) => exportAccounts(tx, scope, query));
      await sendCsv(res, "accounts.csv", accountCsvColumns, (async function* () {
        yield records;
      })());
    },
  });

  route({
    method: "post",
    path: "/accounts/import",
    summary: "Import accounts from CSV",
    description: `${IMPORT_DESCRIPTION} A row names its parent by code (parentCode): an existing group, or one created by an earlier row.`,
    tags,
    access: { permission: permissions.accountManage },
    request: { query: importQuery, body: z.string().min(1), contentType: "text/csv" },
    responses: {
      200: { description: "Import report", schema: importReportSchema },
      422: {
        description: "Some rows are invalid, or a row breaks an account rule when written; nothing was imported",
        codes: [IMPORT_INVALID_ROWS, ACCOUNT_HAS_POSTINGS, ACCOUNT_HAS_CHILDREN, ACCOUNT_CYCLE, SUBTYPE_NOT_ALLOWED, ...parentRules],
      },
      ...unavailable,
    },
    handler: ({ scope, query, body }) =>
      inLedger(ledger, scope, (tx) => importAccounts(tx, scope, { csv: body, dryRun: query.dryRun === "true", mode: query.mode }), {
        conflict: "Another import or change took one of the file's codes meanwhile; try again",
      }),
  });

  route({
    method: "post",
    path: "/accounts",
    summary: "Create an account",
    tags,
    access: { permission: permissions.accountManage },
    request: { body: createAccountBody },
    responses: {
      201: { description: "The new account", schema: accountDto },
      ...codeTakenResponse,
      422: { description: "The subtype does not suit the type, or the parent cannot hold the account", codes: [SUBTYPE_NOT_ALLOWED, ...parentRules] },
      ...unavailable,
    },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const account = await inLedger(ledger, scope, (tx) => createAccount(tx, scope, body)).catch((err: unknown) =>
        rethrowCodeRace(ledger.db, scope, err, codeRace(body.code)),
      );
      created(ctx, account, ctx.location(`/accounts/${account.id}`));
    },
  });

  route({
    method: "get",
    path: "/accounts/{id}",
    summary: "An account, with its balance",
    description: "The balance is over posted lines, in the base currency; a group's includes every account under it.",
    tags,
    access: { permission: permissions.accountRead },
    request: { params: accountIdParams },
    responses: { 200: { description: "The account", schema: accountWithBalanceDto }, ...notFound, ...unavailable },
    handler: ({ scope, params }) => inLedger(ledger, scope, (tx) => getAccount(tx, scope, params)),
  });

  route({
    method: "patch",
    path: "/accounts/{id}",
    summary: "Rename, recode, move or reclassify an account",
    description: "Type, currency and group status are fixed once the account has postings; type and group status while it holds accounts.",
    tags,
    access: { permission: permissions.accountManage },
    request: { params: accountIdParams, body: updateAccountBody },
    responses: {
      200: { description: "The account", schema: accountDto },
      ...notFound,
      ...codeTakenResponse,
      422: {
        description: "The change breaks a rule of the chart",
        codes: [ACCOUNT_HAS_POSTINGS, ACCOUNT_HAS_CHILDREN, ACCOUNT_CYCLE, SUBTYPE_NOT_ALLOWED, ...parentRules],
      },
      ...unavailable,
    },
    handler: ({ scope, params, body }) =>
      inLedger(ledger, scope, (tx) => updateAccount(tx, scope, { id: params.id, changes: body })).catch((err: unknown) =>
        rethrowCodeRace(ledger.db, scope, err, codeRace(body.code)),
      ),
  });

  route({
    method: "post",
    path: "/accounts/{id}/archive",
    summary: "Archive an account",
    description: "Nothing can be posted to an archived account. Its balance must be zero in every currency; a group must hold no active account.",
    tags,
    access: { permission: permissions.accountManage },
    request: { params: accountIdParams },
    responses: {
      200: { description: "The archived account", schema: accountDto },
      ...notFound,
      409: { description: "Already archived", codes: ["INVALID_STATE"] },
      422: { description: "The balance is not zero, or the group holds active accounts", codes: [ACCOUNT_BALANCE_NOT_ZERO, ACCOUNT_HAS_ACTIVE_CHILDREN] },
      ...unavailable,
    },
    handler: ({ scope, params }) => inLedger(ledger, scope, (tx) => archiveAccount(tx, scope, params)),
  });

  route({
    method: "post",
    path: "/accounts/{id}/restore",
    summary: "Restore an archived account",
    tags,
    access: { permission: permissions.accountManage },
    request: { params: accountIdParams },
    responses: {
      200: { description: "The active account", schema: accountDto },
      ...notFound,
      409: { description: "Not archived", codes: ["INVALID_STATE"] },
      422: { description: "Its parent is archived: restore that first", codes: [PARENT_ARCHIVED] },
      ...unavailable,
    },
    handler: ({ scope, params }) => inLedger(ledger, scope, (tx) => restoreAccount(tx, scope, params)),
  });

  route({
    method: "delete",
    path: "/accounts/{id}",
    summary: "Delete an account that was never used",
    tags,
    access: { permission: permissions.accountManage },
    request: { params: accountIdParams },
    responses: {
      204: { description: "Deleted" },
      ...notFound,
      409: { description: "It has postings, draft lines or child accounts: archive it instead", codes: ["CONFLICT"] },
      ...unavailable,
    },
    handler: async (ctx) => {
      await inLedger(ledger, ctx.scope, (tx) => deleteAccount(tx, ctx.scope, ctx.params)).catch((err: unknown) => {
        // A draft line written meanwhile: the foreign key refused the delete.
        throw isForeignKeyViolation(err) ? accountInUse("is on draft journal entries") : err;
      });
      noContent(ctx);
    },
  });
}
