/**
 * Who a piece of work is done for and by whom: built once at the edge (a route from the verified
 * token, a consumer from the event) and passed down, so that use cases and repositories never
 * take the organization id as a plain string that could be swapped with another id.
 */
declare const organizationIdBrand: unique symbol;

/** An organization's id (a uuid) that has been checked: only `organizationIdOf` makes one. */
export type OrganizationId = string & { readonly [organizationIdBrand]: true };

/** Who acts: a signed-in user, or a service (internal calls, event consumers, sweeps). */
export interface Actor {
  type: "user" | "service";
  id: string;
}

export interface Scope {
  organizationId: OrganizationId;
  actor: Actor;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Brands `value` as an organization id.
 * @throws Error when `value` is not a uuid: the caller passed something that is not an id, a bug,
 *   not a client error (ids from requests are validated by their schemas first).
 */
export function organizationIdOf(value: string): OrganizationId {
  if (!UUID.test(value)) throw new Error("An organization id must be a uuid");
  return value as OrganizationId;
}

/**
 * The scope of a consumer, sweep or internal call: the service itself acting for the organization.
 * Takes a plain string too (an event's `organizationId`) and checks it like `organizationIdOf`.
 * @throws Error when `organizationId` is not a uuid
 */
export function serviceScope(organizationId: string, serviceName: string): Scope {
  return { organizationId: organizationIdOf(organizationId), actor: { type: "service", id: serviceName } };
}
