/** Entry point: starts the service from the environment; stops it gracefully on SIGTERM/SIGINT. */
import { runService } from "@erp/service-kit";
import { crmService } from "./service";

runService(crmService);
