/**
 * Request and response schemas of the session endpoints (login, refresh, logout, me). One shape
 * for one thing, in every answer of the API: the user is `userId`, the organization
 * `organizationId`, and a token pair is always the `tokens` object of a session.
 */
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
  .strict()
  .openapi({ example: { email: "ada@acme.example", password: "correct horse battery staple" } });

const refreshTokenExample = "3q2-7wEXAMPLEb2xkLXJlZnJlc2gtdG9rZW4";

export const refreshBody = z.object({ refreshToken }).strict().openapi({ example: { refreshToken: refreshTokenExample } });

/** Optional: without a body, logout ends the session the access token belongs to. */
export const logoutBody = z
  .object({ refreshToken: refreshToken.optional() })
  .strict()
  .openapi({ example: { refreshToken: refreshTokenExample } })
  .optional();

export const tokenPairDto = z
  .object({
    accessToken: z.string().describe("ES256 JWT for the Authorization header"),
    refreshToken,
    expiresIn: z.number().int().describe("Access-token lifetime in seconds"),
    tokenType: z.literal("Bearer"),
  })
  .describe("A token pair: every answer that signs someone in carries it as `tokens`");

const userId = z.uuid().describe("The signed-in user (named `userId` everywhere in the API)");
const organizationId = z.uuid().describe("The organization the tokens act in");

/** What login, refresh and accepting an invitation answer; registration adds the organization. */
export const sessionDto = z.object({ userId, organizationId, tokens: tokenPairDto });

export const meDto = z.object({
  userId,
  email: z.string(),
  name: z.string(),
  organizationId,
  roles: z.array(z.string()).describe("Role names, as in the access token"),
  permissions: z.array(z.string()),
});
