/**
 * The users service's internal API: who is a member of what, with which roles and permissions
 * (asked at every login and refresh), registration's owner step and invitation acceptance.
 */
import { createInternalClient, type InternalClientOptions } from "@erp/http-kit";

export type MembershipStatus = "invited" | "active" | "deactivated";

/** What goes into an access token for one organization. */
export interface Authorization {
  status: MembershipStatus;
  roles: string[];
  permissions: string[];
}

export interface Invitation {
  invitationId: string;
  organizationId: string;
  email: string;
  roles: string[];
}

const path = (...segments: string[]) => segments.map(encodeURIComponent).join("/");

export class UsersClient {
  private readonly call;

  constructor(options: Omit<InternalClientOptions, "service">) {
    this.call = createInternalClient({ service: "users", ...options });
  }

  /** The user's memberships, oldest first. */
  async memberships(userId: string): Promise<{ organizationId: string; status: MembershipStatus }[]> {
    return (await this.call("GET", `/internal/users/${path(userId)}/memberships`)) ?? [];
  }

  /** The user's authorization in the organization; null when not a member at all. */
  async authorization(userId: string, organizationId: string): Promise<Authorization | null> {
    const found = await this.call<Authorization>("GET", `/internal/users/${path(userId, "organizations", organizationId)}/authorization`, {
      accept: [404],
    });
    return found ?? null;
  }

  /** Registration: built-in roles and the owner membership (idempotent). */
  async createOwner(organizationId: string, owner: { userId: string; email: string; name: string }): Promise<Authorization> {
    return (await this.call<Authorization>("POST", `/internal/organizations/${path(organizationId)}/owner`, { body: owner }))!;
  }

  /** Registration's compensation: everything of the organization goes. */
  async deleteOrganization(organizationId: string): Promise<void> {
    await this.call("DELETE", `/internal/organizations/${path(organizationId)}`);
  }

  /** A valid invitation by its token, or null when it is unknown, used, revoked or expired. */
  async lookUpInvitation(token: string): Promise<Invitation | null> {
    return (await this.call<Invitation>("POST", "/internal/invitations/lookup", { body: { token }, accept: [404] })) ?? null;
  }

  /** Uses the invitation up; null when someone else used it first (or it just expired). */
  async consumeInvitation(input: { token: string; userId: string; name: string }): Promise<(Authorization & { organizationId: string }) | null> {
    return (await this.call<Authorization & { organizationId: string }>("POST", "/internal/invitations/consume", { body: input, accept: [404] })) ?? null;
  }
}
