/** Field and parameter names whose values are secrets, wherever they appear. */
const SENSITIVE_KEY = /password|passwd|pwd|token|secret|authorization|cookie|api[-_]?key/i;

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}
