/**
 * A whole sale and a whole purchase through the gateway, with the real tenant, users, auth,
 * master-data and finance services on one database and its event log (issue 13's "proven by
 * tests"): a customer created in master-data reaches finance by its events, then invoice draft →
 * issue → partial payment → second payment → paid; a supplier, bill draft → approve → payments →
 * paid; a credit note, a void, a voided payment, and the illegal transitions (409). After every
 * step the books hold: the trial balance's debits equal its credits, the balance sheet balances,
 * and the receivable (payable) account's balance is the aging's total and the statements' closing
 * balances.
 */
import type { ServiceSystem } from "@erp/testkit";
import { waitFor } from "@erp/testkit";
import { expectStatus, proOrganization, startFinanceSystem, type GatewayClient } from "./gateway-system";

let system: ServiceSystem;

beforeAll(async () => {
  system = await startFinanceSystem();
}, 120_000);

afterAll(async () => {
  await system?.close();
});

const today = new Date().toISOString().slice(0, 10);

/** A new organization on the pro plan (finance enabled), its owner's requests through the gateway. */
const organization = () => proOrganization(system);

type Client = GatewayClient;

async function accountId(client: Client, code: string): Promise<string> {
  const data = expectStatus(await client.get(`/finance/accounts?q=${code}&limit=200`), 200, `account ${code}`) as unknown as { id: string; code: string }[];
  return data.find((account) => account.code === code)!.id;
}

/** The party created in master-data, once finance's read model has it (its statement answers instead of 404). */
async function partyInFinance(client: Client, kind: "customers" | "suppliers", body: object): Promise<string> {
  const created = expectStatus(await client.post(`/master-data/${kind}`, body), 201, `master-data ${kind}`);
  await waitFor(async () => (await client.get(`/finance/${kind}/${created.id as string}/statement?from=${today}&to=${today}`)).status === 200, {
    intervalMs: 100,
    what: `the ${kind} in finance's read model`,
  });
  return created.id as string;
}

/**
 * The books after a step: trial balance debits = credits, balance sheet assets = liabilities +
 * equity, the receivable and payable accounts' balances = the agings' totals, and each party's
 * statement closing balance = its aging total.
 */
async function expectBooksHold(client: Client, step: string, parties: { customers: string[]; suppliers: string[] }) {
  const trial = expectStatus(await client.get(`/finance/reports/trial-balance?asOf=${today}`), 200, `${step}: trial balance`);
  const sheet = expectStatus(await client.get(`/finance/reports/balance-sheet?asOf=${today}`), 200, `${step}: balance sheet`);
  const receivables = expectStatus(await client.get(`/finance/reports/aging?type=receivable&asOf=${today}`), 200, `${step}: receivables aging`);
  const payables = expectStatus(await client.get(`/finance/reports/aging?type=payable&asOf=${today}`), 200, `${step}: payables aging`);
  const closing = (code: string) => (trial.rows as { code: string; closing: string }[]).find((row) => row.code === code)?.closing ?? "0.00";
  const negate = (amount: string) => (amount.startsWith("-") ? amount.slice(1) : amount === "0.00" ? amount : `-${amount}`);
  const statementClosing = async (kind: "customers" | "suppliers", id: string) =>
    expectStatus(await client.get(`/finance/${kind}/${id}/statement?from=${today}&to=${today}`), 200, `${step}: statement`).closingBalance as string;
  const agingTotal = (aging: Record<string, any>, id: string) => (aging.parties as { partyId: string; total: string }[]).find((p) => p.partyId === id)?.total ?? "0.00"; // eslint-disable-line @typescript-eslint/no-explicit-any

  const observed = {
    trialBalanced: trial.totals.debit === trial.totals.credit && trial.totals.closingDebit === trial.totals.closingCredit,
    sheetBalanced: sheet.totals.assets === sheet.totals.liabilitiesAndEquity,
    receivable: closing("1200"),
    payable: negate(closing("2110")),
    statements: [
      ...(await Promise.all(parties.customers.map((id) => statementClosing("customers", id)))),
      ...(await Promise.all(parties.suppliers.map((id) => statementClosing("suppliers", id)))),
    ],
  };
  expect({ step, ...observed }).toEqual({
    step,
    trialBalanced: true,
    sheetBalanced: true,
    receivable: receivables.totals.total,
    payable: payables.totals.total,
    statements: [...parties.customers.map((id) => agingTotal(receivables, id)), ...parties.suppliers.map((id) => agingTotal(payables, id))],
  });
  return { receivables, payables };
}

