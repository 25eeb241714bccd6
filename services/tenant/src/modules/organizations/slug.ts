/** Turns an organization name into a URL-safe slug and proposes alternatives when it is taken. */
import { randomBytes } from "node:crypto";

const MAX_BASE_LENGTH = 50;

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // drop the accents NFKD split off: "Café" → "cafe"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, MAX_BASE_LENGTH)
    .replace(/^-+|-+$/g, "");
  // Slugs are at least 3 characters; names in other scripts leave nothing behind.
  return base.length >= 3 ? base : `org-${base || randomSuffix()}`.replace(/-+$/, "");
}

/**
 * The candidate for a given attempt: "acme", "acme-2" … "acme-5", then random suffixes, because
 * RLS hides other organizations' slugs and a crowded name should not take many round trips.
 */
export function slugCandidate(base: string, attempt: number): string {
  if (attempt === 0) return base;
  if (attempt < 5) return `${base}-${attempt + 1}`;
  return `${base}-${randomSuffix()}`;
}

function randomSuffix(): string {
  return randomBytes(4).toString("hex").slice(0, 6);
}
