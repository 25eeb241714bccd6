// The invoice scenario of `pnpm bench` (7e): issuing a customer invoice of ten lines through the
// gateway (number, entry, event in one transaction), each request issuing the next of many drafts
// made beforehand, as the posting scenario (7c) does with journal drafts. The customer is created
// in master-data through the gateway and reaches finance by its event; one draft is made through
// the API and copied in SQL (as the owner) so that every draft is exactly what the API makes.
import pg from "pg";

/** The invoice scenarios' keys; `--only finance` runs them with the ledger's. */
export const FINANCE_DOCUMENT_SCENARIOS = ["finance-issue-invoice"] as const;

/** Lines of each bench invoice. */
const LINES = 10;

async function call(gatewayUrl: string, headers: Record<string, string>, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${gatewayUrl}/api/v1${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return (JSON.parse(text) as { data: Record<string, unknown> }).data;
}

/** The ten lines: quantities 1..10, prices with cents, a tax rate on every other line, a discount on every third. */
export function invoiceLines(taxRateId: string): object[] {
  return Array.from({ length: LINES }, (_, i) => ({
    description: `Bench item ${i + 1}`,
    quantity: String(i + 1),
    unitPrice: (12.35 * (i + 1)).toFixed(2),
    ...(i % 2 === 0 && { taxRateId }),
    ...(i % 3 === 0 && { discountPercent: "5" }),
  }));
}

/**
 * A customer (created in master-data, waited for in finance's read model), a sales tax rate, and
 * `count` invoice drafts of ten lines dated `date`: the first through the API, the others copied
 * from it. Returns the drafts' ids.
 */
export async function prepareInvoiceDrafts(
  gatewayUrl: string,
  databaseUrl: string,
  headers: Record<string, string>,
  options: { count: number; date: string },
): Promise<string[]> {
  const customer = await call(gatewayUrl, headers, "POST", "/master-data/customers", { code: "BENCH-INV", legalName: "Bench Customer Ltd", paymentTermsDays: 30 });
  const customerId = customer.id as string;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await fetch(`${gatewayUrl}/api/v1/finance/customers/${customerId}/statement?from=${options.date}&to=${options.date}`, { headers });
    if (res.status === 200) break;
    if (Date.now() > deadline) throw new Error(`finance did not hear of the bench customer within 60 s (statement answered ${res.status})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const taxRate = await call(gatewayUrl, headers, "POST", "/finance/tax-rates", { name: "Bench VAT 20%", rate: "20", appliesTo: "sales" });
  const template = await call(gatewayUrl, headers, "POST", "/finance/invoices", { customerId, issueDate: options.date, lines: invoiceLines(taxRate.id as string) });

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(`CREATE TEMP TABLE bench_invoice_drafts ON COMMIT DROP AS SELECT gen_random_uuid() AS id, n FROM generate_series(1, $1) AS n`, [
      options.count - 1,
    ]);
    // Every column of the template, but its id (and the lines' ids and document): whatever the API stores, the copies hold.
    await client.query(
      `INSERT INTO finance.documents
       SELECT (jsonb_populate_record(t, jsonb_build_object('id', d.id))).* FROM finance.documents t, bench_invoice_drafts d WHERE t.id = $1`,
      [template.id],
    );
    await client.query(
      `INSERT INTO finance.document_lines
       SELECT (jsonb_populate_record(l, jsonb_build_object('id', gen_random_uuid(), 'document_id', d.id))).*
       FROM finance.document_lines l, bench_invoice_drafts d WHERE l.document_id = $1`,
      [template.id],
    );
    const { rows } = await client.query<{ id: string }>("SELECT id::text FROM bench_invoice_drafts ORDER BY n");
    await client.query("COMMIT");
    return [template.id as string, ...rows.map((row) => row.id)];
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** The scenario: each request issues the next draft (past the last one the answers would be 409s, counted as errors). */
export function issueInvoiceScenario(gatewayUrl: string, headers: Record<string, string>, drafts: string[]) {
  let next = 0;
  return {
    key: "finance-issue-invoice",
    title: `7e. issuing an invoice of ${LINES} lines through the gateway (POST invoices/{id}/issue: number, entry, event), invoices/s`,
    process: "finance",
    spec: {
      url: `${gatewayUrl}/api/v1/finance`,
      method: "POST" as const,
      headers,
      path: () => `/api/v1/finance/invoices/${drafts[next++] ?? drafts.at(-1)}/issue`,
    },
  };
}

export interface InvoiceNumbering {
  issued: number;
  gapFree: boolean;
}

/** INV numbers 1..n in every fiscal year, each once, after the scenario. */
export async function checkInvoiceNumbers(databaseUrl: string, organizationId: string): Promise<InvoiceNumbering> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ issued: string; distinct: string; highest: number; lowest: number }>(
      `SELECT count(*) AS issued, count(DISTINCT sequence) AS distinct, max(sequence) AS highest, min(sequence) AS lowest
       FROM finance.documents WHERE organization_id = $1 AND kind = 'invoice' AND number IS NOT NULL GROUP BY fiscal_year`,
      [organizationId],
    );
    return {
      issued: rows.reduce((sum, row) => sum + Number(row.issued), 0),
      gapFree: rows.every((row) => row.lowest === 1 && Number(row.issued) === row.highest && Number(row.distinct) === row.highest),
    };
  } finally {
    await client.end();
  }
}
