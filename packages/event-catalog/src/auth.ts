/** Events of the auth service (topic erp.auth): registrations and sessions. */
import { z } from "zod";
import { defineEvent } from "@erp/events";

/** A person registered and became the owner of a new organization. */
export const userRegistered = defineEvent(
  "auth.user.registered",
  1,
  z.object({
    userId: z.string().uuid(),
    email: z.string(),
    name: z.string(),
    roles: z.array(z.string()),
  }),
);

/**
 * A login session (refresh-token family) ended before its access tokens expired: the user logged
 * out, a refresh token was reused (the family is presumed stolen) or the member was deactivated
 * (one event per session of that user in that organization). Every process that verifies access
 * tokens hears it (a broadcast, not a consumer group) and refuses the session's tokens from then
 * until `tokensExpireAt`; after that the tokens are expired anyway.
 */
export const sessionRevoked = defineEvent(
  "auth.session.revoked",
  1,
  z.object({
    userId: z.string().uuid(),
    sessionId: z.string().uuid().describe("The access tokens' `sid` claim: the refresh-token family"),
    reason: z.enum(["logout", "refresh_token_reuse", "membership_inactive"]),
    tokensExpireAt: z.iso
      .datetime()
      .describe("When the last access token of the session expires; a revocation need not be remembered after it"),
  }),
);
