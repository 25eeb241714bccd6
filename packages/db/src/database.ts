import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { OrganizationId } from "@erp/scope";
import { runAfterCommit } from "./after-commit";
import { APP_ROLE } from "./bootstrap";
import { assertIdentifier } from "./identifiers";
import type { DbLogger } from "./logger";

/** What this package needs from a generated Prisma Client; every service's client satisfies it. */
export interface PrismaClientLike {
  $disconnect(): Promise<void>;
}

/**
 * The client handed to transaction callbacks: the service's own typed client minus $connect,
 * $disconnect, $on and $extends, read off its interactive `$transaction(fn)` overload (the last one).
 */
export type TransactionClient<C> = C extends { $transaction(fn: (tx: infer T) => Promise<unknown>, options?: never): unknown }
  ? T
  : never;

/** How this module calls the client's interactive transactions, whatever its generated types. */
interface InteractiveTransactions {
  $transaction<T>(fn: (tx: unknown) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

export interface TransactionOptions {
  /** How long to wait for a connection to begin on, in ms (default `DEFAULT_TRANSACTION_OPTIONS.maxWait`). */
  maxWait?: number;
  /** How long the transaction may run, in ms (default `DEFAULT_TRANSACTION_OPTIONS.timeout`). */
  timeout?: number;
  isolationLevel?: "ReadUncommitted" | "ReadCommitted" | "RepeatableRead" | "Serializable";
}

/**
 * Every transaction's limits unless the caller gives its own. Prisma's own (2 s to get a
 * connection, 5 s to run) turned a burst on a busy machine into 500s: fifty requests at once on a
 * pool of ten wait longer than 2 s for a connection, and requests that queue on one row (a number
 * series, a document being settled) run longer than 5 s. A wait past these limits is still an
 * error (P2028), which the HTTP layer answers as 503 SERVICE_BUSY.
 */
export const DEFAULT_TRANSACTION_OPTIONS: Readonly<Required<Pick<TransactionOptions, "maxWait" | "timeout">>> = {
  maxWait: 10_000,
  timeout: 15_000,
};

/**
 * Limits for transactions that queue on one row by design (a stock level, a document number
 * series, a document being settled): a burst of them runs one after the other while each holds a
 * pooled connection, so the last waits longer than DEFAULT_TRANSACTION_OPTIONS allow on a busy
 * machine. Pass as `inTransaction(..., { transaction: QUEUED_TRANSACTION_OPTIONS })`.
 */
export const QUEUED_TRANSACTION_OPTIONS: Readonly<Required<Pick<TransactionOptions, "maxWait" | "timeout">>> = {
  maxWait: 20_000,
  timeout: 20_000,
};

export interface CreateDatabaseOptions<C extends PrismaClientLike> {
  connectionString: string;
  /** The generated `PrismaClient` class of the calling service. */
  PrismaClient: new (options: { adapter: PrismaPg }) => C;
  /** The service's Postgres schema, first on the search_path. */
  schema: string;
  logger?: DbLogger;
  poolMax?: number;
}

export interface Database<C extends PrismaClientLike> {
  prisma: C;
  pool: pg.Pool;
  /**
   * Runs `fn` in a transaction in which RLS lets through only `organizationId`'s rows. Routes use
   * `inTransaction`, which takes the whole scope. Only an `OrganizationId` compiles (a plain string,
   * or another id, must go through `organizationIdOf` at the edge first); the uuid is checked again
   * here because it is written into the BEGIN as a literal.
   * @throws Error when `organizationId` is not a uuid (a value cast past the brand)
   */
  withOrganization<T>(organizationId: OrganizationId, fn: (tx: TransactionClient<C>) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** A plain transaction, for rows that are not organization-scoped. */
  transaction<T>(fn: (tx: TransactionClient<C>) => Promise<T>, options?: TransactionOptions): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface RawQueryable {
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number>;
}

/**
 * The role is a connection startup parameter rather than a `SET ROLE` after connecting: it is in
 * force before the first query, survives `RESET ALL`, and a missing role fails the connection
 * instead of leaving it running as the (possibly superuser) login role.
 */
function sessionOptions(connectionString: string, schema: string): pg.PoolConfig {
  const url = new URL(connectionString);
  const extra = url.searchParams.get("options");
  url.searchParams.delete("options");
  const options = [extra, `-c role=${APP_ROLE}`, `-c search_path=${schema},public`].filter(Boolean).join(" ");
  return { connectionString: url.toString(), options };
}

/** A withOrganization transaction being opened: the connection it took, and whether its BEGIN set the organization. */
interface OpeningTransaction {
  organizationId: string;
  connection?: pg.PoolClient;
  scoped: boolean;
}

/**
 * Every statement of an interactive transaction is a round trip and a trip through Prisma, which
 * is most of what tenant scoping costs (see docs/benchmarks.md). So the transaction's `BEGIN` and
 * its `set_config` travel as one simple-protocol query: the pool remembers which connection a
 * withOrganization checked out, and only that connection's first `BEGIN`, in that same async
 * context, is extended. Whatever Prisma does differently, withOrganization still runs set_config
 * itself when its BEGIN was not extended, so a transaction is never left unscoped.
 */
const openingTransaction = new AsyncLocalStorage<OpeningTransaction>();

function scopeTransactions(pool: pg.Pool): pg.Pool {
  pool.on("connect", extendBegin);
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => Promise<pg.PoolClient>;
  pool.connect = ((...args: unknown[]) => {
    const opening = openingTransaction.getStore();
    // The callback form is pool.query() borrowing a connection, never a transaction's.
    if (!opening || opening.connection || args.length > 0) return connect(...args);
    return connect().then((connection) => {
      opening.connection = connection;
      return connection;
    });
  }) as typeof pool.connect;
  return pool;
}

function extendBegin(connection: pg.PoolClient): void {
  const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
  connection.query = ((config: unknown, ...rest: unknown[]) => {
    const opening = openingTransaction.getStore();
    if (opening && opening.connection === connection && !opening.scoped && isPlainBegin(config)) {
      opening.scoped = true;
      // A literal, not a parameter: parameters would force the extended protocol, which allows one
      // statement per query. The id was checked against UUID, so it cannot leave the quotes.
      const text = `BEGIN; SELECT set_config('app.organization_id', '${opening.organizationId}', true)`;
      return query({ ...(config as object), text }, ...rest);
    }
    return query(config, ...rest);
  }) as typeof connection.query;
}

function isPlainBegin(config: unknown): boolean {
  if (typeof config !== "object" || config === null) return false;
  const { text, values } = config as { text?: unknown; values?: unknown[] };
  return text === "BEGIN" && (values === undefined || values.length === 0);
}

export function createDatabase<C extends PrismaClientLike>(opts: CreateDatabaseOptions<C>): Database<C> {
  const schema = assertIdentifier(opts.schema, "schema name");
  const pool = scopeTransactions(new pg.Pool({ ...sessionOptions(opts.connectionString, schema), max: opts.poolMax ?? 10 }));
  pool.on("error", (err) => opts.logger?.warn("idle database connection failed", { error: err.message }));

  const prisma = new opts.PrismaClient({ adapter: new PrismaPg(pool, { schema }) });
  type Tx = TransactionClient<C>;
  const runTransaction = async <T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T> => {
    let client: object | undefined;
    const result = await (prisma as unknown as InteractiveTransactions).$transaction((tx) => {
      client = tx as object;
      return fn(tx as Tx);
    }, { ...DEFAULT_TRANSACTION_OPTIONS, ...options });
    if (client) {
      runAfterCommit(client, (err) =>
        opts.logger?.warn("after-commit callback failed", { error: err instanceof Error ? err.message : String(err) }),
      );
    }
    return result;
  };

  return {
    prisma,
    pool,
    withOrganization(organizationId, fn, options) {
      if (!UUID.test(organizationId)) {
        return Promise.reject(new Error("withOrganization needs an organization id (uuid)"));
      }
      // SET TRANSACTION (an isolation level) must come before any query, so no set_config in its BEGIN.
      const opening: OpeningTransaction | undefined = options?.isolationLevel ? undefined : { organizationId, scoped: false };
      const transaction = () =>
        runTransaction(async (tx) => {
          // is_local = true: the setting ends with this transaction and never reaches the next
          // request that borrows this pooled connection.
          if (!opening?.scoped) {
            await (tx as RawQueryable).$executeRaw`SELECT set_config('app.organization_id', ${organizationId}, true)`;
          }
          return fn(tx);
        }, options);
      return opening ? openingTransaction.run(opening, transaction) : transaction();
    },
    transaction: runTransaction,
    async ping() {
      await pool.query("SELECT 1");
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