describe("a sale and a purchase through the gateway", () => {
  it("customer from master-data → invoice → issue → partial payment → second payment → paid; credit note; void; 409 for illegal transitions", async () => {
    const client = await organization();
    const bank = await accountId(client, "1120");
    const customer = await partyInFinance(client, "customers", { legalName: "Initech LLC", code: "INITECH", paymentTermsDays: 14 });
    const parties = { customers: [customer], suppliers: [] };
    await expectBooksHold(client, "nothing yet", parties);
    const vat = expectStatus(await client.post("/finance/tax-rates", { name: "Sales tax 20%", rate: "20", appliesTo: "sales" }), 201, "tax rate");

    const draft = expectStatus(
      await client.post("/finance/invoices", {
        customerId: customer,
        issueDate: today,
        lines: [
          { description: "Widgets", quantity: "2", unitPrice: "150.00", taxRateId: vat.id },
          { description: "Installation", quantity: "1", unitPrice: "80.00" },
        ],
      }),
      201,
      "invoice draft",
    );
    expect(draft).toMatchObject({ status: "draft", number: null, subtotal: "380.00", taxTotal: "60.00", total: "440.00", amountDue: "440.00" });
    await expectBooksHold(client, "draft (posts nothing)", parties);

    const issued = expectStatus(await client.post(`/finance/invoices/${draft.id as string}/issue`), 200, "issue");
    expect(issued).toMatchObject({ status: "issued", total: "440.00", amountDue: "440.00" });
    expect(issued.number).toMatch(/^INV-\d{4}-0001$/);
    const { receivables } = await expectBooksHold(client, "issued", parties);
    expect(receivables.totals).toMatchObject({ current: "440.00", total: "440.00" });

    const again = await client.post(`/finance/invoices/${draft.id as string}/issue`);
    expect([again.status, again.body.error?.code]).toEqual([409, "INVALID_STATE"]);
    const editIssued = await client.patch(`/finance/invoices/${draft.id as string}`, { notes: "Too late" });
    expect([editIssued.status, editIssued.body.error?.code]).toEqual([409, "INVALID_STATE"]);
    const deleteIssued = await client.delete(`/finance/invoices/${draft.id as string}`);
    expect([deleteIssued.status, deleteIssued.body.error?.code]).toEqual([409, "INVALID_STATE"]);

    const first = expectStatus(
      await client.post("/finance/payments", {
        direction: "received",
        partyId: customer,
        paymentDate: today,
        amount: "100.00",
        accountId: bank,
        allocations: [{ documentId: draft.id, amount: "100.00" }],
      }),
      201,
      "first payment",
    );
    expect(first.number).toMatch(/^RCPT-\d{4}-0001$/);
    expect(expectStatus(await client.get(`/finance/invoices/${draft.id as string}`), 200, "invoice")).toMatchObject({ status: "partially_paid", amountPaid: "100.00", amountDue: "340.00" });
    await expectBooksHold(client, "partially paid", parties);

    const voidPaid = await client.post(`/finance/invoices/${draft.id as string}/void`, { reason: "Too late" });
    expect([voidPaid.status, voidPaid.body.error?.code]).toEqual([409, "INVALID_STATE"]);

    // The second payment brings 40.00 more than is due: it stays as the customer's credit.
    expectStatus(
      await client.post("/finance/payments", {
        direction: "received",
        partyId: customer,
        paymentDate: today,
        amount: "380.00",
        accountId: bank,
        allocations: [{ documentId: draft.id, amount: "340.00" }],
      }),
      201,
      "second payment",
    );
    expect(expectStatus(await client.get(`/finance/invoices/${draft.id as string}`), 200, "invoice")).toMatchObject({ status: "paid", amountPaid: "440.00", amountDue: "0.00" });
    const paid = await expectBooksHold(client, "paid, 40.00 credit left", parties);
    expect(paid.receivables.totals).toMatchObject({ current: "0.00", unallocatedCredits: "-40.00", total: "-40.00" });
    const overpay = await client.post("/finance/payments", {
      direction: "received",
      partyId: customer,
      paymentDate: today,
      amount: "10.00",
      accountId: bank,
      allocations: [{ documentId: draft.id, amount: "10.00" }],
    });
    expect(overpay.status).toBe(422);

    // Credit note path: a second invoice, half of it credited.
    const second = expectStatus(
      await client.post("/finance/invoices", { customerId: customer, issueDate: today, lines: [{ description: "Consulting", quantity: "4", unitPrice: "50.00", taxRateId: vat.id }] }),
      201,
      "second invoice",
    );
    const secondIssued = expectStatus(await client.post(`/finance/invoices/${second.id as string}/issue`), 200, "issue the second");
    expect(secondIssued.total).toBe("240.00");
    const creditNote = expectStatus(
      await client.post(`/finance/invoices/${second.id as string}/credit-notes`, { lines: [{ invoiceLineId: secondIssued.lines[0].id, quantity: "2" }] }),
      201,
      "credit note",
    );
    expect(creditNote.number).toMatch(/^CN-\d{4}-0001$/);
    expect(expectStatus(await client.get(`/finance/invoices/${second.id as string}`), 200, "credited invoice")).toMatchObject({ amountCredited: "120.00", amountDue: "120.00" });
    await expectBooksHold(client, "credit note", parties);
    const voidCredited = await client.post(`/finance/invoices/${second.id as string}/void`, { reason: "Credited already" });
    expect([voidCredited.status, voidCredited.body.error?.code]).toEqual([409, "INVALID_STATE"]);

    // A draft cannot be credited or voided.
    const unissued = expectStatus(
      await client.post("/finance/invoices", { customerId: customer, issueDate: today, lines: [{ description: "Draft", quantity: "1", unitPrice: "10.00" }] }),
      201,
      "draft to leave",
    );
    const creditDraft = await client.post(`/finance/invoices/${unissued.id as string}/credit-notes`, {});
    expect([creditDraft.status, creditDraft.body.error?.code]).toEqual([409, "INVALID_STATE"]);
    const voidDraft = await client.post(`/finance/invoices/${unissued.id as string}/void`, { reason: "Never issued" });
    expect([voidDraft.status, voidDraft.body.error?.code]).toEqual([409, "INVALID_STATE"]);

    // Void path: a third invoice issued and voided; a voided one cannot be issued, voided or paid.
    const third = expectStatus(
      await client.post("/finance/invoices", { customerId: customer, issueDate: today, lines: [{ description: "Wrong customer", quantity: "1", unitPrice: "999.00" }] }),
      201,
      "third invoice",
    );
    expectStatus(await client.post(`/finance/invoices/${third.id as string}/issue`), 200, "issue the third");
    await expectBooksHold(client, "third issued", parties);
    expect(expectStatus(await client.post(`/finance/invoices/${third.id as string}/void`, { reason: "Issued to the wrong customer" }), 200, "void")).toMatchObject({ status: "void" });
    const voidedAgain = await client.post(`/finance/invoices/${third.id as string}/void`, { reason: "Twice" });
    expect([voidedAgain.status, voidedAgain.body.error?.code]).toEqual([409, "INVALID_STATE"]);
    const issueVoided = await client.post(`/finance/invoices/${third.id as string}/issue`);
    expect([issueVoided.status, issueVoided.body.error?.code]).toEqual([409, "INVALID_STATE"]);
    const creditVoided = await client.post(`/finance/invoices/${third.id as string}/credit-notes`, {});
    expect([creditVoided.status, creditVoided.body.error?.code]).toEqual([409, "INVALID_STATE"]);
    const payVoided = await client.post("/finance/payments", {
      direction: "received",
      partyId: customer,
      paymentDate: today,
      amount: "1.00",
      accountId: bank,
      allocations: [{ documentId: third.id, amount: "1.00" }],
    });
    expect(payVoided.status).toBe(422);
    const end = await expectBooksHold(client, "third voided", parties);
    // Left: the second invoice's 120.00 after its credit note, minus the 40.00 overpayment.
    expect(end.receivables.totals).toMatchObject({ current: "120.00", unallocatedCredits: "-40.00", total: "80.00" });
    const statement = expectStatus(await client.get(`/finance/customers/${customer}/statement?from=${today}&to=${today}`), 200, "statement");
    expect(statement.lines.map((line: { type: string }) => line.type)).toEqual(["invoice", "payment", "payment", "invoice", "credit_note", "invoice", "invoice_void"]);
  }, 120_000);

  it("supplier from master-data → bill → approve → partial payment → second payment → paid; a voided payment; 409 for illegal transitions", async () => {
    const client = await organization();
    const bank = await accountId(client, "1120");
    const supplier = await partyInFinance(client, "suppliers", { legalName: "Nordic Timber AB", code: "NORDIC", paymentTermsDays: 30 });
    const parties = { customers: [], suppliers: [supplier] };
    const inputTax = expectStatus(await client.post("/finance/tax-rates", { name: "Input tax 10%", rate: "10", appliesTo: "purchase" }), 201, "tax rate");

    const draft = expectStatus(
      await client.post("/finance/bills", {
        supplierId: supplier,
        issueDate: today,
        supplierInvoiceNumber: "NT-2026-118",
        lines: [{ description: "Timber", quantity: "10", unitPrice: "45.50", taxRateId: inputTax.id }],
      }),
      201,
      "bill draft",
    );
    expect(draft).toMatchObject({ status: "draft", subtotal: "455.00", taxTotal: "45.50", total: "500.50" });
    const duplicate = await client.post("/finance/bills", { supplierId: supplier, supplierInvoiceNumber: "NT-2026-118", lines: [{ description: "Again", quantity: "1", unitPrice: "1.00" }] });
    expect([409, 422]).toContain(duplicate.status);
    await expectBooksHold(client, "bill draft", parties);

    const approved = expectStatus(await client.post(`/finance/bills/${draft.id as string}/approve`), 200, "approve");
    expect(approved.status).toBe("approved");
    expect(approved.number).toMatch(/^BILL-\d{4}-0001$/);
    const { payables } = await expectBooksHold(client, "approved", parties);
    expect(payables.totals).toMatchObject({ current: "500.50", total: "500.50" });
    const approveAgain = await client.post(`/finance/bills/${draft.id as string}/approve`);
    expect([approveAgain.status, approveAgain.body.error?.code]).toEqual([409, "INVALID_STATE"]);

    const pay = (amount: string) =>
      client.post("/finance/payments", {
        direction: "made",
        partyId: supplier,
        paymentDate: today,
        amount,
        accountId: bank,
        allocations: [{ documentId: draft.id, amount }],
      });
    const first = expectStatus(await pay("200.50"), 201, "first payment");
    expect(first.number).toMatch(/^PAY-\d{4}-0001$/);
    expect(expectStatus(await client.get(`/finance/bills/${draft.id as string}`), 200, "bill")).toMatchObject({ status: "partially_paid", amountDue: "300.00" });
    await expectBooksHold(client, "bill partially paid", parties);

    const second = expectStatus(await pay("300.00"), 201, "second payment");
    expect(expectStatus(await client.get(`/finance/bills/${draft.id as string}`), 200, "bill")).toMatchObject({ status: "paid", amountDue: "0.00" });
    const paid = await expectBooksHold(client, "bill paid", parties);
    expect(paid.payables.totals.total).toBe("0.00");
    const voidPaidBill = await client.post(`/finance/bills/${draft.id as string}/void`, { reason: "Paid already" });
    expect([voidPaidBill.status, voidPaidBill.body.error?.code]).toEqual([409, "INVALID_STATE"]);

    // Voiding the second payment puts what it paid back on the bill.
    expect(expectStatus(await client.post(`/finance/payments/${second.id as string}/void`, { reason: "Bank returned it" }), 200, "void payment")).toMatchObject({ status: "void" });
    expect(expectStatus(await client.get(`/finance/bills/${draft.id as string}`), 200, "bill")).toMatchObject({ status: "partially_paid", amountDue: "300.00" });
    const voided = await expectBooksHold(client, "payment voided", parties);
    expect(voided.payables.totals.total).toBe("300.00");
    const voidTwice = await client.post(`/finance/payments/${second.id as string}/void`, { reason: "Twice" });
    expect([voidTwice.status, voidTwice.body.error?.code]).toEqual([409, "INVALID_STATE"]);

    // A bill approved by mistake is voided (it frees the supplier's number); then it cannot be approved, edited or voided again.
    const mistake = expectStatus(
      await client.post("/finance/bills", { supplierId: supplier, issueDate: today, supplierInvoiceNumber: "NT-2026-119", lines: [{ description: "Twice entered", quantity: "1", unitPrice: "75.00" }] }),
      201,
      "second bill",
    );
    expectStatus(await client.post(`/finance/bills/${mistake.id as string}/approve`), 200, "approve the second bill");
    await expectBooksHold(client, "second bill approved", parties);
    expect(expectStatus(await client.post(`/finance/bills/${mistake.id as string}/void`, { reason: "Entered twice" }), 200, "void the bill")).toMatchObject({ status: "void" });
    const end = await expectBooksHold(client, "second bill voided", parties);
    expect(end.payables.totals.total).toBe("300.00");
    for (const [what, res] of [
      ["approve", await client.post(`/finance/bills/${mistake.id as string}/approve`)],
      ["edit", await client.patch(`/finance/bills/${mistake.id as string}`, { notes: "Again" })],
      ["void", await client.post(`/finance/bills/${mistake.id as string}/void`, { reason: "Again" })],
    ] as const) {
      expect([what, res.status, res.body.error?.code]).toEqual([what, 409, "INVALID_STATE"]);
    }
    expectStatus(
      await client.post("/finance/bills", { supplierId: supplier, supplierInvoiceNumber: "NT-2026-119", lines: [{ description: "Entered once", quantity: "1", unitPrice: "75.00" }] }),
      201,
      "the voided bill's supplier number again",
    );
  }, 120_000);
});
