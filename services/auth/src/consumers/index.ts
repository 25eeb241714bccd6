/** The events the auth service consumes, as its consumer group. */
import { membershipDeactivated } from "@erp/event-catalog";
import type { AuthConfig } from "../config";
import { memberDeactivatedHandler } from "./membership-deactivated";

export const CONSUMER_GROUP = "auth";

/**
 * The handlers, for a configuration (the access tokens' lifetime bounds the revocations they
 * announce). This instance hears its own revocations through the `auth.session.revoked` broadcast.
 */
export function consumers(config: Pick<AuthConfig, "ACCESS_TOKEN_TTL_SECONDS">) {
  return {
    group: CONSUMER_GROUP,
    handlers: {
      [membershipDeactivated.type]: memberDeactivatedHandler({ accessTokens: { ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS } }),
    },
  };
}
