// `pnpm bench [--quick] [--out <file>]`: starts the system as the launcher does (embedded
// PostgreSQL in a fresh data dir, migrations, every service in its own process, the gateway), on
// ports of its own so a running `npm start` is not disturbed; seeds one organization through the
// gateway; then loads each layer in turn with the same connections and duration, so the figures
// compare as ratios: floor (pg only) → Prisma → tenant scoping → service → gateway → write → login.
// `--cpu-prof` leaves a CPU profile per process in .data/bench-profiles.
// `--only search-list,search-q` runs just those scenarios (their table goes to .data/benchmarks-only.md).
// `--only finance` runs the finance scenarios (a ledger of 1,000,000 posted lines, and issuing invoices); their block of
// docs/benchmarks.md (or of --out's file) is rewritten whenever they run.
// `--only crm` runs the CRM scenarios (a contacts page and a contact's creation through the gateway).
// The table is printed and written to docs/benchmarks.md (--quick: .data/benchmarks-quick.md).
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import pg from "pg";
import { APP_ROLE } from "@erp/db";
import { migrateAll } from "../migrate";
import {
  assertPortsFree,
  discoverServices,
  portFromEnv,
  ROOT,
  ServiceProcesses,
  sharedEnv,
  sleep,
  startEmbeddedPostgres,
  stopChild,
  type Service,
} from "../dev/system";
import {
  checkNumbering,
  BATCH_ENTRIES,
  batchPostBody,
  createAndPostBody,
  createDrafts,
  enableFinance,
  FINANCE_LINES,
  FINANCE_SCENARIOS,
  mergeFinanceBlock,
  postedEntries,
  renderFinanceTargets,
  seedLedger,
} from "./finance";
import { contactBody, CRM_CONTACTS, CRM_SCENARIOS, enableCrm, seedContacts } from "./crm";
import { checkInvoiceNumbers, FINANCE_DOCUMENT_SCENARIOS, issueInvoiceScenario, prepareInvoiceDrafts } from "./finance-documents";
import { runLoad, type LoadSpec } from "./load";
import { CpuWitness, RssMonitor } from "./processes";
import { mergeIntoDocument, renderReport, renderScenarioTable, type ScenarioResult } from "./report";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const onlyIndex = args.indexOf("--only");
/** Scenario keys to run, when not all. */
const only = onlyIndex !== -1 ? new Set((args[onlyIndex + 1] ?? "").split(",").filter(Boolean)) : undefined;
if (only?.has("finance")) [...FINANCE_SCENARIOS, ...FINANCE_DOCUMENT_SCENARIOS].forEach((key) => only.add(key));
if (only?.has("crm")) CRM_SCENARIOS.forEach((key) => only.add(key));
const outIndex = args.indexOf("--out");
const defaultOut = only ? ".data/benchmarks-only.md" : quick ? ".data/benchmarks-quick.md" : "docs/benchmarks.md";
const outFile = resolve(outIndex !== -1 && args[outIndex + 1] ? args[outIndex + 1]! : join(ROOT, defaultOut));
/** Where the finance block goes: the docs in a full run, beside the quick report in a quick one, or --out. */
const financeOutFile = resolve(outIndex !== -1 && args[outIndex + 1] ? args[outIndex + 1]! : join(ROOT, quick ? ".data/benchmarks-quick.md" : "docs/benchmarks.md"));

/** `--cpu-prof`: every service and the floor write a CPU profile there when they stop. */
const PROFILE_DIR = args.includes("--cpu-prof") ? join(ROOT, ".data", "bench-profiles") : undefined;
const PROFILE_OPTIONS = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];

