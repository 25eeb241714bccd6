/**
 * Masks the credentials of URLs inside any text: `postgres://app:s3cret@db:5432/erp` →
 * `postgres://app:***@db:5432/erp`. Everything that prints or logs text that may hold a URL
 * (the launcher's banner and child output, scripts, every log line) passes it through here.
 */
import { isSensitiveKey } from "./sensitive-keys";

export const MASK = "***";

/** `scheme://` then the rest of the URL, up to whitespace or a character that closes a quote or tag. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>]+/gi;
/**
 * `scheme://userinfo@`; userinfo runs to the last `@` before the host part, so a password that
 * holds a raw `@` is masked whole.
 */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i;
const QUERY_PARAMETER = /([?&;])([^=&;#]+)=([^&;#]*)/g;

/**
 * Returns `text` with, in every URL it contains, the password of the user info and the value
 * of every query parameter with a secret-looking name (`password`, `token`, `api_key`…)
 * replaced by `***`. A user name alone is kept (`postgres://postgres@host`): it names who, not
 * the secret. Text without `://` is returned as is, cheaply.
 */
export function maskUrl(text: string): string {
  if (!text.includes("://")) return text;
  return text.replace(URL_IN_TEXT, maskOneUrl);
}

function maskOneUrl(url: string): string {
  const query = url.indexOf("?");
  const beforeQuery = query === -1 ? url : url.slice(0, query);
  const maskedStart = beforeQuery.replace(USERINFO, (whole, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(":");
    return colon === -1 ? whole : `${scheme}${userinfo.slice(0, colon)}:${MASK}@`;
  });
  if (query === -1) return maskedStart;
  const maskedQuery = url
    .slice(query)
    .replace(QUERY_PARAMETER, (whole, separator: string, name: string, value: string) =>
      value && isSensitiveKey(safeDecode(name)) ? `${separator}${name}=${MASK}` : whole,
    );
  return `${maskedStart}${maskedQuery}`;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
