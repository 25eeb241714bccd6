/** Plan modules (finance, crm, ...) answer only organizations whose plan enables them. */
import type { RequestHandler } from "express";
import { forbidden } from "@erp/http-kit";
import "./request-state";

export const requireEnabledModule: RequestHandler = (req, _res, next) => {
  const upstream = req.upstream;
  if (req.isPublicRoute || !upstream?.isModule) return next();
  // requireActiveOrganization has run for every authenticated module request.
  const enabled = req.organizationAccess?.enabledModules ?? [];
  if (!enabled.includes(upstream.segment)) {
    throw forbidden(`The ${upstream.segment} module is not enabled for this organization`, "MODULE_DISABLED");
  }
  next();
};