const CONNECTIONS = 10;
const DURATION_S = quick ? 2 : 10;
const WARMUP_S = quick ? 0.5 : 3;
/** Default ports + this, so the bench runs beside `npm start` (gateway 28080, tenant 23001, ...), below Linux's ephemeral ports. */
const PORT_OFFSET = portFromEnv("BENCH_PORT_OFFSET", 20_000);
const PG_PORT = 5433 + PORT_OFFSET;
const FLOOR_PORT = 8090 + PORT_OFFSET;
const DATA_DIR = resolve(process.env.BENCH_DATA_DIR ?? join(ROOT, ".data", "bench-pg"));
const LOG_DIR = join(dirname(DATA_DIR), `${DATA_DIR.split("/").pop()}-logs`);
const PASSWORD = "bench-password-1";

const say = (message: string) => console.log(`[bench] ${message}`);

let stopDatabase: (() => Promise<void>) | undefined;
let processes: ServiceProcesses | undefined;
let floor: ChildProcess | undefined;
let failure: Error | undefined;

/**
 * Each process writes its output straight into a file. Through a pipe the bench would have to
 * drain ten thousand log lines a second while generating load, and a service blocks on a full
 * pipe (stdout to a pipe is synchronous on Linux), which the figures would then include.
 */
function logFile(name: string): ["ignore", number, number] {
  const fd = openSync(join(LOG_DIR, `${name}.log`), "a");
  return ["ignore", fd, fd];
}

async function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${text}`);
  return (JSON.parse(text) as { data: Record<string, unknown> }).data;
}

/** One organization with its owner, registered and logged in through the gateway like a client. */
async function seed(gatewayUrl: string) {
  let email = "";
  let registered: Record<string, unknown> | undefined;
  // The first registration goes through services whose code is not warm yet: on a busy machine it
  // can run past the gateway's upstream timeout (504), so it is tried again, as a new owner.
  for (let attempt = 1; !registered; attempt++) {
    email = `bench-${randomUUID()}@example.com`;
    try {
      registered = await postJson(`${gatewayUrl}/api/v1/auth/register`, { organizationName: "Bench Org", name: "Bench Owner", email, password: PASSWORD });
    } catch (error) {
      if (attempt === 3) throw error;
      say(`registration failed (${error instanceof Error ? error.message : String(error)}), trying again`);
    }
  }
  const organizationId = (registered.organization as { id: string }).id;
  const session = await postJson(`${gatewayUrl}/api/v1/auth/login`, { email, password: PASSWORD });
  return { email, organizationId, accessToken: (session.tokens as { accessToken: string }).accessToken };
}

function startFloor(databaseUrl: string, organizationId: string): ChildProcess {
  const child = spawn(process.execPath, [...PROFILE_OPTIONS, "--import", "tsx", join(__dirname, "floor-server.ts")], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, FLOOR_PORT: String(FLOOR_PORT), ORGANIZATION_ID: organizationId },
    stdio: logFile("floor"),
  });
  return child;
}

async function waitForFloor(): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    if (floor?.exitCode !== null) throw new Error(`the floor server exited; see ${join(LOG_DIR, "floor.log")}`);
    const ok = await fetch(`http://127.0.0.1:${FLOOR_PORT}/pg`).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(250);
  }
  throw new Error("the floor server did not answer within 30 s");
}

type Spec = Omit<LoadSpec, "connections" | "durationSeconds">;

interface Probes {
  rss: RssMonitor;
  cpu: CpuWitness;
}

async function measure(spec: Spec, { rss, cpu }: Probes, connections = CONNECTIONS) {
  await runLoad({ ...spec, connections, durationSeconds: WARMUP_S });
  rss.start();
  const before = cpu.snapshot();
  try {
    const result = await runLoad({ ...spec, connections, durationSeconds: DURATION_S });
    return { ...result, otherCores: CpuWitness.otherCores(before, cpu.snapshot()) };
  } finally {
    rss.stop();
  }
}

/** PostgreSQL's postmaster (its backends are its children), from the first line of postmaster.pid. */
function postmasterPid(): number[] {
  try {
    return [Number(readFileSync(join(DATA_DIR, "postmaster.pid"), "utf8").split("\n")[0])];
  } catch {
    return [];
  }
}

/**
 * The services on the measured paths (user answers auth's membership lookups at login, when it
 * exists; master-data serves the search scenarios). The others are not started: they are on no
 * measured path, and one that is half-built must not stop the benchmarks.
 */
