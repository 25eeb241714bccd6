/**
 * Recognising database errors however they reach us: Prisma model queries (P2002/P2025), raw
 * queries through @prisma/adapter-pg (P2010 whose meta carries the driver adapter's error with the
 * original Postgres code), a bare DriverAdapterError, or a plain `pg` error (SQLSTATE in `code`).
 */
const UNIQUE_VIOLATION = "23505";
const FOREIGN_KEY_VIOLATION = "23503";
const MAX_CAUSE_DEPTH = 5;

interface ErrorLike {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: unknown } };
}

function isObject(value: unknown): value is ErrorLike {
  return typeof value === "object" && value !== null;
}

function someInChain(err: unknown, test: (e: ErrorLike) => boolean): boolean {
  let current = err;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && isObject(current); depth++) {
    if (test(current)) return true;
    const adapterCause = current.meta?.driverAdapterError?.cause;
    if (isObject(adapterCause) && test(adapterCause)) return true;
    current = current.cause;
  }
  return false;
}

export function isUniqueViolation(err: unknown): boolean {
  return someInChain(
    err,
    (e) =>
      e.code === "P2002" ||
      e.code === UNIQUE_VIOLATION ||
      e.originalCode === UNIQUE_VIOLATION ||
      e.kind === "UniqueConstraintViolation",
  );
}

export function isNotFound(err: unknown): boolean {
  return someInChain(err, (e) => e.code === "P2025");
}

/** A row is still referenced (or references a missing one): e.g. deleting a product with stock movements. */
export function isForeignKeyViolation(err: unknown): boolean {
  return someInChain(
    err,
    (e) =>
      e.code === "P2003" ||
      e.code === FOREIGN_KEY_VIOLATION ||
      e.originalCode === FOREIGN_KEY_VIOLATION ||
      e.kind === "ForeignKeyConstraintViolation",
  );
}
