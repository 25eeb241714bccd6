import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { createLogger } from "@erp/logging";
import { createServiceApp } from "./create-service-app";
import { listen } from "./listen";

const quietLogger = () =>
  createLogger({ service: "t", format: "json", destination: new Writable({ write: (_c, _e, done) => done() }) });

describe("listen", () => {
  it("finishes in-flight requests, refuses new ones and runs onShutdown on close", async () => {
    const logger = quietLogger();
    const { app, route, finalize } = createServiceApp({ service: "t", title: "t", version: "1", basePath: "/api/v1/t", logger });
    let release: () => void = () => undefined;
    route({
      method: "get",
      path: "/slow",
      summary: "Answers when released",
      access: { public: true },
      responses: { 200: { description: "done" } },
      handler: () => new Promise((resolve) => (release = () => resolve("finished"))),
    });
    finalize();
    const onShutdown = jest.fn(async () => undefined);
    const running = listen(app, { port: 0, host: "127.0.0.1", logger, onShutdown });
    await running.ready;
    const url = `http://127.0.0.1:${(running.server.address() as AddressInfo).port}`;

    expect((await fetch(`${url}/health`)).status).toBe(200);
    const inFlight = fetch(`${url}/api/v1/t/slow`).then((res) => res.json());
    await new Promise((resolve) => setTimeout(resolve, 50));

    const closed = running.close();
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    expect(onShutdown).not.toHaveBeenCalled();
    release();
    await expect(inFlight).resolves.toEqual({ data: "finished" });
    await closed;
    expect(onShutdown).toHaveBeenCalledTimes(1);
  });

  it("removes its signal handlers once closed", async () => {
    const logger = quietLogger();
    const before = process.listenerCount("SIGTERM");
    const { app, finalize } = createServiceApp({ service: "t", title: "t", version: "1", basePath: "/b", logger });
    finalize();
    const running = listen(app, { port: 0, host: "127.0.0.1", logger });
    await running.ready;
    expect(process.listenerCount("SIGTERM")).toBe(before + 1);
    await running.close();
    expect(process.listenerCount("SIGTERM")).toBe(before);
  });
});
