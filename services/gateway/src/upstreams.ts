/** The services behind the gateway: the path segment clients use, where each one runs, and whether a plan must enable it. */
import type { GatewayConfig } from "./config";

export interface Upstream {
  /** `/api/v1/<segment>/...`, also the name in `enabledModules` for module services. */
  segment: string;
  url: string;
  /** Plan modules must be enabled for the organization; core services are always allowed. */
  isModule: boolean;
}

export const API_PREFIX = "/api/v1/";

/**
 * The upstreams the gateway serves, by segment. A service is one when its URL is known: the
 * services in this repository have default URLs; one that does not exist yet (notifications) is
 * served only when its URL is configured, so `/ready` lists only services that can answer.
 */
export function createUpstreams(config: GatewayConfig): Map<string, Upstream> {
  const candidates: { segment: string; url: string | undefined; isModule: boolean }[] = [
    { segment: "auth", url: config.AUTH_URL, isModule: false },
    { segment: "tenant", url: config.TENANT_URL, isModule: false },
    { segment: "users", url: config.USER_URL, isModule: false },
    { segment: "master-data", url: config.MASTER_DATA_URL, isModule: true },
    { segment: "finance", url: config.FINANCE_URL, isModule: true },
    { segment: "crm", url: config.CRM_URL, isModule: true },
    { segment: "notifications", url: config.NOTIFICATION_URL, isModule: true },
  ];
  const upstreams = candidates.filter((u): u is Upstream => u.url !== undefined);
  return new Map(upstreams.map((u) => [u.segment, { ...u, url: u.url.replace(/\/+$/, "") }]));
}

/** `/api/v1/finance/invoices` → `{ segment: "finance", rest: "/invoices" }`; null outside the API. */
export function parseApiPath(path: string): { segment: string; rest: string } | null {
  if (!path.startsWith(API_PREFIX)) return null;
  const afterPrefix = path.slice(API_PREFIX.length);
  const slash = afterPrefix.indexOf("/");
  const segment = slash === -1 ? afterPrefix : afterPrefix.slice(0, slash);
  return { segment, rest: slash === -1 ? "" : afterPrefix.slice(slash) };
}
