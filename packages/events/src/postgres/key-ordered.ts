export interface LogRow {
  offset: string;
  key: string;
  envelope: unknown;
}

export interface KeyOrderedResult {
  /** The highest offset with every row up to it handled (undefined: not even the first). */
  handledThrough: string | undefined;
  /** The first failure; the rows of its key after it were not attempted. */
  error?: unknown;
}

/**
 * Handles a batch with the per-key order of a Kafka partition and the parallelism of several:
 * each key's rows (one aggregate's events) run one after another in offset order, up to
 * `concurrency` keys at a time. The offset that may be committed is the end of the handled
 * prefix; rows handled beyond it come again after a failure or stop and are deduplicated.
 */
export async function handleInKeyOrder(
  rows: LogRow[],
  concurrency: number,
  shouldStop: () => boolean,
  handle: (row: LogRow) => Promise<void>,
): Promise<KeyOrderedResult> {
  const byKey = new Map<string, LogRow[]>();
  for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
  const queue = [...byKey.values()];
  const handled = new Set<string>();
  let error: unknown;

  const worker = async () => {
    for (let chain = queue.shift(); chain && error === undefined; chain = queue.shift()) {
      for (const row of chain) {
        if (shouldStop() || error !== undefined) return;
        try {
          await handle(row);
          handled.add(row.offset);
        } catch (err) {
          error ??= err;
          return;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, byKey.size) }, worker));

  let handledThrough: string | undefined;
  for (const row of rows) {
    if (!handled.has(row.offset)) break;
    handledThrough = row.offset;
  }
  return error === undefined ? { handledThrough } : { handledThrough, error };
}
