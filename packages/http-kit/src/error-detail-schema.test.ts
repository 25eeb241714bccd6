import { unprocessable } from "@erp/errors";
import { createLogger } from "@erp/logging";
import request from "supertest";
import { createServiceApp } from "./create-service-app";
import { errorBodySchema } from "./error-body";
import { csvRowPath } from "./validation-details";
import { z } from "./zod";

const BASE = "/api/v1/things";

function buildApp() {
  const service = createServiceApp({
    service: "things",
    title: "Things",
    version: "1.0.0",
    basePath: BASE,
    logger: createLogger({ service: "things", level: "error", format: "json" }),
  });
  service.route({
    method: "post",
    path: "/things/import",
    summary: "Import things",
    access: { public: true },
    request: { body: z.string().min(1), contentType: "text/csv" },
    responses: {
      200: { description: "Imported", schema: z.object({ imported: z.number() }) },
      422: { description: "Some rows are invalid; nothing was imported", codes: ["INVALID_ROWS"] },
    },
    handler: () => {
      throw unprocessable("INVALID_ROWS", "The file has invalid rows", [{ path: csvRowPath(3, "email"), message: "Invalid email address" }]);
    },
  });
  service.route({
    method: "post",
    path: "/things/check",
    summary: "Check things",
    access: { public: true },
    request: { body: z.object({ name: z.string() }) },
    responses: {
      200: { description: "Fine", schema: z.boolean() },
      409: { description: "Taken" },
      422: { description: "Broken rules", schema: errorBodySchema },
    },
    handler: () => true,
  });
  service.finalize();
  return service;
}

type Doc = {
  components: { schemas: Record<string, { properties: Record<string, { description?: string } & object> }> };
  paths: Record<string, { post: { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } & object } > }> } }>;
};

describe("the error detail shape, imports included", () => {
  it("names a CSV cell rows.<row>.<column>", () => {
    expect(csvRowPath(3, "email")).toBe("rows.3.email");
    expect(csvRowPath(1, "")).toBe("rows.1");
  });

  it("is what an import's 422 answers, valid against errorBodySchema", async () => {
    const res = await request(buildApp().app).post(`${BASE}/things/import`).set("Content-Type", "text/csv").send("email\nx\n");
    expect(res.status).toBe(422);
    expect(errorBodySchema.parse(res.body).error).toMatchObject({
      code: "INVALID_ROWS",
      details: [{ path: "rows.3.email", message: "Invalid email address" }],
    });
  });

  it("is documented once, as ErrorDetail inside Error, with the rows path explained", () => {
    const doc = buildApp().openApiDocument() as Doc;
    const { ErrorDetail, Error: error } = doc.components.schemas;
    expect(ErrorDetail?.properties.path?.description).toContain("rows.<row>.<column>");
    expect(error?.properties.error).toMatchObject({ properties: { details: { type: "array", items: { $ref: "#/components/schemas/ErrorDetail" } } } });
  });

  it("documents every error status of a route with the error body, never inside data", () => {
    const doc = buildApp().openApiDocument() as Doc;
    const imports = doc.paths[`${BASE}/things/import`]!.post.responses;
    expect(JSON.stringify(imports["422"]?.content?.["application/json"]?.schema)).toContain("#/components/schemas/ErrorDetail");
    const check = doc.paths[`${BASE}/things/check`]!.post.responses;
    expect(check["422"]?.content?.["application/json"]?.schema).toEqual({ $ref: "#/components/schemas/Error" });
    expect(check["409"]?.content?.["application/json"]?.schema).toEqual({ $ref: "#/components/schemas/Error" });
  });
});
