/** Postal addresses as a printed document shows them. */

/**
 * An address of the platform's shape (`{line1, line2, city, region, postalCode, country}`: a
 * customer's from master-data's events, the organization's from the tenant's settings) as printed
 * lines, top to bottom: line1, line2, "postalCode city", region, country. Absent or blank parts are
 * left out; anything that is not an object prints nothing.
 */
export function postalAddressLines(address: unknown): string[] {
  if (!address || typeof address !== "object") return [];
  const a = address as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value : null);
  const town = [text(a.postalCode), text(a.city)].filter(Boolean).join(" ");
  return [text(a.line1), text(a.line2), text(town), text(a.region), text(a.country)].filter((part): part is string => part !== null);
}
