/** Journal entries: drafts, posting, reversal; the ledger's integrity check; the internal posting route. */
import { conflict, created, forbidden, hasPermission, noContent, pageSchema, z, type ServiceApp } from "@erp/http-kit";
import { organizationIdOf, type Scope } from "@erp/scope";
import { permissions } from "../../permissions";
import { LEDGER_UNAVAILABLE } from "../ledger/ledger.errors";
import { inLedger, type Ledger } from "../ledger/ledger-transaction";
import { PERIOD_LOCKED } from "../periods/period.errors";
import { createDraft } from "./create-draft";
import { deleteDraft } from "./delete-draft";
import { getEntry } from "./get-entry";
import { ALREADY_REVERSED, REVERSAL_BEFORE_ORIGINAL, ROUNDING_ACCOUNT_MISSING } from "./journal.errors";
import {
  createDraftBody,
  createEntryQuery,
  entryIdParams,
  internalPostBody,
  journalEntryDto,
  journalEntryListQuery,
  postEntriesBody,
  reverseBody,
  updateDraftBody,
} from "./journal.schemas";
import { checkLedgerIntegrity } from "./ledger-integrity";
import { POSTING_RULES } from "./ledger-rules";
import { listEntries } from "./list-entries";
import { postDraft } from "./post-draft";
import { postBatched } from "./post-batched";
import { postEntries } from "./post-entries";
import { reverseEntry } from "./reverse-entry";
import { updateDraft } from "./update-draft";

const tags = ["Journal entries"];
const notFound = { 404: { description: "No such journal entry, or another organization's (NOT_FOUND)" } };
const unavailable = { 503: { description: "The organization's ledger could not be set up yet", codes: [LEDGER_UNAVAILABLE] } };
const posted = { 409: { description: "The entry is posted: it never changes (reverse it)", codes: ["INVALID_STATE"] } };
const unknownAccount = { 422: { description: "A line names an account the organization does not have", codes: ["UNKNOWN_ACCOUNT"] } };
const postingRules = {
  description:
    "A rule of the ledger is broken: `error.code` is the first, `error.details` lists every one with its field (lines.<n>.<field>)",
  codes: [...POSTING_RULES, ROUNDING_ACCOUNT_MISSING, PERIOD_LOCKED],
};

const integrityReport = z.object({
  status: z.enum(["intact", "broken"]),
  entriesChecked: z.number().int(),
  firstBrokenEntry: z
    .object({
      id: z.uuid().nullable(),
      number: z.string().nullable(),
      chainPosition: z.string(),
      problem: z.enum(["hash_mismatch", "previous_hash_mismatch", "position_gap", "missing_entries"]),
    })
    .nullable(),
  checkedAt: z.string(),
});

