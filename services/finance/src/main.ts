/** Entry point: starts the service from the environment; stops it gracefully on SIGTERM/SIGINT. */
import { runService } from "@erp/http-kit";
import { startServer } from "./server";

runService("finance", () => startServer(process.env));
