/** The events the auth service publishes (through auth.outbox) and their data schemas. */
import { z } from "zod";
import { defineEvent, type Actor } from "@erp/events";

export const OUTBOX_SCHEMA = "auth";

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

/** System decisions (reuse detection) are taken by the auth service itself. */
export const serviceActor: Actor = { type: "service", id: "auth" };
