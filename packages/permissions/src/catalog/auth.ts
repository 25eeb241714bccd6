import { definePermissions } from "../define";

export const authPermissions = definePermissions("auth", {
  sessionRead: { key: "auth.session.read", level: "read", description: "See one's own session (/me)" },
  signingKeyRotate: { key: "auth.signing_key.rotate", level: "owner", description: "Rotate the token signing key" },
});
