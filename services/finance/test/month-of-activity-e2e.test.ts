/**
 * Issue 14's "proven by tests": a month of activity through the gateway, with the real tenant,
 * users, auth, master-data and finance services on one database and its event log. A bank account
 * opened with 10,000.00, a second one, sales (an invoice paid, one left open), purchases (a bill
 * for goods received in master-data, paid; a bill for services left open), an expense, other
 * revenue, an employee's reimbursement (claimed by an invited member, approved and paid by the
 * owner), a transfer with its fee, stock receipts and an issue made in master-data, then the
 * bank's statement imported, its lines reconciled with the ledger as proposed and its bank fee
 * recorded as an expense from the line. At the month's end: the trial balance balances, the
 * balance sheet balances, the bank account's balance is the statement's closing balance (and its
 * reconciled balance), inventory is master-data's stock valuation, and the receivable and payable
 * accounts are the agings' totals. Every figure is written out below to be checked by hand.
 *
 * Dates: days of the current month, never after today (a day not come yet is today).
 */
import { randomUUID } from "node:crypto";
import request from "supertest";
import { waitFor, type ServiceSystem } from "@erp/testkit";
import { expectStatus, gatewayClient, getBytes, proOrganization, startFinanceSystem, type GatewayClient } from "./gateway-system";
import { pdfText } from "./pdf-text";

let system: ServiceSystem;

beforeAll(async () => {
  system = await startFinanceSystem();
}, 180_000);

afterAll(async () => {
  await system?.close();
});

const today = new Date().toISOString().slice(0, 10);
/** The `n`th day of the current month, or today when it has not come yet. */
const day = (n: number) => {
  const date = `${today.slice(0, 8)}${String(n).padStart(2, "0")}`;
  return date > today ? today : date;
};

async function accountId(client: GatewayClient, code: string): Promise<string> {
  const data = expectStatus(await client.get(`/finance/accounts?q=${code}&limit=200`), 200, `account ${code}`) as unknown as { id: string; code: string }[];
  return data.find((account) => account.code === code)!.id;
}

/** `body` posted until finance answers 201: it answers 422 until master-data's parties and products have reached its read model. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers read field by field
async function createdOnceKnown(client: GatewayClient, path: string, body: object, what: string): Promise<Record<string, any>> {
  let data: Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  let last: unknown;
  try {
    await waitFor(
      async () => {
        const res = await client.post(path, body);
        last = res.body;
        if (res.status === 201) data = res.body.data;
        else if (res.status !== 422) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
        return res.status === 201;
      },
      { intervalMs: 200, what, timeoutMs: 60_000 },
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; last answer ${JSON.stringify(last)}`, { cause: err });
  }
  return data!;
}

/** A member invited by the owner with the `member` role, their requests through the gateway. */
async function invitedMember(client: GatewayClient) {
  const invitation = expectStatus(await client.post("/users/invitations", { email: `${randomUUID()}@example.com`, roles: ["member"] }), 201, "invitation");
  const accepted = await request(system.urls.gateway!)
    .post("/api/v1/auth/invitations/accept")
    .send({ token: invitation.token, name: "Erin Employee", password: "correct horse battery staple" });
  const tokens = expectStatus(accepted, 200, "accept the invitation").tokens as { accessToken: string };
  return gatewayClient(system, `Bearer ${tokens.accessToken}`);
}

/** The journal line of `entryId` on the ledger account `ledgerAccountId`. */
async function bankLine(client: GatewayClient, entryId: string, ledgerAccountId: string): Promise<string> {
  const entry = expectStatus(await client.get(`/finance/journal-entries/${entryId}`), 200, "journal entry");
  return (entry.lines as { id: string; accountId: string }[]).find((line) => line.accountId === ledgerAccountId)!.id;
}