const MEASURED_SERVICES = new Set(["gateway", "tenant", "auth", "user", "master-data"]);

/** The finance posting scenarios' names in the targets table. */
const POSTING_LABELS: Record<string, string> = {
  "finance-post": "posting drafts through the gateway (7c)",
  "finance-create-post": "creating and posting in one request through the gateway (7d)",
  "finance-post-batch": `posting ${BATCH_ENTRIES} entries per request through the gateway (7f)`,
};

/** Entries each request of a posting scenario posts (1 unless listed). */
const ENTRIES_PER_REQUEST: Record<string, number> = { "finance-post-batch": BATCH_ENTRIES };

/** The finance reports' names in the targets table. */
const REPORT_LABELS: Record<string, string> = {
  "finance-trial-balance": "trial balance",
  "finance-profit-and-loss": "profit and loss (with a comparison period)",
  "finance-balance-sheet": "balance sheet",
  "finance-trial-balance-1": "trial balance at 1 connection",
  "finance-profit-and-loss-1": "profit and loss at 1 connection",
  "finance-balance-sheet-1": "balance sheet at 1 connection",
};

/** Posted lines of the finance scenarios' ledger (a quick run seeds a tenth, to stay quick). */
const LEDGER_LINES = quick ? FINANCE_LINES / 10 : FINANCE_LINES;

/** Drafts made ready for the posting scenario: more than its warm-up and measured run can post. */
const FINANCE_DRAFTS = quick ? 4_000 : 20_000;

/** Ten-line invoice drafts made ready for the issuing scenario (7e): more than its warm-up and measured run issue. */
const INVOICE_DRAFTS = quick ? 1_000 : 4_000;

/** Contacts created through the gateway before the CRM scenarios (a quick run creates a fifth). */
const CRM_SEEDED_CONTACTS = quick ? CRM_CONTACTS / 5 : CRM_CONTACTS;

/** Customers in the search scenarios: a list of 100,000 is where a scan shows. */
const SEARCH_CUSTOMERS = 100_000;

/**
 * 100,000 customers for the seeded organization, written straight into the table (as the owner):
 * through the API it would take minutes. Names are made of hex words, so a search term matches a
 * handful of rows, as a person's search does. Returns the term the search scenario looks for.
 */
