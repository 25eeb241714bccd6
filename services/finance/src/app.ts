/** The finance service's Express app, without listening (tests drive it through supertest). */
import type { IdempotencyStore } from "@erp/http-kit";
import { createServiceAppFor, type ServiceAppDependencies } from "@erp/service-kit";
import type { FinanceDb } from "./db";
import { registerAccountRoutes } from "./modules/accounts/account.routes";
import { registerBankAccountRoutes } from "./modules/bank-accounts/bank-account.routes";
import { registerStatementRoutes } from "./modules/bank-statements/statement.routes";
import { registerBankTransferRoutes } from "./modules/bank-transfers/bank-transfer.routes";
import { registerCreditNoteRoutes } from "./modules/credit-notes/credit-note.routes";
import { registerDocumentRoutes } from "./modules/documents/document.routes";
import { registerCashTransactionRoutes } from "./modules/expenses/cash-transaction.routes";
import { registerExchangeRateRoutes } from "./modules/exchange-rates/exchange-rate.routes";
import { registerInvoicePdfRoutes } from "./modules/invoice-pdf/invoice-pdf.routes";
import { registerJournalRoutes } from "./modules/journal/journal.routes";
import { createPostingBatcher } from "./modules/journal/posting-batcher";
import { createLedgerSetup } from "./modules/ledger/ledger-setup";
import type { Ledger } from "./modules/ledger/ledger-transaction";
import type { OrganizationDirectory } from "./modules/ledger/organization-directory";
import { registerPaymentRoutes } from "./modules/payments/payment.routes";
import { registerPeriodRoutes } from "./modules/periods/period.routes";
import { registerReceivablesRoutes } from "./modules/receivables/receivables.routes";
import { registerReimbursementRoutes } from "./modules/reimbursements/reimbursement.routes";
import { registerReportRoutes } from "./modules/reports/report.routes";
import { registerTaxRateRoutes } from "./modules/tax-rates/tax-rate.routes";

export interface AppDependencies extends ServiceAppDependencies<FinanceDb> {
  /** Where an organization finance has not heard of is looked up (the tenant service). */
  directory: OrganizationDirectory;
  /** Where Idempotency-Keys are kept (service-kit's `context.idempotency`): issuing, approving, crediting and paying take one. */
  idempotency: IdempotencyStore;
}

export function createApp(deps: AppDependencies) {
  const { db, directory } = deps;
  const service = createServiceAppFor(deps, { title: "Finance service", version: "1.0.0", idempotency: deps.idempotency });
  const ledger: Ledger = { db, setup: createLedgerSetup(db, directory), batcher: createPostingBatcher(db) };

  registerAccountRoutes(service.route, ledger);
  registerJournalRoutes(service.route, ledger);
  registerExchangeRateRoutes(service.route, ledger);
  registerPeriodRoutes(service.route, ledger);
  registerReportRoutes(service.route, ledger);
  registerTaxRateRoutes(service.route, ledger);
  registerDocumentRoutes(service.route, ledger);
  registerPaymentRoutes(service.route, ledger);
  registerReceivablesRoutes(service.route, ledger);
  registerInvoicePdfRoutes(service.route, ledger, directory);
  registerCreditNoteRoutes(service.route, ledger, directory);
  registerBankAccountRoutes(service.route, ledger);
  registerBankTransferRoutes(service.route, ledger);
  registerStatementRoutes(service.route, ledger);
  registerCashTransactionRoutes(service.route, ledger);
  registerReimbursementRoutes(service.route, ledger);
  service.finalize();
  return { ...service, ledger };
}
