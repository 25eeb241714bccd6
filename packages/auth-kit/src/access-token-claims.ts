/** The claims an access token must carry to become a Principal. */
import { z, type Principal } from "@erp/http-kit";

// `typ` keeps any other JWT the auth service might sign with the same key from passing as access.
const accessTokenClaims = z.object({
  sub: z.string().min(1),
  /**
   * A uuid (any version, as `organizationIdOf` in @erp/scope takes it), so that every verified token
   * gives a request its scope; a token naming anything else is refused like any malformed token.
   */
  org: z.guid(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  jti: z.string().min(1).optional(),
  /** The session (refresh-token family): what logout and other revocations end. */
  sid: z.string().min(1),
  typ: z.literal("access"),
});

/** The Principal the claims describe, or undefined when they do not have the access-token shape. */
export function principalFromClaims(claims: unknown): Principal | undefined {
  const parsed = accessTokenClaims.safeParse(claims);
  if (!parsed.success) return undefined;
  const { sub, org, roles, permissions, jti, sid } = parsed.data;
  return { userId: sub, organizationId: org, roles, permissions, tokenId: jti, sessionId: sid, kind: "user" };
}
