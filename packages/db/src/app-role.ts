/** The role services switch to on every connection: subject to RLS, owns nothing. */
export const APP_ROLE = "erp_app";
