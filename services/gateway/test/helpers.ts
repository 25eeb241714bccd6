/** Fake upstream services (node:http on port 0) and a gateway started in front of them. */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { startServer, type RunningServer } from "../src/server";

export const INTERNAL_API_KEY = "gateway-test-internal-key";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  bodyLength: number;
  bodySha256: string;
}

export interface FakeUpstream {
  name: string;
  url: string;
  requests: RecordedRequest[];
  /** URLs as requests arrive, before any answer (recorded requests are the answered ones). */
  arrived: string[];
  /** What `/ready` answers. */
  ready: boolean;
  close(): Promise<void>;
}

export interface FakeTenant extends FakeUpstream {
  organizations: Map<string, { status: string; enabledModules: string[] }>;
  accessLookups: string[];
}

async function listenOnFreePort(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

type ExtraRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Paths ending in `/slow` never answer, `/hang-up` drops the socket, `/delayed` answers after
 * 200 ms, `/status/<code>` answers
 * that status; everything else echoes what arrived (method, url, headers, body length and hash).
 */
export async function startFakeUpstream(name: string, extra?: ExtraRoute): Promise<FakeUpstream> {
  const upstream: FakeUpstream = { name, url: "", requests: [], arrived: [], ready: true, close: async () => undefined };
  const server = createServer(async (req, res) => {
    if (req.url === "/ready") return json(res, upstream.ready ? 200 : 503, { status: upstream.ready ? "ready" : "not_ready" });
    if (extra?.(req, res)) return;
    upstream.arrived.push(req.url ?? "");
    const path = (req.url ?? "").split("?")[0] ?? "";
    if (path.endsWith("/slow")) return;
    if (path.endsWith("/hang-up")) return void req.socket.destroy();
    if (path.endsWith("/delayed")) await new Promise((resolve) => setTimeout(resolve, 200));
    const body = await readBody(req);
    const recorded: RecordedRequest = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      bodyLength: body.length,
      bodySha256: createHash("sha256").update(body).digest("hex"),
    };
    upstream.requests.push(recorded);
    const status = Number(/\/status\/(\d{3})$/.exec(path)?.[1] ?? 200);
    json(res, status, { data: { service: name, ...recorded } }, {
      // Hop-by-hop headers the gateway must not pass on to the client.
      connection: "keep-alive, x-upstream-hop",
      "x-upstream-hop": "secret",
      "proxy-authenticate": "Basic",
    });
  });
  upstream.url = await listenOnFreePort(server);
  upstream.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return upstream;
}

export async function startFakeTenant(): Promise<FakeTenant> {
  const organizations = new Map<string, { status: string; enabledModules: string[] }>();
  const accessLookups: string[] = [];
  const upstream = await startFakeUpstream("tenant", (req, res) => {
    const match = /^\/internal\/organizations\/([^/]+)\/access$/.exec(req.url ?? "");
    if (!match) return false;
    if (req.headers.authorization !== `Bearer ${INTERNAL_API_KEY}`) {
      json(res, 401, { error: { code: "UNAUTHENTICATED", message: "bad internal key" } });
      return true;
    }
    const id = match[1]!;
    accessLookups.push(id);
    const access = organizations.get(id);
    if (access) json(res, 200, { data: access });
    else json(res, 404, { error: { code: "NOT_FOUND", message: "Organization not found" } });
    return true;
  });
  return Object.assign(upstream, { organizations, accessLookups });
}

/** A URL where nothing listens: connections are refused. */
export async function unusedUrl(): Promise<string> {
  const server = createServer();
  const url = await listenOnFreePort(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return url;
}

export interface IssuerLike {
  jwksUrl: string;
  issuer: string;
  audience: string;
}

export function gatewayEnv(issuer: IssuerLike, urls: Record<string, string>, overrides: Record<string, string> = {}) {
  return {
    NODE_ENV: "test",
    LOG_LEVEL: "error",
    INTERNAL_API_KEY,
    AUTH_JWKS_URL: issuer.jwksUrl,
    JWT_ISSUER: issuer.issuer,
    JWT_AUDIENCE: issuer.audience,
    ...urls,
    ...overrides,
  };
}

export function startGateway(env: Record<string, string>): Promise<RunningServer> {
  return startServer(env, { port: 0 });
}

export const newId = (): string => randomUUID();

