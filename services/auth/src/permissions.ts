// The permission strings the auth service declares (`<module>.<resource>.<action>`).
export const AUTH_PERMISSIONS = {
  sessionRead: "auth.session.read",
} as const;

export type AuthPermission = (typeof AUTH_PERMISSIONS)[keyof typeof AUTH_PERMISSIONS];
