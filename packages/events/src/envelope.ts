import type { Actor } from "@erp/scope";
import { z } from "zod";

/** The envelope every event travels in, on every transport (API.md, Events). */
export const eventEnvelopeSchema = z.object({
  id: z.string().uuid(),
  type: z.string().regex(/^[a-z_]+\.[a-z_]+\.[a-z_]+$/, "must be <domain>.<aggregate>.<past-tense verb>"),
  version: z.number().int().min(1),
  organizationId: z.string().uuid(),
  aggregateId: z.string().min(1),
  occurredAt: z.string().datetime(),
  actor: z.object({ type: z.enum(["user", "service"]), id: z.string().min(1) }) satisfies z.ZodType<Actor>,
  correlationId: z.string().min(1),
  data: z.record(z.string(), z.unknown()),
});

export type EventEnvelope<TData = Record<string, unknown>> = Omit<z.infer<typeof eventEnvelopeSchema>, "data"> & {
  data: TData;
};

/** Who caused the event: the actor of the scope the work ran in (@erp/scope). */
export type { Actor };