export function registerJournalRoutes(route: ServiceApp["route"], ledger: Ledger): void {
  route({
    method: "get",
    path: "/journal-entries",
    summary: "List journal entries",
    description: "Drafts and posted entries with their lines. Filters: status, from/to (dates), accountId (a line on it), sourceType, sourceId; q searches number, memo and reference.",
    tags,
    access: { permission: permissions.entryRead },
    request: { query: journalEntryListQuery },
    responses: { 200: { description: "A page of entries", schema: pageSchema(journalEntryDto) }, ...unavailable },
    handler: ({ scope, query }) => inLedger(ledger, scope, (tx) => listEntries(tx, scope, query)),
  });

  route({
    method: "post",
    path: "/journal-entries",
    summary: "Create a draft journal entry, or create and post it (post=true)",
    description:
      "A draft has no number and is in no balance; it may be unbalanced. With `post=true` the entry is posted in the same request " +
      "(the rules of POST /journal-entries/{id}/post; nothing is written when one is broken), committed together with other postings " +
      "of the organization arriving at the same moment.",
    tags,
    access: { permission: permissions.entryCreate },
    request: { query: createEntryQuery, body: createDraftBody },
    responses: {
      201: { description: "The draft, or the posted entry", schema: journalEntryDto },
      403: { description: "post=true without finance.journal_entry.post", codes: ["FORBIDDEN"] },
      422: { ...postingRules, codes: ["UNKNOWN_ACCOUNT", ...postingRules.codes] },
      ...unavailable,
    },
    handler: async (ctx) => {
      const { scope, body, query } = ctx;
      if (query.post === "true") {
        if (!hasPermission(ctx.principal.permissions, permissions.entryPost)) throw forbidden("Posting needs finance.journal_entry.post");
        const { entry } = await postBatched(ledger, scope, body);
        return created(ctx, entry, ctx.location(`/journal-entries/${entry.id}`));
      }
      const entry = await inLedger(ledger, scope, (tx) => createDraft(tx, scope, body));
      created(ctx, entry, ctx.location(`/journal-entries/${entry.id}`));
    },
  });

  route({
    method: "post",
    path: "/journal-entries/batch",
    summary: "Create and post many entries at once, all or none",
    description:
      "1 to 100 entries (10,000 lines in all) in one transaction: each checked by the rules of POST /journal-entries/{id}/post, " +
      "numbered consecutively in the order given, all posted or none. For imports and feeds: one request and one commit " +
      "for the lot. A refused entry answers 422 with `error.details` paths under `entries.<index>.`, and nothing is written. " +
      "Takes an Idempotency-Key, so a retry posts nothing twice.",
    tags,
    access: { permission: permissions.entryPost },
    idempotent: true,
    request: { body: postEntriesBody },
    responses: {
      201: { description: "The posted entries, in the order given", schema: z.array(journalEntryDto) },
      403: { description: "Without finance.journal_entry.create or finance.journal_entry.post", codes: ["FORBIDDEN"] },
      422: { ...postingRules, codes: ["UNKNOWN_ACCOUNT", ...postingRules.codes] },
      ...unavailable,
    },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      if (!hasPermission(ctx.principal.permissions, permissions.entryCreate)) throw forbidden("Creating entries needs finance.journal_entry.create");
      const location = (entries: { id: string }[]) => ctx.location(`/journal-entries/${entries[0]!.id}`);
      const entries = await postEntries(ledger, scope, body.entries, {
        beforeCommit: (tx, posted) => ctx.idempotency.created(tx, posted, location(posted)),
      });
      created(ctx, entries, location(entries));
    },
  });

  route({
    method: "get",
    path: "/journal-entries/{id}",
    summary: "A journal entry with its lines",
    tags,
    access: { permission: permissions.entryRead },
    request: { params: entryIdParams },
    responses: { 200: { description: "The entry", schema: journalEntryDto }, ...notFound, ...unavailable },
    handler: ({ scope, params }) => inLedger(ledger, scope, (tx) => getEntry(tx, scope, params)),
  });

  route({
    method: "patch",
    path: "/journal-entries/{id}",
    summary: "Edit a draft",
    description: "`lines`, when given, replace all the draft's lines.",
    tags,
    access: { permission: permissions.entryCreate },
    request: { params: entryIdParams, body: updateDraftBody },
    responses: { 200: { description: "The draft", schema: journalEntryDto }, ...notFound, ...posted, ...unknownAccount, ...unavailable },
    handler: ({ scope, params, body }) => inLedger(ledger, scope, (tx) => updateDraft(tx, scope, { id: params.id, changes: body })),
  });

  route({
    method: "delete",
    path: "/journal-entries/{id}",
    summary: "Delete a draft",
    tags,
    access: { permission: permissions.entryCreate },
    request: { params: entryIdParams },
    responses: { 204: { description: "Deleted" }, ...notFound, ...posted, ...unavailable },
    handler: async (ctx) => {
      await inLedger(ledger, ctx.scope, (tx) => deleteDraft(tx, ctx.scope, ctx.params));
      noContent(ctx);
    },
  });

  route({
    method: "post",
    path: "/journal-entries/{id}/post",
    summary: "Post a draft to the ledger",
    description:
      "Checks every rule (at least 2 lines; each a debit or a credit greater than 0; posting, active accounts in their currency; " +
      "amounts within the currency's minor units; a rate for every foreign line; debits equal credits in the base currency, " +
      "a rounding difference going to the rounding account; the date after the lock date), then gives the entry the next " +
      "gap-free number of its fiscal year (JE-2026-000001) and its place in the organization's hash chain, committed together with other " +
      "postings of the organization arriving at the same moment (a refused draft stays as it was).",
    tags,
    access: { permission: permissions.entryPost },
    request: { params: entryIdParams },
    responses: {
      200: { description: "The posted entry", schema: journalEntryDto },
      ...notFound,
      409: { description: "Already posted", codes: ["INVALID_STATE"] },
      422: postingRules,
      ...unavailable,
    },
    handler: ({ scope, params }) => postDraft(ledger, scope, params),
  });

  route({
    method: "post",
    path: "/journal-entries/{id}/reverse",
    summary: "Reverse a posted entry",
    description: "Posts a new entry on the date given with every line on the other side, linked to the original (`reversalOfEntryId`, and the original's `reversedByEntryId`).",
    tags,
    access: { permission: permissions.entryReverse },
    request: { params: entryIdParams, body: reverseBody },
    responses: {
      201: { description: "The reversal, posted", schema: journalEntryDto },
      ...notFound,
      409: {
        description:
          "A draft (edit or delete it instead), already reversed, an entry an invoice, bill, credit note or payment posted (void the document instead), " +
          "or one a bank statement line is reconciled with",
        codes: ["INVALID_STATE", ALREADY_REVERSED, "ENTRY_RECONCILED"],
      },
      422: { ...postingRules, codes: [REVERSAL_BEFORE_ORIGINAL, ...postingRules.codes] },
      ...unavailable,
    },
    handler: async (ctx) => {
      const { scope, params, body } = ctx;
      const reversal = await inLedger(ledger, scope, (tx) => reverseEntry(tx, scope, { id: params.id, ...body }), {
        conflict: () => conflict("The journal entry is already reversed", ALREADY_REVERSED),
      });
      created(ctx, reversal, ctx.location(`/journal-entries/${reversal.id}`));
    },
  });

  route({
    method: "get",
    path: "/reports/ledger-integrity",
    summary: "Check the ledger's hash chain",
    description: "Re-computes every posted entry's hash in posting order and names the first entry that no longer matches its stored rows.",
    tags: ["Reports"],
    access: { permission: permissions.reportRead },
    responses: { 200: { description: "The check's result", schema: integrityReport }, ...unavailable },
    handler: async ({ scope }) => {
      await ledger.setup.ensure(scope);
      return checkLedgerIntegrity(ledger.db, scope);
    },
  });

  route({
    method: "post",
    path: "/journal-entries",
    internal: true,
    summary: "Post an entry for another service (invoices, payments, stock), once per source",
    description: "Creates and posts in one transaction. A source (`{type, id}`) has one entry: posting it again answers 200 with that entry.",
    tags: ["Journal entries (internal)"],
    access: { internal: true },
    request: { body: internalPostBody },
    responses: {
      201: { description: "Posted", schema: journalEntryDto },
      200: { description: "The source's entry, posted before", schema: journalEntryDto },
      422: { ...postingRules, codes: ["UNKNOWN_ACCOUNT", ...postingRules.codes] },
      ...unavailable,
    },
    handler: async (ctx) => {
      const { organizationId, actor, ...entry } = ctx.body;
      const scope: Scope = { organizationId: organizationIdOf(organizationId), actor: actor ?? { type: "service", id: "finance" } };
      const result = await postBatched(ledger, scope, entry);
      if (result.created) return created(ctx, result.entry, ctx.location(`/journal-entries/${result.entry.id}`));
      return result.entry;
    },
  });
}
