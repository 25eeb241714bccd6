/** Signs and verifies access tokens: short-lived ES256 JWTs carrying the caller's authority. */
import jwt from "jsonwebtoken";
import { uuidv7 } from "@erp/db";
import { unauthenticated } from "@erp/errors";
import { SIGNING_ALGORITHM, type SigningKeyStore } from "../signing-keys/signing-key-store";
import { accessTokenExpired } from "./session.errors";

export interface AccessTokenSubject {
  userId: string;
  organizationId: string;
  roles: string[];
  permissions: string[];
  /** The refresh-token family (login session) this token belongs to. */
  sessionId: string;
}

export interface VerifiedAccessToken extends AccessTokenSubject {
  tokenId: string;
}

export interface AccessTokenOptions {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/** Same tolerance as @erp/auth-kit, so every service agrees on when a token expired. */
const CLOCK_TOLERANCE_SECONDS = 5;

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

export class AccessTokens {
  constructor(
    private readonly keys: SigningKeyStore,
    private readonly options: AccessTokenOptions,
  ) {}

  get ttlSeconds(): number {
    return this.options.ttlSeconds;
  }

  /**
   * A signed access token for `subject`, valid for the configured lifetime or `lifetimeSeconds`
   * when that is shorter (a session about to reach its absolute end).
   */
  async sign(subject: AccessTokenSubject, lifetimeSeconds = this.options.ttlSeconds): Promise<string> {
    const { kid, privateKey } = await this.keys.currentKey();
    const claims = {
      org: subject.organizationId,
      roles: subject.roles,
      permissions: subject.permissions,
      sid: subject.sessionId,
      typ: "access",
    };
    return jwt.sign(claims, privateKey, {
      algorithm: SIGNING_ALGORITHM,
      keyid: kid,
      subject: subject.userId,
      issuer: this.options.issuer,
      audience: this.options.audience,
      expiresIn: Math.min(lifetimeSeconds, this.options.ttlSeconds),
      jwtid: uuidv7(),
    });
  }

  /** Verifies signature (ES256 only), issuer, audience, expiry and shape; throws a 401 AppError. */
  async verify(token: string): Promise<VerifiedAccessToken> {
    const decoded = jwt.decode(token, { complete: true });
    // The algorithm is pinned before any key is looked up: `none` and HS256 tricks stop here.
    if (!decoded || decoded.header.alg !== SIGNING_ALGORITHM || typeof decoded.header.kid !== "string") {
      throw unauthenticated();
    }
    const key = await this.keys.verificationKey(decoded.header.kid);
    if (!key) throw unauthenticated();
    let payload: jwt.JwtPayload | string;
    try {
      payload = jwt.verify(token, key, {
        algorithms: [SIGNING_ALGORITHM],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
    } catch (err) {
      if (err instanceof jwt.TokenExpiredError) throw accessTokenExpired();
      throw unauthenticated();
    }
    if (
      typeof payload === "string" ||
      payload.typ !== "access" ||
      typeof payload.sub !== "string" ||
      typeof payload.org !== "string" ||
      typeof payload.sid !== "string" ||
      typeof payload.jti !== "string" ||
      !isStringArray(payload.roles) ||
      !isStringArray(payload.permissions)
    ) {
      throw unauthenticated();
    }
    return {
      userId: payload.sub,
      organizationId: payload.org,
      roles: payload.roles,
      permissions: payload.permissions,
      sessionId: payload.sid,
      tokenId: payload.jti,
    };
  }
}
