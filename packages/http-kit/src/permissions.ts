/** Permission strings are `<module>.<resource>.<action>`; grants may use wildcards. */
import type { RequestHandler } from "express";
import { forbidden, unauthenticated } from "@erp/errors";

/** True when `required` is granted: exactly, by `*`, by `module.*` or by `module.resource.*`. */
export function hasPermission(granted: readonly string[], required: string): boolean {
  return granted.some((grant) => {
    if (grant === "*" || grant === required) return true;
    if (!grant.endsWith(".*")) return false;
    return required.startsWith(grant.slice(0, -1));
  });
}

/** 401 without a principal (authenticate did not run or failed), 403 without the permission. */
export function requirePermission(permission: string): RequestHandler {
  return (req, _res, next) => {
    if (!req.principal) throw unauthenticated();
    if (!hasPermission(req.principal.permissions, permission)) {
      throw forbidden(`Missing permission ${permission}`);
    }
    next();
  };
}
