/**
 * How email addresses, web domains and phone numbers are stored and compared. Emails are trimmed
 * and lower-cased, nothing more: `john+crm@x.com` stays distinct from `john@x.com`. Phones are
 * E.164, parsed by libphonenumber-js (national numbers need a country).
 */
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

/** ` John@Example.COM ` → `john@example.com`. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** The part after the @ of a normalised email. */
export const emailDomain = (email: string): string => normaliseEmail(email).split("@").pop() ?? "";

/**
 * `https://www.Acme.com/about` → `acme.com`; null for an empty value.
 * @returns null when nothing like a host name is left
 */
export function normaliseDomain(value: string): string | null {
  const host = value
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
    .replace(/[/?#].*$/, "")
    .replace(/:\d+$/, "")
    .replace(/^www\./, "")
    .replace(/\.$/, "");
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : null;
}

/**
 * The number in E.164 (`+41446681800`), or null when it is not a valid number. A number without
 * a leading + is read as a national number of `country`.
 */
export function toE164(number: string, country?: string): string | null {
  const parsed = parsePhoneNumberFromString(number.trim(), country ? { defaultCountry: country.toUpperCase() as CountryCode } : undefined);
  return parsed && parsed.isValid() ? parsed.number : null;
}

/**
 * Mailbox providers whose domain says nothing about the company: a lead from such an address
 * is not matched to, nor creates, a company by domain.
 */
const FREE_MAIL = new Set([
  "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "hotmail.com", "outlook.com", "live.com", "msn.com",
  "icloud.com", "me.com", "aol.com", "gmx.de", "gmx.net", "gmx.ch", "web.de", "proton.me", "protonmail.com", "mail.com", "yandex.ru",
]);

export const isFreeMailDomain = (domain: string): boolean => FREE_MAIL.has(domain);
