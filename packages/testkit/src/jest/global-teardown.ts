import { dropRunDatabases } from "../postgres/run-cleanup";
import { readRunState } from "../postgres/run-state";
import type { GlobalState } from "./global-setup";

/**
 * Stops the embedded server (its data directory goes with it), or, on an external server, drops
 * what this run created, so repeated CI runs leave nothing behind.
 */
export default async function globalTeardown(): Promise<void> {
  const state: GlobalState = globalThis.erpTestkit ?? {};
  if (state.embedded) await state.embedded.stop();
  else await dropRunDatabases(readRunState());
}