it("a month of activity ends with balanced books: trial balance, balance sheet, bank = statement, inventory = stock valuation, receivable and payable = agings", async () => {
  const owner = await proOrganization(system, "Month Ltd");
  const csv = gatewayClient(system, owner.authorization);
  const [sales, otherIncome, officeSupplies, travel, professionalFees, bankCharges] = await Promise.all(
    ["4100", "4900", "6400", "6500", "6600", "6700"].map((code) => accountId(owner, code)),
  );
  const salesTax = expectStatus(await owner.post("/finance/tax-rates", { name: "Sales tax 20%", rate: "20", appliesTo: "sales" }), 201, "sales tax");
  const inputTax20 = expectStatus(await owner.post("/finance/tax-rates", { name: "Input tax 20%", rate: "20", appliesTo: "purchase" }), 201, "input tax 20%");
  const inputTax10 = expectStatus(await owner.post("/finance/tax-rates", { name: "Input tax 10%", rate: "10", appliesTo: "purchase" }), 201, "input tax 10%");

  // Day 1: the operating account opens with 10,000.00 (against opening balance equity); a savings account with nothing.
  const operating = expectStatus(
    await owner.post("/finance/bank-accounts", { name: "Operating account", bankName: "First Bank", openingBalance: "10000.00", openingDate: day(1) }),
    201,
    "operating account",
  );
  const savings = expectStatus(await owner.post("/finance/bank-accounts", { name: "Savings account", bankName: "First Bank" }), 201, "savings account");
  const bank = operating.accountId as string;

  // Two suppliers, a customer, a stock item and its warehouse in master-data.
  const customer = expectStatus(await owner.post("/master-data/customers", { legalName: "Initech LLC", code: "INITECH", paymentTermsDays: 30 }), 201, "customer").id as string;
  const supplier = expectStatus(await owner.post("/master-data/suppliers", { legalName: "Screws AG", code: "SCREWS", paymentTermsDays: 30 }), 201, "supplier").id as string;
  const consultant = expectStatus(await owner.post("/master-data/suppliers", { legalName: "Audit & Co", code: "AUDIT", paymentTermsDays: 30 }), 201, "consultant").id as string;
  let productId: string | undefined;
  await waitFor(
    async () => {
      const res = await owner.post("/master-data/products", { sku: "SCR-4X40", name: "Screws 4x40", type: "stock_item", purchaseCost: "5.0000" });
      if (res.status === 201) productId = res.body.data.id;
      return res.status === 201;
    },
    { intervalMs: 200, what: "the stock item created (master-data knows the base currency)", timeoutMs: 60_000 },
  );
  const warehouse = expectStatus(await owner.post("/master-data/warehouses", { code: "MAIN", name: "Main warehouse" }), 201, "warehouse").id as string;

  // Day 2: 10 received at 5.00 (inventory 50.00 / goods received not invoiced 50.00).
  expectStatus(await owner.post("/master-data/stock/receipts", { productId, warehouseId: warehouse, quantity: "10", unitCost: "5.00" }), 201, "first receipt");

  // Day 3: 1,000.00 to savings with a 5.00 fee (the operating account loses 1,005.00).
  const transfer = expectStatus(
    await owner.post("/finance/bank-transfers", { fromBankAccountId: operating.id, toBankAccountId: savings.id, transferDate: day(3), amount: "1000.00", fee: { amount: "5.00" } }),
    201,
    "transfer",
  );

  // Day 5: office supplies, 120.00 with 20% input tax included (net 100.00, tax 20.00).
  const expense = expectStatus(
    await owner.post("/finance/expenses", { date: day(5), counterparty: "Paper Ltd", accountId: officeSupplies, amount: "120.00", taxRateId: inputTax20.id, bankAccountId: bank }),
    201,
    "expense",
  );
  expect(expense).toMatchObject({ netAmount: "100.00", taxAmount: "20.00", amount: "120.00" });

  // Day 6: 80.00 of other revenue (interest), no tax.
  const revenue = expectStatus(await owner.post("/finance/revenue", { date: day(6), counterparty: "First Bank", accountId: otherIncome, amount: "80.00", bankAccountId: bank }), 201, "revenue");

  // Day 8: the supplier bills the 10 received (10 × 5.00 = 50.00, clearing goods received not invoiced); paid the same day.
  const stockBill = await createdOnceKnown(
    owner,
    "/finance/bills",
    { supplierId: supplier, issueDate: day(8), supplierInvoiceNumber: "SA-1", lines: [{ productId, quantity: "10" }] },
    "the stock bill drafted",
  );
  expect(stockBill.total).toBe("50.00");
  expectStatus(await owner.post(`/finance/bills/${stockBill.id as string}/approve`), 200, "approve the stock bill");
  const billPayment = expectStatus(
    await owner.post("/finance/payments", {
      direction: "made",
      partyId: supplier,
      paymentDate: day(8),
      amount: "50.00",
      accountId: bank,
      allocations: [{ documentId: stockBill.id, amount: "50.00" }],
    }),
    201,
    "pay the stock bill",
  );

  // Day 9: an audit billed 200.00 + 10% input tax = 220.00, left unpaid.
  const auditBill = await createdOnceKnown(
    owner,
    "/finance/bills",
    { supplierId: consultant, issueDate: day(9), supplierInvoiceNumber: "AC-77", lines: [{ description: "Audit", quantity: "1", unitPrice: "200.00", accountId: professionalFees, taxRateId: inputTax10.id }] },
    "the audit bill drafted",
  );
  expect(auditBill.total).toBe("220.00");
  expectStatus(await owner.post(`/finance/bills/${auditBill.id as string}/approve`), 200, "approve the audit bill");

  // Day 10: 10 more received at 7.00 (not billed yet: goods received not invoiced 70.00); the average cost is now 6.00.
  expectStatus(await owner.post("/master-data/stock/receipts", { productId, warehouseId: warehouse, quantity: "10", unitCost: "7.00" }), 201, "second receipt");

  // Day 10: sold 2 × 150.00 + 20% sales tax = 360.00, paid on day 12; 5 screws issued at 6.00 (cost of goods sold 30.00).
  const invoice = await createdOnceKnown(
    owner,
    "/finance/invoices",
    { customerId: customer, issueDate: day(10), lines: [{ description: "Assembly kits", quantity: "2", unitPrice: "150.00", accountId: sales, taxRateId: salesTax.id }] },
    "the invoice drafted",
  );
  expect(expectStatus(await owner.post(`/finance/invoices/${invoice.id as string}/issue`), 200, "issue the invoice")).toMatchObject({ total: "360.00", taxTotal: "60.00" });
  // Printed with the letterhead the owner keeps in the tenant's settings (finance asks the tenant service).
  const address = { line1: "Month Street 1", city: "Leeds", postalCode: "LS1 4AP", country: "GB" };
  expectStatus(await owner.patch("/tenant/settings", { address, taxId: "GB123456789" }), 200, "the organization's address");
  const printed = await getBytes(system, owner.authorization, `/finance/invoices/${invoice.id as string}/pdf`);
  expect([printed.status, printed.headers["content-type"]]).toEqual([200, "application/pdf"]);
  const printedText = await pdfText(printed.body as Buffer);
  for (const shown of ["Month Ltd", "Month Street 1", "LS1 4AP Leeds", "GB", "Tax id: GB123456789", "360.00"]) expect(printedText).toContain(shown);
  expectStatus(await owner.post("/master-data/stock/issues", { productId, warehouseId: warehouse, quantity: "5" }), 201, "issue");
  const receipt = expectStatus(
    await owner.post("/finance/payments", {
      direction: "received",
      partyId: customer,
      paymentDate: day(12),
      amount: "360.00",
      accountId: bank,
      allocations: [{ documentId: invoice.id, amount: "360.00" }],
    }),
    201,
    "the customer pays",
  );

  // Day 14: a second sale, 100.00 without tax, left open.
  const open = expectStatus(
    await owner.post("/finance/invoices", { customerId: customer, issueDate: day(14), lines: [{ description: "Support", quantity: "1", unitPrice: "100.00", accountId: sales }] }),
    201,
    "second invoice",
  );
  expectStatus(await owner.post(`/finance/invoices/${open.id as string}/issue`), 200, "issue the second invoice");

  // Day 15: an employee (an invited member) claims a 42.00 train ticket with 20% tax included (net 35.00, tax 7.00); the owner approves it and pays it on day 16.
  const employee = await invitedMember(owner);
  const claim = expectStatus(
    await employee.post("/finance/reimbursements", {
      date: day(15),
      description: "Client visit",
      lines: [{ date: day(15), accountId: travel, amount: "42.00", taxRateId: inputTax20.id, description: "Train ticket" }],
    }),
    201,
    "claim",
  );
  expectStatus(await employee.post(`/finance/reimbursements/${claim.id as string}/submit`), 200, "submit the claim");
  const ownApproval = await employee.post(`/finance/reimbursements/${claim.id as string}/approve`, { date: day(15) });
  expect(ownApproval.status).toBe(403);
  expectStatus(await owner.post(`/finance/reimbursements/${claim.id as string}/approve`, { date: day(15) }), 200, "approve the claim");
  const paidClaim = expectStatus(await owner.post(`/finance/reimbursements/${claim.id as string}/pay`, { bankAccountId: bank, date: day(16) }), 200, "pay the claim");
  expect(paidClaim).toMatchObject({ status: "paid", total: "42.00" });

  // The bank's statement: every movement after the opening, and a 3.50 bank fee the books do not have yet.
  // 10,000.00 − 1,005.00 − 120.00 + 80.00 − 50.00 + 360.00 − 42.00 − 3.50 = 9,219.50.
  const statementCsv = [
    "date,description,amount,reference",
    `${day(3)},To savings,-1005.00,TRF-1`,
    `${day(5)},Paper Ltd,-120.00,CARD-5512`,
    `${day(6)},Interest,80.00,INT-11`,
    `${day(8)},Screws AG,-50.00,SEPA-0801`,
    `${day(12)},Initech LLC,360.00,SEPA-1202`,
    `${day(16)},Erin Employee,-42.00,SEPA-1603`,
    `${day(17)},Account fee,-3.50,FEE-11`,
  ].join("\n");
  const imported = await csv.postCsv(`/finance/bank-accounts/${operating.id as string}/statements?openingBalance=10000.00&closingBalance=9219.50&fileName=month.csv`, statementCsv);
  const statement = expectStatus(imported, 201, "import the statement").statement as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(statement).toMatchObject({ openingBalance: "10000.00", closingBalance: "9219.50", reconciledBalance: "10000.00" });
  const lineIds = (statement.lines as { id: string }[]).map((line) => line.id);

  // The proposals: each line with the movement it is (the fee: nothing), confirmed as proposed.
  const expected = await Promise.all([
    bankLine(owner, transfer.journalEntryId as string, bank),
    bankLine(owner, expense.journalEntryId as string, bank),
    bankLine(owner, revenue.journalEntryId as string, bank),
    bankLine(owner, billPayment.journalEntryId as string, bank),
    bankLine(owner, receipt.journalEntryId as string, bank),
    bankLine(owner, paidClaim.paymentEntryId as string, bank),
  ]);
  const proposals = expectStatus(await owner.get(`/finance/bank-accounts/${operating.id as string}/reconciliation`), 200, "proposals");
  const proposed = (proposals.lines as { statementLine: { id: string }; proposed: string | null }[]).map((line) => [line.statementLine.id, line.proposed]);
  expect(proposed).toEqual([...expected.map((journalLineId, index) => [lineIds[index], journalLineId]), [lineIds[6], null]]);
  const confirmed = expectStatus(
    await owner.post(`/finance/bank-accounts/${operating.id as string}/reconciliation`, {
      matches: expected.map((journalLineId, index) => ({ statementLineId: lineIds[index], journalLineId })),
    }),
    200,
    "confirm the matches",
  );
  expect(confirmed.matches).toHaveLength(6);
  const again = await owner.post(`/finance/bank-accounts/${operating.id as string}/reconciliation`, { matches: [{ statementLineId: lineIds[0], journalLineId: expected[0] }] });
  expect([again.status, again.body.error?.code]).toEqual([409, "ALREADY_MATCHED"]);
  const fee = expectStatus(
    await owner.post(`/finance/bank-accounts/${operating.id as string}/statement-lines/${lineIds[6]!}/expense`, { accountId: bankCharges }),
    201,
    "the fee line as an expense",
  );
  expect(fee.transaction).toMatchObject({ kind: "expense", amount: "3.50", reference: "FEE-11" });
  expect(expectStatus(await owner.get(`/finance/bank-accounts/${operating.id as string}/reconciliation`), 200, "nothing left").lines).toEqual([]);

  // Month end. Finance posts master-data's movements from their events: wait until the inventory shows all three.
  const valuation = async () => {
    const totals = expectStatus(await owner.get("/master-data/stock/valuation"), 200, "valuation").totals as { currency: string; value: string }[];
    return totals.length === 1 ? totals[0]!.value : JSON.stringify(totals);
  };
  const trialBalance = async () => expectStatus(await owner.get(`/finance/reports/trial-balance?asOf=${today}`), 200, "trial balance");
  const closing = (trial: Record<string, any>, code: string) => (trial.rows as { code: string; closing: string }[]).find((row) => row.code === code)?.closing ?? "0.00"; // eslint-disable-line @typescript-eslint/no-explicit-any
  let trial: Record<string, any> = {}; // eslint-disable-line @typescript-eslint/no-explicit-any
  await waitFor(
    async () => {
      trial = await trialBalance();
      return closing(trial, "1300") === "90.00" && closing(trial, "5100") === "30.00";
    },
    { intervalMs: 300, what: "finance to post the stock movements", timeoutMs: 60_000 },
  );

  const sheet = expectStatus(await owner.get(`/finance/reports/balance-sheet?asOf=${today}`), 200, "balance sheet");
  const receivables = expectStatus(await owner.get(`/finance/reports/aging?type=receivable&asOf=${today}`), 200, "receivables aging");
  const payables = expectStatus(await owner.get(`/finance/reports/aging?type=payable&asOf=${today}`), 200, "payables aging");
  const operatingNow = expectStatus(await owner.get(`/finance/bank-accounts/${operating.id as string}`), 200, "operating account");
  const savingsNow = expectStatus(await owner.get(`/finance/bank-accounts/${savings.id as string}`), 200, "savings account");
  const statementNow = expectStatus(await owner.get(`/finance/bank-accounts/${operating.id as string}/statements/${statement.id as string}`), 200, "statement");

  expect({
    trialBalance: { debit: trial.totals.closingDebit, credit: trial.totals.closingCredit },
    balanceSheet: { assets: sheet.totals.assets, liabilitiesAndEquity: sheet.totals.liabilitiesAndEquity },
    operating: { ledger: operatingNow.balance.amount, statementClosing: statementNow.closingBalance, reconciled: statementNow.reconciledBalance },
    savings: savingsNow.balance.amount,
    inventory: { ledger: closing(trial, "1300"), valuation: await valuation() },
    receivable: { ledger: closing(trial, "1200"), aging: receivables.totals.total },
    payable: { ledger: closing(trial, "2110"), aging: payables.totals.total },
  }).toEqual({
    // Debit balances: banks 9,219.50 + 1,000.00, receivable 100.00, inventory 90.00, input tax 20.00 + 20.00 + 7.00, cost of
    // goods sold 30.00, office supplies 100.00, professional fees 200.00, travel 35.00, bank charges 5.00 + 3.50 = 10,830.00.
    trialBalance: { debit: "10830.00", credit: "10830.00" },
    // Assets 9,219.50 + 1,000.00 + 100.00 + 90.00 + 47.00 = 10,456.50 = liabilities 220.00 + 70.00 + 60.00 + equity 10,000.00 + profit 106.50.
    balanceSheet: { assets: "10456.50", liabilitiesAndEquity: "10456.50" },
    operating: { ledger: "9219.50", statementClosing: "9219.50", reconciled: "9219.50" },
    savings: "1000.00",
    inventory: { ledger: "90.00", valuation: "90.00" },
    receivable: { ledger: "100.00", aging: "100.00" },
    payable: { ledger: "-220.00", aging: "220.00" },
  });
  // The rest of the books, account by account (credit balances negative).
  expect(Object.fromEntries(["1400", "2120", "2200", "2400", "3300", "4100", "4900", "5100", "6400", "6500", "6600", "6700"].map((code) => [code, closing(trial, code)]))).toEqual({
    "1400": "47.00",
    "2120": "-70.00",
    "2200": "-60.00",
    "2400": "0.00",
    "3300": "-10000.00",
    "4100": "-400.00",
    "4900": "-80.00",
    "5100": "30.00",
    "6400": "100.00",
    "6500": "35.00",
    "6600": "200.00",
    "6700": "8.50",
  });
}, 300_000);
