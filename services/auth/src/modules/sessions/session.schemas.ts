/** Request and response schemas of the session endpoints (login, refresh, logout, me). */
import { z } from "zod";

const refreshToken = z.string().min(1).max(512).describe("Opaque refresh token from login, register or refresh");

export const loginBody = z
  .object({
    email: z.string().trim().min(1).max(254),
    password: z.string().min(1).max(1024),
    organizationId: z
      .uuid()
      .optional()
      .describe("Organization to sign in to; defaults to the user's oldest active membership"),
  })
  .strict();

export const refreshBody = z.object({ refreshToken }).strict();

/** Optional: without a body, logout ends the session the access token belongs to. */
export const logoutBody = z.object({ refreshToken: refreshToken.optional() }).strict().optional();

export const tokenPairDto = z.object({
  accessToken: z.string().describe("ES256 JWT for the Authorization header"),
  refreshToken,
  expiresIn: z.number().int().describe("Access-token lifetime in seconds"),
  tokenType: z.literal("Bearer"),
});

export const meDto = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), name: z.string() }),
  organizationId: z.uuid(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
});
