import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { listenApp } from "./listen";
import { parseRawResponse, rawRequest } from "@erp/testkit";

let server: Server;
let port: number;

beforeAll(async () => {
  const app = express();
  app.get("/", (_req, res) => res.json({ data: "ok" }));
  server = await listenApp(app, { port: 0, host: "127.0.0.1" });
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("errors Node raises before Express answer in the API's JSON error shape", () => {
  it("an over-long request line is a 431 HEADERS_TOO_LARGE", async () => {
    const response = parseRawResponse(await rawRequest(port, `GET /${"a".repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`));
    expect(response.status).toBe(431);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.json).toEqual({ error: { code: "HEADERS_TOO_LARGE", message: "Request line or headers are too large" } });
  });

  it("over-long headers are a 431 too", async () => {
    const response = parseRawResponse(
      await rawRequest(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Filler: ${"b".repeat(20_000)}\r\n\r\n`),
    );
    expect(response.status).toBe(431);
    expect(response.json).toMatchObject({ error: { code: "HEADERS_TOO_LARGE" } });
  });

  it.each([
    ["a request line that is not HTTP", "HELLO THERE\r\n\r\n"],
    ["a header without a colon", "GET / HTTP/1.1\r\nHost x\r\n\r\n"],
    ["an invalid Content-Length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"],
  ])("%s is a 400 VALIDATION_FAILED", async (_name, raw) => {
    const response = parseRawResponse(await rawRequest(port, raw));
    expect(response.status).toBe(400);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.json).toEqual({ error: { code: "VALIDATION_FAILED", message: "Malformed HTTP request" } });
  });

  it("over-long chunk extensions are a 413 PAYLOAD_TOO_LARGE", async () => {
    const raw = `POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1;${"e".repeat(20_000)}\r\na\r\n0\r\n\r\n`;
    const response = parseRawResponse(await rawRequest(port, raw));
    expect(response.status).toBe(413);
    expect(response.json).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("a malformed request after a well-formed one on the same connection gets its own answer", async () => {
    const raw = await rawRequest(port, "GET / HTTP/1.1\r\nHost: x\r\n\r\nHELLO THERE\r\n\r\n");
    const [first, second] = raw.split(/(?=HTTP\/1\.1 )/);
    expect(parseRawResponse(first!).status).toBe(200);
    expect(parseRawResponse(second!).json).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
  });

  it("the server keeps serving after refusing them", async () => {
    const response = parseRawResponse(await rawRequest(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ data: "ok" });
  });
});
