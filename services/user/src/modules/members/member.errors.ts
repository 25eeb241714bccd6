/** The members module's business-rule errors (422). */
import { unprocessable } from "@erp/errors";

export const LAST_OWNER = "LAST_OWNER";

/** Demoting or deactivating the organization's only active owner. */
export const lastOwner = () =>
  unprocessable(LAST_OWNER, "The organization's last owner cannot be removed or demoted; make someone else owner first");
