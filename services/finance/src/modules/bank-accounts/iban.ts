/**
 * Bank account numbers: IBANs checked with the ISO 13616 / ISO 7064 mod-97-10 check digits, and
 * the masked form shown to those who may not see the number. An account number is taken for an
 * IBAN when it starts with two letters and two digits (spaces ignored).
 */

/** Without spaces and upper-case: how account numbers are stored (an IBAN's electronic format). */
export function compactAccountNumber(value: string): string {
  return value.replace(/\s+/g, "").toUpperCase();
}

/** Whether the (compact) number claims to be an IBAN: a country code and check digits first. */
export function looksLikeIban(compact: string): boolean {
  return /^[A-Z]{2}\d{2}/.test(compact);
}

/**
 * ISO 13616: 15 to 34 letters and digits, and the number with its first four characters moved to
 * the end, letters as 10..35, is 1 modulo 97 (computed in chunks, no big integers).
 */
export function isValidIban(value: string): boolean {
  const iban = compactAccountNumber(value);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** `DE89 3704 0044 0532 0130 00`: an IBAN in groups of four (its print format). */
export function formatIban(compact: string): string {
  return compact.replace(/(.{4})(?=.)/g, "$1 ");
}

/**
 * The number with all but its first four (IBANs: country and check digits) and last four characters
 * hidden: `DE89 **** **** **** **30 00`; other numbers keep the last four: `******7890`.
 */
export function maskAccountNumber(compact: string, isIban: boolean): string {
  if (isIban) {
    const hidden = compact.slice(0, 4) + "*".repeat(Math.max(0, compact.length - 8)) + compact.slice(Math.max(4, compact.length - 4));
    return formatIban(hidden);
  }
  if (compact.length <= 4) return "*".repeat(compact.length);
  return "*".repeat(compact.length - 4) + compact.slice(-4);
}
