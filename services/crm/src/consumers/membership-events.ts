/**
 * The organization's members, copied into the CRM's member read model (who may own records or be
 * assigned tasks): the registering owner (auth.user.registered; the users service announces no
 * membership for it), activated and deactivated memberships. Ordered by when they happened, so a
 * late or repeated event does not undo a newer one.
 */
import { membershipActivated, membershipDeactivated, userRegistered } from "@erp/event-catalog";
import { eventHandler } from "@erp/events";
import type { Tx } from "../db";
import { asService } from "../events";
import { applyMembership, type MemberStatus } from "../modules/members/member-read-model";

const membershipHandler = <D extends typeof userRegistered | typeof membershipActivated | typeof membershipDeactivated>(definition: D, status: MemberStatus) =>
  eventHandler(definition, async (event, tx: Tx) => {
    await applyMembership(tx, asService(event.organizationId), { userId: event.data.userId, status, asOf: new Date(event.occurredAt) });
  });

export const membershipHandlers = {
  [userRegistered.type]: membershipHandler(userRegistered, "active"),
  [membershipActivated.type]: membershipHandler(membershipActivated, "active"),
  [membershipDeactivated.type]: membershipHandler(membershipDeactivated, "deactivated"),
};
