/**
 * The one zod instance every service uses, extended with `.openapi()` exactly once so the
 * schemas that validate requests also describe them in the OpenAPI document.
 */
import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

extendZodWithOpenApi(z);

export { z };
