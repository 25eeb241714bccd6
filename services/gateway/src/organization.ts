/** The organization a request acts in is the one its token was issued for; a header cannot switch it. */
import type { RequestHandler } from "express";
import { forbidden } from "@erp/http-kit";
import "./request-state";

export const ORGANIZATION_HEADER = "x-organization-id";

export const resolveOrganization: RequestHandler = (req, _res, next) => {
  if (req.isPublicRoute || !req.principal) return next();
  const tokenOrganization = req.principal.organizationId;
  if (!tokenOrganization) throw forbidden("The access token is not issued for an organization; log in to one");
  const requested = req.get(ORGANIZATION_HEADER);
  // Switching organizations needs a token whose claims (roles, permissions) were issued for that one.
  if (requested !== undefined && requested !== tokenOrganization) {
    throw forbidden(
      `X-Organization-Id ${requested} does not match the access token's organization; ` +
        "log in to that organization (or refresh for it) to get a token for it",
    );
  }
  next();
};
