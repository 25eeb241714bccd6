import { created } from "@erp/http-kit";
import type { Route } from "../../route";
import { register, type RegisterDeps } from "./register";
import { registerBody, registrationDto } from "./registration.schemas";

export function registerRegistrationRoutes(route: Route, deps: RegisterDeps): void {
  route({
    method: "post",
    path: "/register",
    summary: "Register a new organization and its owner",
    tags: ["Registration"],
    access: { public: true },
    request: { body: registerBody },
    responses: {
      201: { description: "Organization, owner and a first token pair", schema: registrationDto },
      409: { description: "The email is already registered (EMAIL_ALREADY_REGISTERED)" },
      502: { description: "The tenant service failed (nothing was left behind)" },
    },
    handler: async (ctx) => created(ctx, await register(deps, ctx.body), "/api/v1/auth/me"),
  });
}
