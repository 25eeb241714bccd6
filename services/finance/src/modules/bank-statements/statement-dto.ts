/** A statement (stored, or what a dry run would store) as the API shows it. */
import { Decimal, formatMoney } from "@erp/money";
import type { StatementDto, StatementLineDto } from "./statement.schemas";

const day = (date: Date) => date.toISOString().slice(0, 10);

export interface StatementLineData {
  id: string | null;
  lineNumber: number;
  lineDate: Date;
  description: string;
  amount: Decimal | { toString(): string };
  reference: string | null;
  journalLineId: string | null;
  matchedAt: Date | null;
}

export interface StatementData {
  id: string | null;
  bankAccountId: string;
  fromDate: Date;
  toDate: Date;
  openingBalance: Decimal | { toString(): string };
  closingBalance: Decimal | { toString(): string };
  fileName: string | null;
  lines: StatementLineData[];
}

export function toStatementLineDto(line: StatementLineData & { id: string }, currency: string): StatementLineDto {
  return {
    id: line.id,
    lineNumber: line.lineNumber,
    date: day(line.lineDate),
    description: line.description,
    amount: formatMoney(new Decimal(line.amount.toString()), currency),
    reference: line.reference,
    journalLineId: line.journalLineId,
    matchedAt: line.matchedAt?.toISOString() ?? null,
  };
}

export function toStatementDto(statement: StatementData, currency: string): StatementDto {
  const opening = new Decimal(statement.openingBalance.toString());
  const reconciled = statement.lines.filter((line) => line.journalLineId !== null).reduce((sum, line) => sum.plus(line.amount.toString()), opening);
  return {
    id: statement.id,
    bankAccountId: statement.bankAccountId,
    currency,
    fromDate: day(statement.fromDate),
    toDate: day(statement.toDate),
    openingBalance: formatMoney(opening, currency),
    closingBalance: formatMoney(new Decimal(statement.closingBalance.toString()), currency),
    reconciledBalance: formatMoney(reconciled, currency),
    fileName: statement.fileName,
    lines: statement.lines.map((line) => ({ ...toStatementLineDto({ ...line, id: line.id ?? "" }, currency), id: line.id })),
  };
}
