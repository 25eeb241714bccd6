/**
 * Forwards `/api/v1/<service>/...` unchanged to the service, streaming bodies both ways, and maps
 * upstream failures onto 502/503/504 in the common error format.
 */
import type { Agent, ClientRequest, IncomingMessage } from "node:http";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { createProxyMiddleware, debugProxyErrorsPlugin, proxyEventsPlugin, type Plugin } from "http-proxy-middleware";
import { requestContext, type RequestContext } from "@erp/logging";
import { UpstreamTimeoutError, upstreamFailure } from "./upstream-errors";
import "./request-state";

/** RFC 9110 §7.6.1: meaningful for one connection only, so never passed along. */
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "upgrade"];

export interface ProxyOptions {
  agent: Agent;
  timeoutMs: number;
  /** Called once an upstream answered a request with a 2xx status. */
  onSuccess?: (req: Request) => void;
}

/** The Connection header may name further hop-by-hop headers (`Connection: close, x-hop`). */
function hopByHopHeaders(connection: string | string[] | number | undefined): string[] {
  const listed = String(connection ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  return [...HOP_BY_HOP, ...listed];
}

function prepareUpstreamRequest(proxyReq: ClientRequest, req: IncomingMessage, res: Response, timeoutMs: number) {
  // Transfer-Encoding stays: Node re-frames the streamed body itself from it.
  for (const name of hopByHopHeaders(req.headers.connection)) proxyReq.removeHeader(name);
  const requestId = res.getHeader("x-request-id");
  if (requestId !== undefined) proxyReq.setHeader("x-request-id", String(requestId));
  // An idle upstream socket for this long means the service is stuck: give up with 504.
  proxyReq.setTimeout(timeoutMs, () => proxyReq.destroy(new UpstreamTimeoutError()));
}

export function createProxy({ agent, timeoutMs, onSuccess }: ProxyOptions): RequestHandler {
  // Upstream socket events may fire in another request's async context (keep-alive sockets are
  // shared), so each request's `next` and log context are kept here for the error path.
  const pending = new WeakMap<IncomingMessage, { next: NextFunction; context?: RequestContext }>();
  const proxy = createProxyMiddleware<Request, Response>({
    router: (req) => req.upstream?.url,
    agent,
    changeOrigin: true,
    xfwd: true,
    // The default plugins minus the logger, which builds a URL and a message for every response
    // only to hand them to a no-op logger (the access log already records each request). The
    // plugins are typed for node's request and response, which Express's extend.
    ejectPlugins: true,
    plugins: [debugProxyErrorsPlugin, proxyEventsPlugin] as unknown as Plugin<Request, Response>[],
    on: {
      proxyReq: (proxyReq, req, res) => prepareUpstreamRequest(proxyReq, req, res, timeoutMs),
      proxyRes: (proxyRes, req) => {
        for (const name of hopByHopHeaders(proxyRes.headers.connection)) delete proxyRes.headers[name];
        const status = proxyRes.statusCode ?? 0;
        if (status >= 200 && status < 300) onSuccess?.(req);
      },
      error: (err, req, res) => {
        const state = pending.get(req);
        if ("headersSent" in res && !res.headersSent && state) {
          const failure = upstreamFailure(err, req.upstream?.segment ?? "upstream");
          if (state.context) requestContext.run(state.context, () => state.next(failure));
          else state.next(failure);
        } else {
          // Part of the answer is already on its way: all we can do is cut it short.
          res.destroy();
        }
      },
    },
  });
  return (req, res, next) => {
    if (!req.upstream) return next();
    pending.set(req, { next, context: requestContext.getStore() });
    return proxy(req, res, next);
  };
}
