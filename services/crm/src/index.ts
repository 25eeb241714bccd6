/**
 * The service's package entry: the one way another service's test may start it in-process
 * (`import { startServer } from "@erp/crm"`). Nothing else crosses services (ARCHITECTURE.md):
 * services talk over HTTP and events; the lint rule erp/boundaries enforces it.
 */
export { startServer } from "./server";
