/**
 * Work that must happen only once a transaction has committed (waking the outbox relay, say),
 * registered from inside the transaction by code that only sees the transaction client.
 */
const pending = new WeakMap<object, Array<() => void>>();

/** Runs `callback` after `tx` commits; never when it rolls back. */
export function afterCommit(tx: object, callback: () => void): void {
  const callbacks = pending.get(tx);
  if (callbacks) callbacks.push(callback);
  else pending.set(tx, [callback]);
}

/** Called by createDatabase once a transaction committed; a failing callback does not fail it. */
export function runAfterCommit(tx: object, onError: (err: unknown) => void): void {
  const callbacks = pending.get(tx);
  if (!callbacks) return;
  pending.delete(tx);
  for (const callback of callbacks) {
    try {
      callback();
    } catch (err) {
      onError(err);
    }
  }
}
