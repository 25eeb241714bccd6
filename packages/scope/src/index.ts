export { organizationIdOf, serviceScope, type Actor, type OrganizationId, type Scope } from "./scope";
