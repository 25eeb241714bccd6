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

/** A login session (refresh-token family) was revoked by the system, not by a plain logout. */
export const sessionRevoked = defineEvent(
  "auth.session.revoked",
  1,
  z.object({
    userId: z.string().uuid(),
    sessionId: z.string().uuid(),
    reason: z.enum(["refresh_token_reuse", "membership_inactive"]),
  }),
);
