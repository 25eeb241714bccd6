import { created } from "@erp/http-kit";
import { z } from "zod";
import type { Route } from "../../route";
import { reconcileRegistrations, type ReconcileDeps } from "./reconcile-registrations";
import { register, type RegisterDeps } from "./register";
import { EMAIL_ALREADY_REGISTERED } from "./registration.errors";
import { registerBody, registrationDto } from "./registration.schemas";

export function registerRegistrationRoutes(route: Route, deps: RegisterDeps & ReconcileDeps & { reconcileAfterMs: number }): void {
  route({
    method: "post",
    path: "/register",
    summary: "Register a new organization and its owner",
    description:
      "With an `Idempotency-Key` (kept per key for this route, since there is no organization yet), a retry " +
      "after a lost answer gets the same organization and tokens instead of EMAIL_ALREADY_REGISTERED.",
    tags: ["Registration"],
    access: { public: true },
    idempotent: true,
    request: { body: registerBody },
    responses: {
      201: { description: "Organization, owner and a first token pair", schema: registrationDto },
      409: { description: "The email is already registered", codes: [EMAIL_ALREADY_REGISTERED] },
      502: { description: "The tenant service failed (nothing was left behind)" },
    },
    handler: async (ctx) => {
      const location = ctx.location("/me");
      // The answer is kept in the transaction that commits the owner: both or neither.
      const registration = await register(deps, ctx.body, { beforeCommit: (tx, answer) => ctx.idempotency.created(tx, answer, location) });
      return created(ctx, registration, location);
    },
  });
  route({
    method: "post",
    path: "/registrations/reconcile",
    internal: true,
    summary: "Complete or undo registrations a crash left half-done (every instance also does it periodically)",
    tags: ["Registration (internal)"],
    access: { internal: true },
    request: {
      body: z
        .object({
          olderThanSeconds: z
            .number()
            .int()
            .min(0)
            .optional()
            .describe("Only registrations begun longer ago than this; default REGISTRATION_RECONCILE_AFTER_MS"),
        })
        .strict()
        .optional(),
    },
    responses: {
      200: {
        description: "What was settled",
        schema: z.object({
          completed: z.number().int(),
          compensated: z.number().int(),
          suspended: z.number().int(),
          failed: z.number().int(),
        }),
      },
    },
    handler: ({ body }) =>
      reconcileRegistrations(deps, body?.olderThanSeconds === undefined ? deps.reconcileAfterMs : body.olderThanSeconds * 1000),
  });
}
