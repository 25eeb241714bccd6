import type { Response } from "express";
import { inTransaction } from "@erp/db";
import { noContent, unauthenticated } from "@erp/http-kit";
import { authPermissions } from "@erp/permissions";
import type { Route } from "../../route";
import { getMe } from "../accounts/get-me";
import { login, type LoginDeps } from "./login";
import { INVALID_CREDENTIALS, INVALID_REFRESH_TOKEN, RATE_LIMITED, RateLimitedError } from "./session.errors";
import type { AuthDatabase } from "../../database";
import type { RevocationDeps } from "./announce-revocation";
import { logout } from "./logout";
import { refreshSession, type RefreshDeps } from "./refresh-session";
import { loginBody, logoutBody, meDto, refreshBody, sessionDto } from "./session.schemas";

const tags = ["Sessions"];
const invalidToken = { 401: { description: "Invalid, expired or revoked refresh token", codes: [INVALID_REFRESH_TOKEN] } };

export function registerSessionRoutes(route: Route, deps: LoginDeps & RefreshDeps & RevocationDeps & { db: AuthDatabase }): void {
  route({
    method: "post",
    path: "/login",
    summary: "Sign in with email and password",
    tags,
    access: { public: true },
    request: { body: loginBody },
    responses: {
      200: { description: "A new session", schema: sessionDto },
      401: { description: "Wrong email or password", codes: [INVALID_CREDENTIALS] },
      429: { description: "Too many failed attempts for this account or address (Retry-After says when to retry)", codes: [RATE_LIMITED] },
    },
    handler: (ctx) =>
      withRetryAfter(ctx.res, () => login(deps, { ...ctx.body, ip: ctx.req.ip ?? ctx.req.socket.remoteAddress ?? "unknown" })),
  });

  route({
    method: "post",
    path: "/refresh",
    summary: "Exchange a refresh token for a new token pair (the old refresh token is used up)",
    tags,
    access: { public: true },
    request: { body: refreshBody },
    responses: { 200: { description: "A new token pair in the same session", schema: sessionDto }, ...invalidToken },
    handler: (ctx) => refreshSession(deps, ctx.body.refreshToken),
  });

  route({
    method: "post",
    path: "/logout",
    summary: "End a session: the refresh token's, or else the access token's",
    tags,
    access: { permission: authPermissions.sessionEnd },
    request: { body: logoutBody },
    responses: { 204: { description: "The session is revoked" }, ...invalidToken },
    handler: async (ctx) => {
      const { sessionId } = ctx.principal;
      if (sessionId === undefined) throw unauthenticated(); // this service only signs tokens with one
      const input = { sessionId, refreshToken: ctx.body?.refreshToken };
      await inTransaction(deps.db, ctx.scope, (tx) => logout(tx, ctx.scope, input, deps));
      noContent(ctx);
    },
  });

  route({
    method: "get",
    path: "/me",
    summary: "The signed-in user, organization, roles and permissions",
    tags,
    access: { permission: authPermissions.sessionRead },
    responses: { 200: { description: "The caller", schema: meDto } },
    handler: ({ scope, principal }) =>
      inTransaction(deps.db, scope, (tx) => getMe(tx, scope, { roles: principal.roles, permissions: principal.permissions })),
  });
}

/** 429 answers tell the client when to retry; the error handler knows no headers. */
export async function withRetryAfter<T>(res: Response, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RateLimitedError) res.setHeader("Retry-After", String(err.retryAfterSeconds));
    throw err;
  }
}
