import { createPostgresTransport } from "../src";
import { transportContract } from "./transport-contract";

describe("postgres transport", () => {
  transportContract(async (db) => {
    const transport = createPostgresTransport({ pool: db.pool, pollIntervalMs: 50, standbyRetryMs: 20, backoff: { initialMs: 5, maxMs: 50 } });
    return { transport, deliversRepublishedEvents: false, close: () => transport.close() };
  });
});
