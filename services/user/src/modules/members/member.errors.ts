/** The members module's errors. */
import { forbidden, invalidState, unprocessable } from "@erp/errors";
import { userPermissions } from "@erp/permissions";

export const LAST_OWNER = "LAST_OWNER";

/** 422 LAST_OWNER: demoting or deactivating the organization's only active owner. */
export const lastOwner = () =>
  unprocessable(LAST_OWNER, "The organization's last owner cannot be removed or demoted; make someone else owner first");

/** 403 FORBIDDEN: granting or taking away the owner role (or deactivating an owner) without the permission for it. */
export const ownershipTransferForbidden = () =>
  forbidden(`Granting or taking away the owner role needs ${userPermissions.ownershipTransfer}`);

/** 409 INVALID_STATE */
export const memberAlreadyDeactivated = () => invalidState("The member is already deactivated");

/** 409 INVALID_STATE: only a deactivated member can be reactivated. */
export const memberNotDeactivated = (status: string) => invalidState(`An ${status} member cannot be reactivated`);
