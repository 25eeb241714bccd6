/**
 * What the gateway's middleware learns about a request and hands to the next step. The steps
 * import this file; it imports none of them.
 */
import type { Upstream } from "./upstreams";

/** What tenant says an organization may do: its status and the plan modules enabled for it. */
export interface OrganizationAccess {
  status: string;
  enabledModules: string[];
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express is augmented through its global namespace
  namespace Express {
    interface Request {
      /** The service an `/api/v1/<segment>/...` request goes to. */
      upstream?: Upstream;
      /** Routes anyone may call: no token, no organization checks. */
      isPublicRoute?: boolean;
      /** Why the bearer token was refused, kept until a route turns out to need it. */
      authError?: unknown;
      organizationAccess?: OrganizationAccess;
    }
  }
}
