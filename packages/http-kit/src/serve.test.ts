import express from "express";
import request from "supertest";
import { serveApp } from "./serve";

test("serveApp listens on a free port and, on close, finishes the request in flight before releasing", async () => {
  const order: string[] = [];
  const app = express();
  app.get("/slow", (_req, res) => {
    setTimeout(() => {
      order.push("request finished");
      res.json({ ok: true });
    }, 200);
  });
  const server = await serveApp(app, 0, async () => {
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
  const first = await serveApp(express(), 0, async () => undefined);
  try {
    await expect(serveApp(express(), first.port, async () => undefined)).rejects.toThrow(/EADDRINUSE/);
  } finally {
    await first.close();
  }
});
