/**
 * POST /register with an Idempotency-Key (kept per key for this public route): a retry after a
 * lost answer gets the same organization and session instead of EMAIL_ALREADY_REGISTERED, and
 * concurrent duplicates never make a second organization.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dropTestDatabases } from "@erp/testkit";
import { startAuth, startFakeTenant, STRONG_PASSWORD, uniqueEmail, type AuthHarness, type FakeTenant } from "../../../test/harness";

/**
 * In front of the fake tenant: holds tenant's "create" step while a test wants a registration in
 * flight, then forwards every call unchanged.
 */
interface TenantGate {
  url: string;
  /** Set: the next create waits for it (and `entered` resolves when it does). */
  hold?: Promise<void>;
  entered?: () => void;
  close(): Promise<void>;
}

async function startTenantGate(tenantUrl: string): Promise<TenantGate> {
  const gate: TenantGate = { url: "", close: async () => undefined };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method === "POST" && req.url === "/internal/organizations" && gate.hold) {
      gate.entered?.();
      await gate.hold;
    }
    const upstream = await fetch(`${tenantUrl}${req.url}`, {
      method: req.method,
      headers: { authorization: String(req.headers.authorization), "content-type": "application/json" },
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  gate.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  gate.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return gate;
}

let tenant: FakeTenant;
let gate: TenantGate;
let h: AuthHarness;

beforeAll(async () => {
  tenant = await startFakeTenant();
  gate = await startTenantGate(tenant.url);
  h = await startAuth({ tenantUrl: gate.url });
});

afterAll(async () => {
  await h.close();
  await gate.close();
  await tenant.close();
  await dropTestDatabases();
});

beforeEach(() => {
  tenant.failOn.clear();
  tenant.calls.length = 0;
  gate.hold = undefined;
  gate.entered = undefined;
});

const body = (overrides: Record<string, string> = {}) => ({
  organizationName: `Acme ${randomUUID().slice(0, 8)}`,
  name: "Ada Lovelace",
  email: uniqueEmail(),
  password: STRONG_PASSWORD,
  ...overrides,
});

const register = (input: object, key: string) => h.http().post("/api/v1/auth/register").set("Idempotency-Key", key).send(input);

/** What the registration of `email` left behind, everywhere. */
async function effects(email: string, organizationName: string) {
  const users = await h.sql.query<{ id: string }>("SELECT id FROM auth.users WHERE email = $1", [email.toLowerCase()]);
  const memberships = await h.sql.query("SELECT organization_id FROM users.memberships WHERE user_id = ANY($1)", [users.rows.map((u) => u.id)]);
  const organizations = [...tenant.organizations.values()].filter((o) => o.name === organizationName);
  const events = await h.sql.query("SELECT 1 FROM auth.outbox WHERE event_type = 'auth.user.registered' AND aggregate_id = ANY($1)", [users.rows.map((u) => u.id)]);
  return { users: users.rowCount, memberships: memberships.rowCount, organizations: organizations.length, events: events.rowCount };
}

const ONE_EACH = { users: 1, memberships: 1, organizations: 1, events: 1 };

describe("POST /api/v1/auth/register with an Idempotency-Key", () => {
  it("replays the first answer (the same organization and tokens) to a retry, which registers nothing more", async () => {
    const key = randomUUID();
    const input = body();
    const first = await register(input, key);
    expect(first.status).toBe(201);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    expect(tenant.calls).toEqual(["create", "activate"]);

    const retry = await register(input, key);
    expect(retry.status).toBe(201);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.headers.location).toBe("/api/v1/auth/me");
    expect(retry.body).toEqual(first.body);
    expect(tenant.calls).toEqual(["create", "activate"]);
    expect(await effects(input.email, input.organizationName)).toEqual(ONE_EACH);

    // The replayed session is the real one.
    const me = await h.http().get("/api/v1/auth/me").set("authorization", `Bearer ${retry.body.data.tokens.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ userId: first.body.data.userId, organizationId: first.body.data.organizationId });
  });

  it("answers 422 IDEMPOTENCY_KEY_REUSED to the same key with another body, and does nothing", async () => {
    const key = randomUUID();
    const input = body();
    expect((await register(input, key)).status).toBe(201);
    tenant.calls.length = 0;
    const other = body();
    const res = await register(other, key);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", requestId: expect.any(String) });
    // Even a different password alone is another request.
    expect((await register({ ...input, password: `${STRONG_PASSWORD}!` }, key)).body.error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(tenant.calls).toEqual([]);
    expect(await effects(other.email, other.organizationName)).toEqual({ users: 0, memberships: 0, organizations: 0, events: 0 });
  });

  it("answers 409 IDEMPOTENCY_KEY_IN_USE with Retry-After while the first is in flight, then replays its answer", async () => {
    const key = randomUUID();
    const input = body();
    let release!: () => void;
    gate.hold = new Promise<void>((resolve) => (release = resolve));
    const entered = new Promise<void>((resolve) => (gate.entered = resolve));
    const first = register(input, key).then((res) => res);
    await entered;

    const during = await register(input, key);
    expect(during.status).toBe(409);
    expect(during.body.error.code).toBe("IDEMPOTENCY_KEY_IN_USE");
    expect(during.headers["retry-after"]).toBe("1");

    release();
    const answered = await first;
    expect(answered.status).toBe(201);
    const after = await register(input, key);
    expect(after.headers["idempotent-replayed"]).toBe("true");
    expect(after.body).toEqual(answered.body);
    expect(await effects(input.email, input.organizationName)).toEqual(ONE_EACH);
  });

  it("50 concurrent identical registrations with one key: one organization and one user, 50 identical answers or 409s", async () => {
    const key = randomUUID();
    const input = body();
    const answers = await Promise.all(Array.from({ length: 50 }, () => register(input, key).then((res) => res)));

    expect(await effects(input.email, input.organizationName)).toEqual(ONE_EACH);
    expect(tenant.calls.filter((call) => call === "create")).toEqual(["create"]);
    const successes = answers.filter((res) => res.status === 201);
    const others = answers.filter((res) => res.status !== 201);
    expect(successes.length).toBeGreaterThanOrEqual(1);
    for (const res of successes) expect(res.body).toEqual(successes[0]!.body);
    expect(successes.filter((res) => res.headers["idempotent-replayed"] !== "true")).toHaveLength(1);
    expect(others.map((res) => [res.status, res.body.error.code])).toEqual(others.map(() => [409, "IDEMPOTENCY_KEY_IN_USE"]));
    // And once it is over, every retry gets the answer.
    const late = await register(input, key);
    expect(late.body).toEqual(successes[0]!.body);
  });

  it("lets a retry run again after a server-side failure (tenant down: 502, undone), and registers once", async () => {
    const key = randomUUID();
    const input = body();
    tenant.failOn.add("activate");
    const failed = await register(input, key);
    expect(failed.status).toBe(502);
    tenant.failOn.clear();
    const retry = await register(input, key);
    expect(retry.status).toBe(201);
    expect(retry.headers["idempotent-replayed"]).toBeUndefined();
    expect(await effects(input.email, input.organizationName)).toEqual(ONE_EACH);
  });

  it("keeps a refusal too: an email already registered is the same 409 on retry", async () => {
    const taken = body();
    expect((await register(taken, randomUUID())).status).toBe(201);
    const key = randomUUID();
    const again = { ...body(), email: taken.email };
    const first = await register(again, key);
    expect(first.status).toBe(409);
    expect(first.body.error.code).toBe("EMAIL_ALREADY_REGISTERED");
    const retry = await register(again, key);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.body).toEqual(first.body);
  });

  it("keeps neither the password nor the tokens readable in the database", async () => {
    const key = randomUUID();
    const input = body();
    const res = await register(input, key);
    expect(res.status).toBe(201);
    const { rows } = await h.sql.query("SELECT * FROM auth.idempotency_keys");
    const dump = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.organization_id === null && row.scope === "route:POST /api/v1/auth/register")).toBe(true);
    for (const secret of [key, STRONG_PASSWORD, input.email, res.body.data.tokens.refreshToken, res.body.data.tokens.accessToken]) {
      expect(dump).not.toContain(secret);
    }
  });

  it("is documented in the OpenAPI document (header parameter, 409 and 422 codes)", async () => {
    const res = await h.http().get("/api/v1/auth/openapi.json");
    const operation = res.body.paths["/api/v1/auth/register"].post;
    expect(operation.parameters).toContainEqual(expect.objectContaining({ name: "Idempotency-Key", in: "header" }));
    expect(operation.responses["409"].description).toMatch(/EMAIL_ALREADY_REGISTERED.*IDEMPOTENCY_KEY_IN_USE/);
    expect(operation.responses["422"].description).toContain("IDEMPOTENCY_KEY_REUSED");
  });
});
