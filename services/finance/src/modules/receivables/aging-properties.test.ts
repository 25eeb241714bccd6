/**
 * The aging's promise under random use: fast-check runs random histories through HTTP on a fresh
 * organization with EUR books (invoices and bills in EUR and USD at random rates and dates, issued
 * or approved or left as drafts; payments at other rates, allocated at once or later, partly or
 * fully, some beyond what is due; credit notes; voided invoices, bills and payments; requests the
 * rules refuse are fine, answers of 500 are not), then on every date of the history and today
 * checks that the receivables aging's total is the receivable account's balance in the trial
 * balance, the payables aging's the payable account's, each party's statement closes at its aging
 * total, and the trial balance's debits equal its credits.
 */
import fc from "fast-check";
import { startFinanceTestApp, type Api, type FinanceTestApp } from "../../../test/harness";
import { partyFixture } from "../documents/document-fixtures";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

const FIRST_DAY = Date.UTC(2026, 0, 1);
const dayOf = (offset: number) => new Date(FIRST_DAY + offset * 86_400_000).toISOString().slice(0, 10);
const day = fc.integer({ min: 0, max: 150 });
const amount = fc.integer({ min: 1, max: 200_000 }).map((cents) => (cents / 100).toFixed(2));
const rate = fc.integer({ min: 80, max: 120 }).map((hundredths) => (hundredths / 100).toFixed(2));
const side = fc.constantFrom("customer" as const, "supplier" as const);
const currency = fc.constantFrom("EUR", "USD");
/** Which earlier document or payment an operation picks (modulo how many there are). */
const pick = fc.nat(50);

type Operation =
  | { op: "document"; side: "customer" | "supplier"; currency: string; day: number; price: string; quantity: number; rate: string; post: boolean }
  | { op: "pay"; side: "customer" | "supplier"; currency: string; day: number; amount: string; rate: string; document: number; share: number }
  | { op: "allocate"; payment: number; document: number; share: number; later: number }
  | { op: "credit"; document: number; day: number; all: boolean }
  | { op: "voidDocument"; document: number; later: number }
  | { op: "voidPayment"; payment: number };

