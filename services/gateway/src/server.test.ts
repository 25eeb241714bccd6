import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { parseRawResponse, rawRequest } from "@erp/testkit";
import { startServer, type RunningServer } from "./server";

let gateway: RunningServer;

beforeAll(async () => {
  gateway = await startServer({ NODE_ENV: "test", LOG_LEVEL: "error", INTERNAL_API_KEY: "gateway-server-test-key" }, { port: 0 });
});

afterAll(async () => {
  await gateway.close();
});

function connectionOutcome(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

it("listens on loopback only by default: the host's other addresses refuse the connection", async () => {
  expect(await connectionOutcome("127.0.0.1", gateway.port)).toBe("connected");
  const external = Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry && !entry.internal && entry.family === "IPv4")
    .map((entry) => entry!.address);
  for (const address of external) expect(await connectionOutcome(address, gateway.port)).toBe("ECONNREFUSED");
});

it("answers an over-long request line with a JSON 431, before any route runs", async () => {
  const response = parseRawResponse(await rawRequest(gateway.port, `GET /${"a".repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`));
  expect(response.status).toBe(431);
  expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
  expect(response.json).toEqual({ error: { code: "HEADERS_TOO_LARGE", message: "Request line or headers are too large" } });
});

it("answers a malformed request with a JSON 400", async () => {
  const response = parseRawResponse(await rawRequest(gateway.port, "GET / HTTP/1.1\r\nHost x\r\n\r\n"));
  expect(response.status).toBe(400);
  expect(response.json).toEqual({ error: { code: "VALIDATION_FAILED", message: "Malformed HTTP request" } });
});
