/** The users service's internal API, as the CRM asks it about a member it has no record of. */
import { createInternalClient, type InternalClientOptions } from "@erp/http-kit";
import type { MemberDirectory } from "../modules/members/member-directory";

/** The users service's answer to `GET /internal/users/{userId}/organizations/{organizationId}/authorization`. */
export function userDirectory(options: Omit<InternalClientOptions, "service">): MemberDirectory {
  const call = createInternalClient({ service: "users", ...options });
  return {
    async membershipStatus(organizationId, userId) {
      const path = `/internal/users/${encodeURIComponent(userId)}/organizations/${encodeURIComponent(organizationId)}/authorization`;
      const authorization = await call<{ status: "invited" | "active" | "deactivated" }>("GET", path, { accept: [404] });
      return authorization?.status ?? null;
    },
  };
}
