/**
 * For end-to-end tests through the gateway: the real tenant, users, auth, master-data and finance
 * services on one database and its event log, and a new organization on the pro plan (finance
 * enabled) with its owner's requests. Not used by the service itself.
 */
import { randomUUID } from "node:crypto";
import request from "supertest";
import { startServer as startAuth } from "@erp/auth";
import { startServer as startGateway } from "@erp/gateway";
import { startServer as startMasterData } from "@erp/master-data";
import { startServer as startTenant } from "@erp/tenant";
import { startServer as startUsers } from "@erp/user";
import { startServiceSystem, waitFor, type ServiceSystem } from "@erp/testkit";
import { startServer as startFinance } from "../src/server";
import { bytes } from "./pdf-text";

/** The system; `env` is added to every service's (e.g. `RATE_LIMIT_POINTS` for a test that polls a lot). */
export function startFinanceSystem(env: Record<string, string> = {}): Promise<ServiceSystem> {
  return startServiceSystem({
    env: { EVENTS_POLL_INTERVAL_MS: "100", BCRYPT_ROUNDS: "10", SIGNING_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"), ...env },
    services: [
      { name: "tenant", start: startTenant },
      { name: "user", start: startUsers },
      { name: "auth", start: startAuth },
      { name: "master-data", start: startMasterData },
      { name: "finance", start: startFinance },
      { name: "gateway", start: startGateway },
    ],
  });
}

/** A new organization named `name` on the pro plan, once finance answers for it; its owner's requests (`/api/v1` + path). */
export async function proOrganization(system: ServiceSystem, name = "Acme Trading") {
  const gateway = () => request(system.urls.gateway!);
  const email = `${randomUUID()}@example.com`;
  const res = await gateway().post("/api/v1/auth/register").send({ organizationName: name, name: "Owner", email, password: "correct horse battery staple" });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  const auth = `Bearer ${res.body.data.tokens.accessToken as string}`;
  const client = {
    id: res.body.data.organization.id as string,
    /** The owner's `Authorization` header, for requests the helpers below do not make (a CSV body, another member's). */
    authorization: auth,
    get: (path: string) => gateway().get(`/api/v1${path}`).set("Authorization", auth),
    post: (path: string, body: object = {}) => gateway().post(`/api/v1${path}`).set("Authorization", auth).send(body),
    put: (path: string, body: object) => gateway().put(`/api/v1${path}`).set("Authorization", auth).send(body),
    patch: (path: string, body: object) => gateway().patch(`/api/v1${path}`).set("Authorization", auth).send(body),
    delete: (path: string) => gateway().delete(`/api/v1${path}`).set("Authorization", auth),
  };
  const subscribed = await client.put("/tenant/subscription", { planCode: "pro" });
  if (subscribed.status !== 200) throw new Error(`subscription: ${subscribed.status} ${JSON.stringify(subscribed.body)}`);
  await waitFor(async () => (await client.get("/finance/accounts?limit=1")).status === 200, { intervalMs: 100, what: "finance enabled for the organization", timeoutMs: 60_000 });
  return client;
}

/** Requests through the gateway (`/api/v1` + path) with `authorization`. */
export function gatewayClient(system: ServiceSystem, authorization: string) {
  const gateway = () => request(system.urls.gateway!);
  return {
    get: (path: string) => gateway().get(`/api/v1${path}`).set("Authorization", authorization),
    post: (path: string, body: object = {}) => gateway().post(`/api/v1${path}`).set("Authorization", authorization).send(body),
    postCsv: (path: string, csv: string) => gateway().post(`/api/v1${path}`).set("Authorization", authorization).set("Content-Type", "text/csv").send(csv),
  };
}

export type GatewayClient = Awaited<ReturnType<typeof proOrganization>>;

/** A binary answer through the gateway (a PDF), its body a Buffer. */
export function getBytes(system: ServiceSystem, authorization: string, path: string) {
  return request(system.urls.gateway!)
    .get(`/api/v1${path}`)
    .set("Authorization", authorization)
    .buffer(true)
    .parse(bytes);
}

/** `res.body.data` when `res` has `status`; else fails with what it answered. */
export function expectStatus(res: { status: number; body: { data?: unknown } }, status: number, what: string) {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- API answers read field by field
}
