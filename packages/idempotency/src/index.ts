export {
  createIdempotencyStore,
  DEFAULT_IDEMPOTENCY_LOCK_MS,
  DEFAULT_IDEMPOTENCY_TTL_MS,
  type IdempotencyStoreOptions,
  type RawTransaction,
} from "./postgres-store";
export { pruneIdempotencyKeys, hasIdempotencyKeys } from "./housekeeping";
