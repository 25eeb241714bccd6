/** Per-request values that every log line (and every service the request crosses) carries. */
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  requestId?: string;
  organizationId?: string;
  userId?: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return requestContext.run(context, fn);
}

export function getRequestContext(): RequestContext | undefined {
  return requestContext.getStore();
}

/**
 * Adds values to the current request's context, e.g. the user once the token is verified.
 * Mutates the store so code that already captured it sees the values too; outside a request it
 * does nothing.
 */
export function setRequestContext(values: Partial<RequestContext>): void {
  const store = requestContext.getStore();
  if (store) Object.assign(store, values);
}
