/** Builds the service's OpenAPI 3 document from the same zod schemas its routes validate with. */
import { OpenAPIRegistry, OpenApiGeneratorV3, zodToOpenAPIRegistry, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { needsToken, type Access } from "./access";
import { UPLOAD_FIELD, UPLOAD_TYPE } from "./body-parsing";
import { errorBodySchema } from "./error-body";
import { isPageSchema } from "./responses";
import { z } from "./zod";

export interface DocumentedRoute {
  method: RouteConfig["method"];
  /** Full path in OpenAPI form, basePath included. */
  path: string;
  summary: string;
  description?: string;
  tags?: string[];
  access: Access;
  request?: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType; contentType?: string };
  /** Header parameters (`Idempotency-Key` on idempotent routes). */
  headers?: z.ZodObject;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string; alternatives?: Record<string, z.ZodType>; codes?: string[] }>;
}

const BEARER = "bearerAuth";

export class OpenApiDocument {
  private readonly registry = new OpenAPIRegistry();
  private cached?: object;

  constructor(private readonly info: { title: string; version: string }) {
    this.registry.registerComponent("securitySchemes", BEARER, { type: "http", scheme: "bearer", bearerFormat: "JWT" });
    this.registry.register("Error", errorBodySchema);
  }

  add(route: DocumentedRoute): void {
    const { request, access } = route;
    const permission = "permission" in access ? access.permission : undefined;
    this.registry.registerPath({
      method: route.method,
      path: route.path,
      summary: route.summary,
      description: [route.description, permission && `Requires permission \`${permission}\`.`].filter(Boolean).join("\n\n") || undefined,
      tags: route.tags,
      security: needsToken(access) ? [{ [BEARER]: [] }] : undefined,
      request: {
        // zod-to-openapi documents parameters from object schemas only; the route types ensure that.
        params: request?.params as z.ZodObject | undefined,
        query: request?.query as z.ZodObject | undefined,
        headers: route.headers,
        body: request?.body && { required: true, content: this.requestContent(request.body, request.contentType) },
      },
      responses: { ...this.errorResponses(route), ...this.successResponses(route) },
    });
    this.cached = undefined;
  }

  document(): object {
    this.cached ??= new OpenApiGeneratorV3(this.registry.definitions).generateDocument({
      openapi: "3.0.3",
      info: this.info,
    });
    return this.cached;
  }

  /** A text body (CSV) may also come as a file in a form: Swagger UI then offers a file picker; the text's example is the file's. */
  private requestContent(body: z.ZodType, contentType: string | undefined) {
    if (!contentType) return { "application/json": { schema: body } };
    const example: unknown = zodToOpenAPIRegistry.get(body)?.example;
    const upload = z.object({ [UPLOAD_FIELD]: z.string().openapi({ type: "string", format: "binary", description: `The ${contentType} file` }) });
    return { [contentType]: { schema: body }, [UPLOAD_TYPE]: { schema: example === undefined ? upload : upload.openapi({ example: { [UPLOAD_FIELD]: example } }) } };
  }

  private successResponses(route: DocumentedRoute) {
    return Object.fromEntries(
      Object.entries(route.responses).map(([status, { description, schema, contentType, alternatives, codes }]) => {
        if (codes?.length) return [status, errorResponse(description, codes)];
        // Errors are never wrapped in `data`: the API.md error body unless the route gives its own schema.
        if (Number(status) >= 400) return [status, { description, content: { "application/json": { schema: schema ?? errorBodySchema } } }];
        if (!schema) return [status, { description }];
        const others = Object.fromEntries(Object.entries(alternatives ?? {}).map(([type, other]) => [type, { schema: other }]));
        if (contentType) return [status, { description, content: { [contentType]: { schema }, ...others } }];
        // Handlers return the resource and the kit wraps it in `data`; lists are sent as built.
        const body = isPageSchema(schema) ? schema : z.object({ data: schema });
        return [status, { description, content: { "application/json": { schema: body }, ...others } }];
      }),
    );
  }

  /** The errors the kit itself can answer with, so clients see them without each route listing them. */
  private errorResponses(route: DocumentedRoute) {
    const error = (description: string) => ({ description, content: { "application/json": { schema: errorBodySchema } } });
    return {
      ...(route.request && { 400: error("The request failed validation (VALIDATION_FAILED)") }),
      ...(needsToken(route.access) && {
        401: error("Missing, invalid or expired token, or its session has ended (UNAUTHENTICATED, TOKEN_EXPIRED, SESSION_REVOKED)"),
      }),
      ...("permission" in route.access && { 403: error("The caller lacks the permission (FORBIDDEN)") }),
    };
  }
}

/**
 * An error response whose `error.code` is one of `codes`: the enum for generated clients, the
 * list in the description for people reading the document.
 */
function errorResponse(description: string, codes: string[]) {
  const listed = codes.map((code) => `\`${code}\``).join(", ");
  const schema = z.object({
    error: errorBodySchema.shape.error.extend({ code: z.enum(codes as [string, ...string[]]) }),
  });
  return { description: `${description} (${listed})`, content: { "application/json": { schema } } };
}
