/** The route registrar modules receive from createServiceApp. */
import type { ServiceApp } from "@erp/http-kit";

export type Route = ServiceApp["route"];
