/** The scope a route's work runs in, read off the verified principal. */
import { organizationIdOf, type Scope } from "@erp/scope";
import type { Principal } from "./principal";

/**
 * The principal's organization and the principal as the actor.
 * @throws Error when the principal's organization id is not a uuid
 */
export function scopeOf(principal: Principal): Scope {
  return { organizationId: organizationIdOf(principal.organizationId), actor: { type: principal.kind, id: principal.userId } };
}
