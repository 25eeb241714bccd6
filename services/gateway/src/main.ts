/** Entry point: starts the gateway from the environment; stops it gracefully on SIGTERM/SIGINT. */
import { runService } from "@erp/http-kit";
import { startServer } from "./server";

runService("gateway", () => startServer(process.env));
