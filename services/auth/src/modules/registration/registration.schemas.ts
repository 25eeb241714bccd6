/** Request and response schemas of registration. */
import { z } from "zod";
import { passwordSchema } from "../credentials/password";
import { sessionDto } from "../sessions/session.schemas";

export const registerBody = z
  .object({
    organizationName: z.string().trim().min(1).max(200),
    name: z.string().trim().min(1).max(200),
    email: z.email().max(254),
    password: passwordSchema.describe("10 to 128 characters, not one character repeated"),
  })
  .strict()
  .openapi({ example: { organizationName: "Acme Trading GmbH", name: "Ada Lovelace", email: "ada@acme.example", password: "correct horse battery staple" } });

/** A session, as from login, plus the organization it created. */
export const registrationDto = sessionDto.extend({
  organization: z.object({ id: z.uuid(), name: z.string(), slug: z.string(), status: z.string() }),
});
