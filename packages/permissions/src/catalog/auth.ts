import { definePermissions } from "../define";

export const authPermissions = definePermissions("auth", {
  sessionRead: { key: "auth.session.read", level: "read", description: "See one's own session (/me)" },
  // Read level so that every role holds it: signing out changes nothing in the organization.
  sessionEnd: { key: "auth.session.end", level: "read", description: "End one's own session (logout)" },
  signingKeyRotate: { key: "auth.signing_key.rotate", level: "owner", description: "Rotate the token signing key" },
});
