/** Reimbursements' errors: the claimant rules (403) and the lines' rules (422 naming the field). */
import { forbidden, invalidState, unprocessable } from "@erp/errors";

export const INVALID_CATEGORY_ACCOUNT = "INVALID_CATEGORY_ACCOUNT";
export const AMOUNT_NOT_POSITIVE = "AMOUNT_NOT_POSITIVE";
export const PAYMENT_BEFORE_APPROVAL = "PAYMENT_BEFORE_APPROVAL";

/** 422 INVALID_CATEGORY_ACCOUNT naming `lines.<n>.accountId`: a group, archived, not an expense account, in another currency. */
export const invalidCategoryAccount = (code: string, why: string, path: string) =>
  unprocessable(INVALID_CATEGORY_ACCOUNT, `Account ${code} ${why}: a claim's category must be an active posting account of type expense`, [{ path, message: why }]);

/** 422 AMOUNT_NOT_POSITIVE naming `lines.<n>.amount`: the tax would take all of it. */
export const amountNotPositive = (path: string) =>
  unprocessable(AMOUNT_NOT_POSITIVE, "The amount leaves no net amount once the tax is taken out", [{ path, message: "Too small for its tax" }]);

/** 422 PAYMENT_BEFORE_APPROVAL naming date: a claim is paid on or after the day it was approved (the payable exists from then). */
export const paymentBeforeApproval = (approvedDate: string) =>
  unprocessable(PAYMENT_BEFORE_APPROVAL, `A claim is paid on or after its approval (${approvedDate})`, [{ path: "date", message: `On or after ${approvedDate}` }]);

/** 403 FORBIDDEN: only a user (a member of the organization) claims money for themselves. */
export const claimantNotAUser = () => forbidden("Only a user of the organization can claim a reimbursement", "FORBIDDEN");

/** 403 FORBIDDEN: a draft is edited, deleted and submitted by its claimant only. */
export const notTheClaimant = (what: string) => forbidden(`Only the claimant can ${what} this claim`);

/** 403 FORBIDDEN: nobody approves, rejects or pays their own claim. */
export const ownClaim = (what: string) => forbidden(`You cannot ${what} your own reimbursement claim: another member with the permission must`);

/** 409 INVALID_STATE: the transition does not start from the claim's status. */
export const illegalTransition = (what: string, status: string, allowed: string) =>
  invalidState(`Cannot ${what} a ${status} reimbursement claim: only a ${allowed} one`);
