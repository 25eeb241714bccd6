/**
 * Where the CRM asks about a member whose membership events it never saw (an organization older
 * than the CRM, whose events the log no longer holds): in production the users service
 * (src/clients/user-directory.ts). Asked once per member; the answer is kept and events take over.
 */

/** What the users service says of a user in an organization; null when the user is no member of it. */
export type DirectoryMembership = "invited" | "active" | "deactivated" | null;

export interface MemberDirectory {
  membershipStatus(organizationId: string, userId: string): Promise<DirectoryMembership>;
}
