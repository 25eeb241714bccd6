/** A bank account's statements, with their lines and how far they are reconciled. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { bankAccountRepository } from "../bank-accounts/bank-account.repository";
import { statementRepository } from "./statement.repository";
import type { StatementDto } from "./statement.schemas";
import { toStatementDto } from "./statement-dto";

/** @throws AppError 404 NOT_FOUND (the bank account or the statement) */
export async function getStatement(tx: Tx, scope: Scope, input: { id: string; statementId: string }): Promise<StatementDto> {
  const bank = await bankAccountRepository(tx).find(scope.organizationId, input.id);
  if (!bank) throw notFound("Bank account");
  const statement = await statementRepository(tx).findStatement(scope.organizationId, bank.id, input.statementId);
  if (!statement) throw notFound("Bank statement");
  return toStatementDto(statement, bank.currency);
}

/** Newest first. @throws AppError 404 NOT_FOUND */
export async function listStatements(tx: Tx, scope: Scope, input: { id: string }): Promise<StatementDto[]> {
  const bank = await bankAccountRepository(tx).find(scope.organizationId, input.id);
  if (!bank) throw notFound("Bank account");
  return (await statementRepository(tx).listStatements(scope.organizationId, bank.id)).map((statement) => toStatementDto(statement, bank.currency));
}
