import request from "supertest";
import { createLogger } from "@erp/logging";
import { createServiceApp } from "./create-service-app";
import { created } from "./responses";

const INTERNAL_KEY = "internal-key-0123456789";

function appWithBasePath(basePath: string) {
  const service = createServiceApp({
    service: "shop",
    title: "Shop",
    version: "1",
    basePath,
    logger: createLogger({ service: "shop", level: "error", format: "json" }),
    internalApiKey: INTERNAL_KEY,
  });
  service.route({
    method: "post",
    path: "/orders",
    summary: "Place an order",
    access: { public: true },
    responses: { 201: { description: "Placed" } },
    handler: (ctx) => created(ctx, { id: "o-1" }, ctx.location("/orders/o-1")),
  });
  service.route({
    method: "post",
    path: "/orders",
    summary: "Import an order",
    access: { internal: true },
    responses: { 201: { description: "Imported" } },
    handler: (ctx) => created(ctx, { id: "o-2" }, ctx.location("/orders/o-2")),
  });
  service.finalize();
  return service.app;
}

describe("ctx.location", () => {
  it("puts a created resource's Location under the service's basePath, whatever the basePath", async () => {
    for (const basePath of ["/api/v1/shop", "/api/v2/shops"]) {
      const res = await request(appWithBasePath(basePath)).post(`${basePath}/orders`);
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`${basePath}/orders/o-1`);
    }
  });

  it("gives internal routes the public path of what they created", async () => {
    const res = await request(appWithBasePath("/api/v1/shop")).post("/internal/orders").set("Authorization", `Bearer ${INTERNAL_KEY}`);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe("/api/v1/shop/orders/o-2");
  });
});
