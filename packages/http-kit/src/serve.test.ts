import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import express from "express";
import request from "supertest";
import { baseConfigSchema, parseConfig } from "@erp/config";
import { serveApp } from "./serve";

const LOOPBACK = { port: 0, host: "127.0.0.1" };

/** Resolves with "connected" or the connection error's code. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

test("serveApp listens on a free port and, on close, finishes the request in flight before releasing", async () => {
  const order: string[] = [];
  const app = express();
  app.get("/slow", (_req, res) => {
    setTimeout(() => {
      order.push("request finished");
      res.json({ ok: true });
    }, 200);
  });
  const server = await serveApp(app, LOOPBACK, async () => {
    order.push("released");
  });
  expect(server.port).toBeGreaterThan(0);

  const inFlight = request(server.url).get("/slow");
  const response = inFlight.then((res) => res);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await server.close();

  expect((await response).status).toBe(200);
  expect(order).toEqual(["request finished", "released"]);
  await expect(request(server.url).get("/slow")).rejects.toThrow();
});

test("serveApp fails when the port is taken", async () => {
  const first = await serveApp(express(), LOOPBACK, async () => undefined);
  try {
    await expect(serveApp(express(), { ...LOOPBACK, port: first.port }, async () => undefined)).rejects.toThrow(/EADDRINUSE/);
  } finally {
    await first.close();
  }
});

test("with the default HOST a service is bound to loopback only, unreachable from the host's other addresses", async () => {
  const { HOST } = parseConfig(baseConfigSchema, { INTERNAL_API_KEY: "0123456789abcdef" });
  const server = await serveApp(express(), { port: 0, host: HOST }, async () => undefined);
  try {
    expect(server.host).toBe("127.0.0.1");
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(await tryConnect("127.0.0.1", server.port)).toBe("connected");
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((entry) => entry && !entry.internal && entry.family === "IPv4")
      .map((entry) => entry!.address);
    for (const address of external) expect(await tryConnect(address, server.port)).toBe("ECONNREFUSED");
  } finally {
    await server.close();
  }
});

test("HOST=0.0.0.0 binds every interface, and the URL stays reachable locally", async () => {
  const { HOST } = parseConfig(baseConfigSchema, { INTERNAL_API_KEY: "0123456789abcdef", HOST: "0.0.0.0" });
  const server = await serveApp(express(), { port: 0, host: HOST }, async () => undefined);
  try {
    expect(server.host).toBe("0.0.0.0");
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(await tryConnect("127.0.0.1", server.port)).toBe("connected");
  } finally {
    await server.close();
  }
});
