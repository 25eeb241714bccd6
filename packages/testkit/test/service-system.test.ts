/**
 * startServiceSystem's wiring (each service knows every other one's and every upstream's
 * `<NAME>_URL` before any starts, its own variables over the system's) and its clean-up when a
 * start fails; startFakeUpstream's answers over real HTTP.
 */
import type { Env } from "@erp/config";
import { startFakeUpstream, startServiceSystem, urlVariable, type SystemServer } from "../src";

/** A stand-in service that records the environment it was started with. */
function recorder(name: string, started: { name: string; env: Env; port?: number }[], closed: string[], fail = false) {
  return {
    name,
    env: { OWN: name },
    start: async (env: Env, options: { port?: number }): Promise<SystemServer> => {
      if (fail) throw new Error(`${name} refused to start`);
      started.push({ name, env, port: options.port });
      return { url: `http://127.0.0.1:${options.port}`, close: async () => void closed.push(name) };
    },
  };
}

// Never connected: the owner pool connects on first query only.
const connectionString = "postgres://nobody@127.0.0.1:1/none";

describe("startServiceSystem", () => {
  it("hands every service the others' and the upstreams' URLs, its own variables over the shared ones", async () => {
    const started: { name: string; env: Env; port?: number }[] = [];
    const closed: string[] = [];
    const system = await startServiceSystem({
      connectionString,
      upstreams: { tenant: "http://127.0.0.1:9" },
      env: { OWN: "shared", SHARED: "yes" },
      services: [recorder("user", started, closed), recorder("master-data", started, closed)],
    });
    expect(started.map((s) => s.name)).toEqual(["user", "master-data"]);
    const [user, masterData] = started;
    expect(system.urls).toEqual({ user: `http://127.0.0.1:${user!.port}`, "master-data": `http://127.0.0.1:${masterData!.port}` });
    expect(user!.port).not.toBe(masterData!.port);
    for (const { name, env } of started) {
      expect(env).toMatchObject({ DATABASE_URL: connectionString, TENANT_URL: "http://127.0.0.1:9", SHARED: "yes", OWN: name });
      expect(env.USER_URL).toBe(system.urls.user);
      expect(env.MASTER_DATA_URL).toBe(system.urls["master-data"]);
    }
    await system.close();
    expect(closed).toEqual(["master-data", "user"]);
  });

  it("closes what started when a later service fails, and rejects with its error", async () => {
    const started: { name: string; env: Env; port?: number }[] = [];
    const closed: string[] = [];
    await expect(
      startServiceSystem({ connectionString, services: [recorder("user", started, closed), recorder("auth", started, closed, true)] }),
    ).rejects.toThrow("auth refused to start");
    expect(closed).toEqual(["user"]);
  });

  it("names URL variables as the launcher does", () => {
    expect(urlVariable("master-data")).toBe("MASTER_DATA_URL");
    expect(urlVariable("user")).toBe("USER_URL");
  });
});

describe("startFakeUpstream", () => {
  it("answers with the handler's status and JSON, and 500 when the handler throws", async () => {
    const seen: unknown[] = [];
    const fake = await startFakeUpstream(({ method, url, body }) => {
      seen.push({ method, url, body });
      if (url === "/boom") throw new Error("boom");
      return { status: 201, body: { data: body } };
    });
    try {
      const created = await fetch(`${fake.url}/things`, { method: "POST", body: JSON.stringify({ a: 1 }), headers: { "content-type": "application/json" } });
      expect(created.status).toBe(201);
      expect(await created.json()).toEqual({ data: { a: 1 } });
      const failed = await fetch(`${fake.url}/boom`);
      expect(failed.status).toBe(500);
      expect(await failed.json()).toEqual({ error: { code: "INTERNAL", message: "boom" } });
      expect(seen).toEqual([
        { method: "POST", url: "/things", body: { a: 1 } },
        { method: "GET", url: "/boom", body: {} },
      ]);
    } finally {
      await fake.close();
    }
  });
});