const document = (post: fc.Arbitrary<boolean>) =>
  fc.record({ op: fc.constant("document" as const), side, currency, day, price: amount, quantity: fc.integer({ min: 1, max: 3 }), rate, post });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 3, arbitrary: document(fc.boolean()) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("pay" as const), side, currency, day, amount, rate, document: pick, share: fc.integer({ min: 0, max: 100 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("allocate" as const), payment: pick, document: pick, share: fc.integer({ min: 1, max: 100 }), later: fc.integer({ min: 0, max: 30 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("credit" as const), document: pick, day: fc.integer({ min: 0, max: 30 }), all: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("voidDocument" as const), document: pick, later: fc.integer({ min: 0, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("voidPayment" as const), payment: pick }) },
);
/** A few posted documents first, so that what follows has something to pay, credit and void. */
const history = fc
  .tuple(fc.array(document(fc.constant(true)), { minLength: 2, maxLength: 4 }), fc.array(operation, { minLength: 6, maxLength: 16 }))
  .map(([first, rest]) => [...first, ...rest]);

interface Books {
  api: Api;
  parties: Record<"customer" | "supplier", Record<string, string>>;
  banks: Record<string, string>;
  /** Posted invoices and bills: id, side, currency, date, amount due when last seen. */
  documents: { id: string; side: "customer" | "supplier"; currency: string; date: string; due: string; lines: { id: string; quantity: string }[] }[];
  payments: { id: string; side: "customer" | "supplier"; currency: string; date: string; left: string }[];
  dates: Set<string>;
}

/** Refused by a rule is fine (400 for a body the schema refuses, 404, 409, 422); a 500 is not. */
function expectHandled(res: { status: number; body: unknown }, what: string) {
  if (res.status >= 500) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.status < 300;
}

/** `share` percent of `value` (at least a cent), in cents' precision. */
const percentOf = (value: string, share: number) => (Math.max(1, Math.round((Math.round(Number(value) * 100) * share) / 100)) / 100).toFixed(2);
const later = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function run(books: Books, o: Operation): Promise<void> {
  const { api } = books;
  const documentAt = (n: number) => (books.documents.length ? books.documents[n % books.documents.length] : undefined);
  const paymentAt = (n: number) => (books.payments.length ? books.payments[n % books.payments.length] : undefined);
  switch (o.op) {
    case "document": {
      const date = dayOf(o.day);
      const path = o.side === "customer" ? "/invoices" : "/bills";
      const draft = await api.post(path, {
        [o.side === "customer" ? "customerId" : "supplierId"]: books.parties[o.side][o.currency],
        issueDate: date,
        lines: [
          { description: "One", quantity: String(o.quantity), unitPrice: o.price },
          { description: "Two", quantity: "1", unitPrice: "10.05" },
        ],
      });
      if (!expectHandled(draft, "draft") || !o.post) return;
      const posted = await api.post(`${path}/${draft.body.data.id as string}/${o.side === "customer" ? "issue" : "approve"}`, o.currency === "EUR" ? {} : { exchangeRate: o.rate });
      if (!expectHandled(posted, "issue/approve")) return;
      const data = posted.body.data;
      books.documents.push({ id: data.id, side: o.side, currency: o.currency, date, due: data.amountDue, lines: data.lines.map((l: { id: string; quantity: string }) => ({ id: l.id, quantity: l.quantity })) });
      books.dates.add(date);
      return;
    }
    case "pay": {
      const date = dayOf(o.day);
      const target = books.documents.filter((d) => d.side === o.side && d.currency === o.currency && d.date <= date && Number(d.due) > 0)[o.document % 7];
      const allocations = target && o.share > 0 ? [{ documentId: target.id, amount: percentOf(target.due, Math.min(o.share, 100)) }] : [];
      const paid = allocations[0] && Number(allocations[0].amount) > Number(o.amount) ? allocations[0].amount : o.amount;
      const res = await api.post("/payments", {
        direction: o.side === "customer" ? "received" : "made",
        partyId: books.parties[o.side][o.currency],
        paymentDate: date,
        amount: paid,
        currency: o.currency,
        ...(o.currency === "EUR" ? {} : { exchangeRate: o.rate }),
        accountId: books.banks[o.currency],
        allocations,
      });
      if (!expectHandled(res, "payment")) return;
      books.payments.push({ id: res.body.data.id, side: o.side, currency: o.currency, date, left: res.body.data.amountUnallocated });
      books.dates.add(date);
      await refresh(books);
      return;
    }
    case "allocate": {
      const payment = paymentAt(o.payment);
      const open = books.documents.filter((d) => d.side === payment?.side && Number(d.due) > 0);
      const target = open[o.document % Math.max(open.length, 1)];
      if (!payment || !target || Number(payment.left) <= 0) return;
      const date = later(payment.date > target.date ? payment.date : target.date, o.later);
      const share = percentOf(target.due, o.share);
      const res = await api.post(`/payments/${payment.id}/allocations`, {
        date,
        allocations: [{ documentId: target.id, amount: Number(share) > Number(payment.left) && payment.currency === target.currency ? payment.left : share }],
      });
      if (expectHandled(res, "allocation")) books.dates.add(date);
      await refresh(books);
      return;
    }
    case "credit": {
      const invoice = books.documents.filter((d) => d.side === "customer")[o.document % 5];
      if (!invoice) return;
      const date = later(invoice.date, o.day);
      const line = invoice.lines[0]!;
      const res = await api.post(`/invoices/${invoice.id}/credit-notes`, o.all ? { issueDate: date } : { issueDate: date, lines: [{ invoiceLineId: line.id, quantity: "1" }] });
      if (expectHandled(res, "credit note")) books.dates.add(date);
      await refresh(books);
      return;
    }
    case "voidDocument": {
      const target = documentAt(o.document);
      if (!target) return;
      const date = later(target.date, o.later);
      const res = await api.post(`/${target.side === "customer" ? "invoices" : "bills"}/${target.id}/void`, { reason: "Random", date });
      if (expectHandled(res, "void document")) books.dates.add(date);
      await refresh(books);
      return;
    }
    case "voidPayment": {
      const payment = paymentAt(o.payment);
      if (!payment) return;
      expectHandled(await api.post(`/payments/${payment.id}/void`, { reason: "Random" }), "void payment");
      await refresh(books);
      return;
    }
  }
}

/** What is due and unallocated now, as the API says. */
async function refresh(books: Books): Promise<void> {
  for (const document of books.documents) {
    const res = await books.api.get(`/${document.side === "customer" ? "invoices" : "bills"}/${document.id}`);
    document.due = res.body.data.status === "void" ? "0.00" : res.body.data.amountDue;
  }
  for (const payment of books.payments) {
    const res = await books.api.get(`/payments/${payment.id}`);
    payment.left = res.body.data.status === "void" ? "0.00" : res.body.data.amountUnallocated;
  }
}

async function expectAgingIsTheLedger(books: Books): Promise<void> {
  const { api } = books;
  const today = new Date().toISOString().slice(0, 10);
  for (const asOf of [...[...books.dates].sort(), today]) {
    const [trial, receivable, payable] = await Promise.all(
      [`/reports/trial-balance?asOf=${asOf}`, `/reports/aging?type=receivable&asOf=${asOf}`, `/reports/aging?type=payable&asOf=${asOf}`].map(async (path) => {
        const res = await api.get(path);
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body.data;
      }),
    );
    const closing = (code: string) => (trial.rows as { code: string; closing: string }[]).find((row) => row.code === code)?.closing ?? "0.00";
    const owed = (value: string) => (value === "0.00" ? value : value.startsWith("-") ? value.slice(1) : `-${value}`);
    expect({ asOf, receivable: receivable.totals.total, payable: payable.totals.total, balanced: trial.totals.closingDebit === trial.totals.closingCredit }).toEqual({
      asOf,
      receivable: closing("1200"),
      payable: owed(closing("2110")),
      balanced: true,
    });
  }
  for (const [kind, path, aging] of [
    ["customer", "customers", "receivable"],
    ["supplier", "suppliers", "payable"],
  ] as const) {
    const report = (await api.get(`/reports/aging?type=${aging}&asOf=${today}`)).body.data;
    for (const id of Object.values(books.parties[kind])) {
      const statement = (await api.get(`/${path}/${id}/statement?from=2026-01-01&to=${today}`)).body.data;
      const total = (report.parties as { partyId: string; total: string }[]).find((p) => p.partyId === id)?.total ?? "0.00";
      expect([kind, id, statement.closingBalance]).toEqual([kind, id, total]);
    }
  }
}

it("on every date of random histories of documents, payments, allocations, credit notes and voids, the aging is the ledger", async () => {
  await fc.assert(
    fc.asyncProperty(history, async (operations) => {
      const org = t.organization();
      const { api } = org;
      const usdBank = await api.post("/accounts", { code: "1125", name: "Bank USD", type: "asset", subtype: "bank", currency: "USD" });
      const eurBank = await t.account(api, "1120");
      const parties: Books["parties"] = { customer: {}, supplier: {} };
      for (const kind of ["customer", "supplier"] as const) {
        for (const code of ["EUR", "USD"]) parties[kind][code] = await partyFixture(t, org.id, kind, { currency: code });
      }
      const books: Books = { api, parties, banks: { EUR: eurBank.id, USD: usdBank.body.data.id }, documents: [], payments: [], dates: new Set() };
      for (const o of operations) await run(books, o);
      await expectAgingIsTheLedger(books);
    }),
    { numRuns: 5, endOnFailure: true },
  );
}, 600_000);
