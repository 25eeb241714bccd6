/**
 * The service's package entry: the one way another service's test may start it in-process
 * (`import { startServer } from "@erp/finance"`). Nothing else crosses services (ARCHITECTURE.md):
 * services talk over HTTP and events.
 */
export { startServer } from "./server";
