import { z } from "@erp/http-kit";
import { tokenVerifierConfig, tokenVerifierOptions } from "./verifier-config";

const schema = z.object(tokenVerifierConfig);

test("without AUTH_JWKS_URL, the JWKS is the auth service's under AUTH_URL", () => {
  const options = tokenVerifierOptions(schema.parse({ AUTH_URL: "http://auth.internal:3002" }));
  expect(options).toEqual({
    jwksUrl: "http://auth.internal:3002/api/v1/auth/.well-known/jwks.json",
    issuer: "erp-auth",
    audience: "erp-api",
  });
});

test("an explicit AUTH_JWKS_URL, issuer and audience win", () => {
  const options = tokenVerifierOptions(
    schema.parse({ AUTH_JWKS_URL: "https://keys.example.com/jwks.json", JWT_ISSUER: "iss", JWT_AUDIENCE: "aud" }),
  );
  expect(options).toEqual({ jwksUrl: "https://keys.example.com/jwks.json", issuer: "iss", audience: "aud" });
});

test("a malformed AUTH_JWKS_URL is refused", () => {
  expect(schema.safeParse({ AUTH_JWKS_URL: "not a url" }).success).toBe(false);
});
