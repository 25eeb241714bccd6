/** What the gateway's middleware learns about a request and hands to the next step. */
import type { OrganizationAccess } from "./organization-access";
import type { Upstream } from "./upstreams";

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

export {};
