/**
 * A fake of another service over real HTTP, for `startServiceSystem`'s `upstreams`: the test
 * decides each answer (and can make it fail), the service under test calls it as in production.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the fake received; `body` is the parsed JSON body (`{}` when empty). */
export interface FakeRequest {
  method: string;
  /** Path and query, as sent: `/internal/organizations/<id>/activate`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/** An answer: a status and, unless 204, a JSON body. */
export interface FakeResponse {
  status: number;
  body?: unknown;
}

export interface FakeUpstream {
  /** `http://127.0.0.1:<port>`, to hand over as the service's `<NAME>_URL`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Listens on a free loopback port and answers every request with `handle`'s answer (JSON).
 * A handler that throws answers 500 with the error's message.
 */
export async function startFakeUpstream(handle: (req: FakeRequest) => FakeResponse | Promise<FakeResponse>): Promise<FakeUpstream> {
  const server = createServer(async (req, res) => {
    let answer: FakeResponse;
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
      answer = await handle({ method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body });
    } catch (err) {
      answer = { status: 500, body: { error: { code: "INTERNAL", message: err instanceof Error ? err.message : String(err) } } };
    }
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