async function seedCustomers(databaseUrl: string, organizationId: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO master_data.parties (id, organization_id, kind, code, legal_name, display_name, type, email, payment_terms_days, currency, tags, updated_at)
       SELECT gen_random_uuid(), $1, 'customer', 'CUS-' || lpad(n::text, 6, '0'), 'Company ' || md5(n::text), 'Customer ' || left(md5(n::text), 10),
              'company', 'billing-' || n || '@example.com', 30, 'EUR', '{}', now()
       FROM generate_series(1, $2) AS n`,
      [organizationId, SEARCH_CUSTOMERS],
    );
    // As autovacuum leaves a table: statistics taken, the trigram index's pending list merged.
    await client.query("VACUUM ANALYZE master_data.parties");
    const term = (await client.query<{ term: string }>("SELECT substr(md5('77777'), 3, 8) AS term")).rows[0]!.term;
    // The plan the service gets: as the application role, under row-level security.
    await client.query("BEGIN");
    await client.query(`SET LOCAL ROLE ${APP_ROLE}`);
    await client.query("SELECT set_config('app.organization_id', $1, true)", [organizationId]);
    const plan = await client.query<{ "QUERY PLAN": string }>(
      `EXPLAIN SELECT id FROM master_data.parties WHERE organization_id = $1 AND kind = 'customer' AND search_text ILIKE $2
       ORDER BY code, id LIMIT 51`,
      [organizationId, `%${term}%`],
    );
    await client.query("ROLLBACK");
    say(`search plan: ${plan.rows.map((row) => row["QUERY PLAN"].trim()).join(" | ")}`);
    return term;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const wanted = (key: string) => !only || only.has(key);
  const ledgerWanted = FINANCE_SCENARIOS.some(wanted);
  const invoicesWanted = FINANCE_DOCUMENT_SCENARIOS.some(wanted);
  const financeWanted = ledgerWanted || invoicesWanted;
  const crmWanted = CRM_SCENARIOS.some(wanted);
  const services = discoverServices(PORT_OFFSET).filter(
    (service) => MEASURED_SERVICES.has(service.name) || (financeWanted && service.name === "finance") || (crmWanted && service.name === "crm"),
  );
  const byName = (name: string): Service => {
    const found = services.find((s) => s.name === name);
    if (!found) throw new Error(`no ${name} service in services/`);
    return found;
  };
  const gateway = byName("gateway");
  const tenant = byName("tenant");
  const masterData = byName("master-data");
  await assertPortsFree([
    { port: PG_PORT, owner: "bench PostgreSQL", variable: "BENCH_PORT_OFFSET" },
    { port: FLOOR_PORT, owner: "bench floor server", variable: "BENCH_PORT_OFFSET" },
    ...services.map((s) => ({ port: s.port, owner: s.name, variable: "BENCH_PORT_OFFSET" })),
  ]);

  rmSync(DATA_DIR, { recursive: true, force: true });
  rmSync(LOG_DIR, { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
  if (PROFILE_DIR) rmSync(PROFILE_DIR, { recursive: true, force: true });
  const { database } = await startEmbeddedPostgres({ dataDir: DATA_DIR, port: PG_PORT, say }, (stop) => (stopDatabase = stop));
  say(`database: ${database.description}`);
  for (const line of await migrateAll(database.url)) say(`migrations: ${line}`);

  const env = {
    ...sharedEnv(services, database.url),
    // As deployed: JSON log lines at info, one access-log line per request.
    NODE_ENV: "production",
    // The limiter stays in the path, but must not turn the load into 429s.
    RATE_LIMIT_POINTS: "1000000000",
  };
  processes = new ServiceProcesses({
    stdio: (service) => logFile(service.name),
    nodeOptions: PROFILE_OPTIONS,
    onExit: (service, code, signal) => {
      failure ??= new Error(`${service.name} exited (${signal ?? `code ${code}`}); see ${join(LOG_DIR, `${service.name}.log`)}`);
    },
  });
  say(`starting ${services.map((s) => s.name).join(", ")} (logs in ${LOG_DIR})`);
  await processes.startAll(services, env);

  const gatewayUrl = `http://127.0.0.1:${gateway.port}`;
  const tenantUrl = `http://127.0.0.1:${tenant.port}`;
  const { email, organizationId, accessToken } = await seed(gatewayUrl);
  say(`seeded organization ${organizationId}`);
  const searchTerm = wanted("search-q") || wanted("search-list") ? await seedCustomers(database.url, organizationId) : "";
  if (searchTerm) say(`seeded ${SEARCH_CUSTOMERS} customers`);
  const today = new Date().toISOString().slice(0, 10);
  const auth = { authorization: `Bearer ${accessToken}` };
  let financeDrafts: Awaited<ReturnType<typeof createDrafts>> | undefined;
  let seededLedger: Awaited<ReturnType<typeof seedLedger>> | undefined;
  let invoiceDrafts: string[] = [];
  if (financeWanted) await enableFinance(gatewayUrl, auth);
  if (ledgerWanted) {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    seededLedger = await seedLedger(database.url, organizationId, { lines: LEDGER_LINES, from: `${Number(today.slice(0, 4)) - 1}-01-01`, to: yesterday });
    say(`seeded ${seededLedger.lines} posted lines in ${seededLedger.seconds.toFixed(0)} s`);
    financeDrafts = await createDrafts(database.url, organizationId, FINANCE_DRAFTS, today);
  }
  if (invoicesWanted) {
    invoiceDrafts = await prepareInvoiceDrafts(gatewayUrl, database.url, auth, { count: INVOICE_DRAFTS, date: today });
    say(`made ${invoiceDrafts.length} ten-line invoice drafts`);
  }
  if (crmWanted) {
    await enableCrm(gatewayUrl, auth);
    const seconds = await seedContacts(gatewayUrl, auth, CRM_SEEDED_CONTACTS);
    say(`created ${CRM_SEEDED_CONTACTS} contacts through the gateway in ${seconds.toFixed(1)} s`);
  }
  floor = startFloor(database.url, organizationId);
  await waitForFloor();

  const pids = new Map<string, number>();
  for (const service of services) pids.set(service.name, processes.running.get(service.name)!.pid!);
  pids.set("floor", floor.pid!);
  const rss = new RssMonitor(pids);
  const probes: Probes = { rss, cpu: new CpuWitness(() => [...pids.values(), ...postmasterPid()]) };
  await sleep(1000);
  rss.recordIdle();

  const currentOrganization = "/api/v1/tenant/organizations/current";
  const readThroughGateway = { url: `${gatewayUrl}${currentOrganization}`, headers: auth };
  const login: Spec = {
    url: `${gatewayUrl}/api/v1/auth/login`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  };
  let writes = 0;

  const floorUrl = `http://127.0.0.1:${FLOOR_PORT}`;
  const masterDataUrl = `http://127.0.0.1:${masterData.port}`;
  const scenarios: { key: string; title: string; process: string; spec: Spec; connections?: number }[] = [
    { key: "floor", title: "1. floor: node:http + pg, one query", process: "floor", spec: { url: `${floorUrl}/pg` } },
    { key: "pg-rls", title: "1a. floor + RLS transaction in pg (BEGIN, set_config, SELECT, COMMIT)", process: "floor", spec: { url: `${floorUrl}/pg-rls` } },
    { key: "prisma", title: "1b. floor + Prisma point read, no transaction", process: "floor", spec: { url: `${floorUrl}/prisma` } },
    { key: "prisma-rls", title: "1c. floor + Prisma in withOrganization (the service's read)", process: "floor", spec: { url: `${floorUrl}/prisma-rls` } },
    { key: "service", title: "2. tenant alone: GET organizations/current with a token", process: "tenant", spec: { url: `${tenantUrl}${currentOrganization}`, headers: auth } },
    { key: "gateway", title: "3. the same through the gateway", process: "gateway", spec: readThroughGateway },
    {
      key: "write",
      title: "4. PATCH organizations/current through the gateway (row + outbox event)",
      process: "tenant",
      spec: {
        url: `${gatewayUrl}${currentOrganization}`,
        method: "PATCH",
        headers: { ...auth, "content-type": "application/json" },
        body: () => JSON.stringify({ name: `Bench Org ${++writes}` }),
      },
    },
    { key: "login", title: "5. login through the gateway (bcrypt)", process: "auth", spec: login },
    // One connection: latency without queueing, what one request pays for each layer.
    { key: "prisma-1", title: "1b at 1 connection", process: "floor", spec: { url: `${floorUrl}/prisma` }, connections: 1 },
    { key: "prisma-rls-1", title: "1c at 1 connection", process: "floor", spec: { url: `${floorUrl}/prisma-rls` }, connections: 1 },
    { key: "service-1", title: "2 at 1 connection", process: "tenant", spec: { url: `${tenantUrl}${currentOrganization}`, headers: auth }, connections: 1 },
    { key: "gateway-1", title: "3 at 1 connection", process: "gateway", spec: readThroughGateway, connections: 1 },
    {
      key: "search-list",
      title: `6. master-data alone: GET customers (first page) at ${SEARCH_CUSTOMERS.toLocaleString("en")} customers`,
      process: "master-data",
      spec: { url: `${masterDataUrl}/api/v1/master-data/customers`, headers: auth },
    },
    {
      key: "search-q",
      title: `6a. the same with q (a name fragment, trigram index) at ${SEARCH_CUSTOMERS.toLocaleString("en")} customers`,
      process: "master-data",
      spec: { url: `${masterDataUrl}/api/v1/master-data/customers?q=${searchTerm}`, headers: auth },
    },
  ];
  const finance = `${gatewayUrl}/api/v1/finance`;
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const aYearBefore = (date: string) => `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
  let nextDraft = 0;
  let createdAndPosted = 0;
  let batchesPosted = 0;
  scenarios.push(
    {
      key: "finance-trial-balance",
      title: `7. finance: trial balance at ${LEDGER_LINES.toLocaleString("en")} posted lines, through the gateway`,
      process: "finance",
      spec: { url: `${finance}/reports/trial-balance?asOf=${today}`, headers: auth },
    },
    {
      key: "finance-profit-and-loss",
      title: "7a. profit and loss, year to date beside the same period a year before",
      process: "finance",
      spec: { url: `${finance}/reports/profit-and-loss?from=${yearStart}&to=${today}&compareFrom=${aYearBefore(yearStart)}&compareTo=${aYearBefore(today)}`, headers: auth },
    },
    { key: "finance-balance-sheet", title: "7b. balance sheet", process: "finance", spec: { url: `${finance}/reports/balance-sheet?asOf=${today}`, headers: auth } },
    // One connection: what one report costs without the queue of ten.
    {
      key: "finance-trial-balance-1",
      title: "7 at 1 connection",
      process: "finance",
      spec: { url: `${finance}/reports/trial-balance?asOf=${today}`, headers: auth },
      connections: 1,
    },
    {
      key: "finance-profit-and-loss-1",
      title: "7a at 1 connection",
      process: "finance",
      spec: { url: `${finance}/reports/profit-and-loss?from=${yearStart}&to=${today}&compareFrom=${aYearBefore(yearStart)}&compareTo=${aYearBefore(today)}`, headers: auth },
      connections: 1,
    },
    { key: "finance-balance-sheet-1", title: "7b at 1 connection", process: "finance", spec: { url: `${finance}/reports/balance-sheet?asOf=${today}`, headers: auth }, connections: 1 },
    {
      key: "finance-post",
      title: "7c. posting a draft entry through the gateway (POST journal-entries/{id}/post), entries/s",
      process: "finance",
      spec: {
        url: finance,
        method: "POST",
        headers: auth,
        // Each request posts the next draft; past the last one the answers would be 409s, counted as errors.
        path: () => `/api/v1/finance/journal-entries/${financeDrafts!.ids[nextDraft++] ?? financeDrafts!.ids.at(-1)}/post`,
      },
    },
    {
      key: "finance-create-post",
      title: "7d. creating and posting an entry in one request through the gateway (POST journal-entries?post=true), entries/s",
      process: "finance",
      spec: {
        url: `${finance}/journal-entries?post=true`,
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: () => createAndPostBody(financeDrafts!.accounts, today, ++createdAndPosted),
      },
    },
    {
      key: "finance-post-batch",
      title: `7f. posting ${BATCH_ENTRIES} entries per request through the gateway (POST journal-entries/batch), requests/s`,
      process: "finance",
      spec: {
        url: `${finance}/journal-entries/batch`,
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: () => batchPostBody(financeDrafts!.accounts, today, ++batchesPosted),
      },
    },
  );
  scenarios.push(issueInvoiceScenario(gatewayUrl, auth, invoiceDrafts));
  let contacts = 0;
  scenarios.push(
    {
      key: "crm-list",
      title: `8. crm: GET contacts?limit=50 through the gateway, ${CRM_SEEDED_CONTACTS.toLocaleString("en")} contacts`,
      process: "crm",
      spec: { url: `${gatewayUrl}/api/v1/crm/contacts?limit=50`, headers: auth },
    },
    {
      key: "crm-create",
      title: "8a. crm: POST contacts through the gateway (contact, email, phone, outbox event)",
      process: "crm",
      spec: {
        url: `${gatewayUrl}/api/v1/crm/contacts`,
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        // A new address each time: a repeated one would answer 409, counted as an error.
        body: () => contactBody(++contacts, "bench"),
      },
    },
  );
  const plan = scenarios.filter(({ key }) => wanted(key));

  const postedBefore = financeWanted ? await postedEntries(database.url, organizationId) : 0;
  const results: ScenarioResult[] = [];
  for (const { key, title, process: owner, spec, connections } of plan) {
    if (failure) throw failure;
    say(`${title}…`);
    results.push({ key, title, process: owner, ...(await measure(spec, probes, connections)) });
  }

  if (wanted("storm-read")) {
    say("5a. gateway read during a login storm…");
    const [stormRead, stormLogin] = await Promise.all([measure(readThroughGateway, probes), measure(login, probes)]);
    results.push(
      { key: "storm-read", title: "5a. gateway read (3) during a login storm", process: "gateway", ...stormRead },
      { key: "storm-login", title: "5b. the storm's logins", process: "auth", ...stormLogin },
    );
  }
  if (failure) throw failure;

  const render = only ? renderScenarioTable : renderReport;
  const reportInput = {
    mode: quick ? ("quick" as const) : ("full" as const),
    connections: CONNECTIONS,
    durationSeconds: DURATION_S,
    warmupSeconds: WARMUP_S,
    scenarios: results,
    idleRss: rss.idle,
    peakRss: rss.peak,
    services: services.map((s) => s.name),
  };
  const report = render(reportInput);
  console.log(`\n${report}\n`);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, mergeIntoDocument(existsSync(outFile) ? readFileSync(outFile, "utf8") : undefined, report));
  say(`written to ${outFile}`);

  if (invoicesWanted) {
    const invoices = await checkInvoiceNumbers(database.url, organizationId);
    say(`issued ${invoices.issued} invoices; numbers ${invoices.gapFree ? "gap-free" : "WITH GAPS OR DUPLICATES"}`);
    if (!invoices.gapFree) throw new Error("invoice numbers have gaps or duplicates after the issuing scenario");
  }
  if (financeWanted && seededLedger) {
    const numbering = await checkNumbering(database.url, organizationId);
    const postings = results.filter((result) => POSTING_LABELS[result.key]);
    if (postings.length > 0) say(`posted ${(await postedEntries(database.url, organizationId)) - postedBefore} entries during the posting scenarios' warm-ups and runs`);
    const financeRows = results.filter((result) => result.process === "finance");
    const block = [
      renderScenarioTable({ ...reportInput, scenarios: financeRows }),
      "",
      renderFinanceTargets({
        seeded: seededLedger,
        reports: financeRows.flatMap((row) => (REPORT_LABELS[row.key] ? [{ title: REPORT_LABELS[row.key]!, p95: row.p95 }] : [])),
        postings: postings.map((posting) => ({
          title: POSTING_LABELS[posting.key]!,
          perSecond: posting.requestsPerSecond * (ENTRIES_PER_REQUEST[posting.key] ?? 1) * (1 - posting.errors / Math.max(posting.requests, 1)),
        })),
        numbering,
      }),
    ].join("\n");
    console.log(`\n${block}\n`);
    mkdirSync(dirname(financeOutFile), { recursive: true });
    writeFileSync(financeOutFile, mergeFinanceBlock(existsSync(financeOutFile) ? readFileSync(financeOutFile, "utf8") : undefined, block));
    say(`finance figures written to ${financeOutFile}`);
    if (!numbering.gapFree) throw new Error("entry numbers have gaps or duplicates after the posting scenario");
  }
}

async function stopEverything(): Promise<void> {
  if (floor) await stopChild("floor", floor, say);
  await processes?.stopAll(say);
  await stopDatabase?.().catch((error: unknown) => say(`stopping PostgreSQL failed: ${String(error)}`));
  rmSync(DATA_DIR, { recursive: true, force: true });
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void stopEverything().finally(() => process.exit(130)));
}

main().then(
  () => stopEverything().then(() => process.exit(0)),
  (error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
    void stopEverything().finally(() => process.exit(1));
  },
);
