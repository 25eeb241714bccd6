import { definePermissions } from "../define";

/**
 * The general ledger's permissions. Designing the chart and locking periods are the controller's
 * (admin); moving a lock date back is the owner's alone, and is recorded with a reason.
 */
export const financePermissions = definePermissions("finance", {
  accountRead: { key: "finance.account.read", level: "read", description: "See the chart of accounts and export it" },
  accountManage: {
    key: "finance.account.manage",
    level: "admin",
    description: "Create, change, move, archive, delete and import accounts",
  },
  entryRead: { key: "finance.journal_entry.read", level: "read", description: "See journal entries, drafts and posted" },
  entryCreate: { key: "finance.journal_entry.create", level: "write", description: "Create, edit and delete draft journal entries" },
  entryPost: { key: "finance.journal_entry.post", level: "write", description: "Post draft journal entries to the ledger" },
  entryReverse: { key: "finance.journal_entry.reverse", level: "write", description: "Reverse posted journal entries" },
  exchangeRateRead: { key: "finance.exchange_rate.read", level: "read", description: "See exchange rates" },
  exchangeRateManage: { key: "finance.exchange_rate.manage", level: "write", description: "Record, change and delete exchange rates" },
  periodRead: { key: "finance.period.read", level: "read", description: "See the lock date, its history and closed fiscal years" },
  periodLock: { key: "finance.period.lock", level: "admin", description: "Move the lock date forward" },
  periodUnlock: { key: "finance.period.unlock", level: "owner", description: "Move the lock date back (with a reason, recorded)" },
  fiscalYearClose: { key: "finance.fiscal_year.close", level: "admin", description: "Close a fiscal year into retained earnings" },
  reportRead: { key: "finance.report.read", level: "read", description: "See financial reports and the ledger's integrity check" },
  taxRateRead: { key: "finance.tax_rate.read", level: "read", description: "See tax rates" },
  taxRateManage: { key: "finance.tax_rate.manage", level: "admin", description: "Create, change, archive, restore and delete tax rates" },
  invoiceRead: { key: "finance.invoice.read", level: "read", description: "See customer invoices and credit notes, and print them" },
  invoiceManage: { key: "finance.invoice.manage", level: "write", description: "Create, edit and delete draft invoices" },
  invoiceIssue: { key: "finance.invoice.issue", level: "write", description: "Issue invoices (numbered and posted) and credit notes" },
  invoiceVoid: { key: "finance.invoice.void", level: "admin", description: "Void issued invoices with nothing allocated to them" },
  billRead: { key: "finance.bill.read", level: "read", description: "See supplier bills" },
  billManage: { key: "finance.bill.manage", level: "write", description: "Create, edit and delete draft bills" },
  billApprove: { key: "finance.bill.approve", level: "admin", description: "Approve bills (numbered and posted)" },
  billVoid: { key: "finance.bill.void", level: "admin", description: "Void approved bills with nothing allocated to them" },
  paymentRead: { key: "finance.payment.read", level: "read", description: "See payments and their allocations" },
  paymentRecord: {
    key: "finance.payment.record",
    level: "write",
    description: "Record payments received and made, and allocate payments and credit notes to documents",
  },
  paymentVoid: { key: "finance.payment.void", level: "admin", description: "Void payments (their entry and allocations reversed)" },
  bankAccountRead: { key: "finance.bank_account.read", level: "read", description: "See bank accounts (numbers masked), their balances, transfers and statements" },
  bankAccountManage: { key: "finance.bank_account.manage", level: "admin", description: "Create, rename and archive bank accounts (with their ledger account and opening balance)" },
  bankAccountNumberRead: { key: "finance.bank_account.read_number", level: "admin", description: "See bank account numbers and IBANs unmasked" },
  bankTransferRecord: { key: "finance.bank_transfer.record", level: "write", description: "Record transfers between bank accounts" },
  bankReconcile: { key: "finance.bank_statement.reconcile", level: "write", description: "Import bank statements and reconcile their lines with the ledger" },
  expenseRead: { key: "finance.expense.read", level: "read", description: "See expenses (money paid out that is not a supplier bill)" },
  expenseRecord: { key: "finance.expense.record", level: "write", description: "Record expenses (numbered and posted)" },
  expenseVoid: { key: "finance.expense.void", level: "admin", description: "Void expenses (their entry reversed)" },
  revenueRead: { key: "finance.revenue.read", level: "read", description: "See other revenue (money received that is not a customer invoice's)" },
  revenueRecord: { key: "finance.revenue.record", level: "write", description: "Record other revenue (numbered and posted)" },
  revenueVoid: { key: "finance.revenue.void", level: "admin", description: "Void other revenue (its entry reversed)" },
});
