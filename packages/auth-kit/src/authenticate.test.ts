import { generateKeyPairSync, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { createServiceApp } from "@erp/http-kit";
import { createLogger } from "@erp/logging";
import jwt from "jsonwebtoken";
import request from "supertest";
import { authenticate } from "./authenticate";
import { createRevokedSessions } from "./revoked-sessions";
import { createTokenVerifier } from "./token-verifier";

const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const kid = randomUUID();
let jwksServer: Server;
let jwksUrl: string;

beforeAll(async () => {
  jwksServer = createServer((_req, res) => {
    const keys = [{ ...publicKey.export({ format: "jwk" }), kid, alg: "ES256", use: "sig" }];
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => jwksServer.close(() => resolve())));

const ORG = "0193a1b2-7c4d-7e00-8000-0000000000a7";

const token = (permissions: string[], expiresIn = 300, sid = "session-7") =>
  jwt.sign({ org: ORG, roles: [], permissions, typ: "access", jti: "t-1", sid }, privateKey, {
    algorithm: "ES256",
    keyid: kid,
    subject: "user-7",
    issuer: "erp-auth",
    audience: "erp-api",
    expiresIn,
  });

function buildApp(revokedSessions = createRevokedSessions()) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = createLogger({ service: "crm", format: "json", destination });
  const verifier = createTokenVerifier({ jwksUrl, issuer: "erp-auth", audience: "erp-api" });
  const { app, route, finalize } = createServiceApp({
    service: "crm",
    title: "CRM",
    version: "1",
    basePath: "/api/v1/crm",
    logger,
    authenticate: authenticate(verifier, { revokedSessions }),
  });
  route({
    method: "get",
    path: "/leads",
    summary: "List leads",
    access: { permission: "crm.lead.read" },
    responses: { 200: { description: "Leads" } },
    handler: ({ principal }) => {
      logger.info("listing leads");
      return { userId: principal.userId, organizationId: principal.organizationId };
    },
  });
  finalize();
  return { app, lines };
}

describe("authenticate", () => {
  let app: ReturnType<typeof buildApp>["app"];
  let lines: Record<string, unknown>[];
  beforeAll(() => ({ app, lines } = buildApp()));

  it("sets the principal from a valid bearer token", async () => {
    const res = await request(app).get("/api/v1/crm/leads").set("Authorization", `Bearer ${token(["crm.lead.read"])}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ userId: "user-7", organizationId: ORG });
  });

  it("puts the user and organization on the request's log lines", async () => {
    await request(app)
      .get("/api/v1/crm/leads")
      .set("Authorization", `Bearer ${token(["crm.*"])}`)
      .set("X-Request-Id", "auth-log-1");
    const line = lines.find((entry) => entry.message === "listing leads" && entry.requestId === "auth-log-1");
    expect(line).toMatchObject({ userId: "user-7", organizationId: ORG });
  });

  it("answers 401 UNAUTHENTICATED without a bearer token", async () => {
    for (const header of [undefined, "Basic dXNlcjpwYXNz", "Bearer"]) {
      const req = request(app).get("/api/v1/crm/leads");
      const res = await (header ? req.set("Authorization", header) : req);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHENTICATED");
    }
  });

  it("answers 401 TOKEN_EXPIRED for an expired token", async () => {
    const res = await request(app).get("/api/v1/crm/leads").set("Authorization", `Bearer ${token(["crm.lead.read"], -10)}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("TOKEN_EXPIRED");
  });

  it("answers 401 SESSION_REVOKED for a token of a revoked session, even one it verified before", async () => {
    const revokedSessions = createRevokedSessions();
    const { app: guarded } = buildApp(revokedSessions);
    const ended = token(["crm.lead.read"], 300, "ended-session");
    const other = token(["crm.lead.read"], 300, "other-session");
    expect((await request(guarded).get("/api/v1/crm/leads").set("Authorization", `Bearer ${ended}`)).status).toBe(200);

    revokedSessions.revoke("ended-session", Date.now() + 300_000);
    const res = await request(guarded).get("/api/v1/crm/leads").set("Authorization", `Bearer ${ended}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("SESSION_REVOKED");
    expect((await request(guarded).get("/api/v1/crm/leads").set("Authorization", `Bearer ${other}`)).status).toBe(200);
  });

  it("answers 403 when the valid token lacks the route's permission", async () => {
    const res = await request(app).get("/api/v1/crm/leads").set("Authorization", `Bearer ${token(["finance.*"])}`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });

  it("hands failures to the callback it is given, so it can be composed by hand", async () => {
    const verifier = createTokenVerifier({ jwksUrl, issuer: "erp-auth", audience: "erp-api" });
    const middleware = authenticate(verifier);
    const req = { headers: { authorization: "Bearer not-a-token" } } as Parameters<typeof middleware>[0];
    const err = await new Promise((resolve) => middleware(req, {} as Parameters<typeof middleware>[1], resolve));
    expect(err).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
  });
});
