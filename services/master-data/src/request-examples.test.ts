/**
 * Every JSON request body the OpenAPI document shows has an example, and the service accepts that
 * example as it is (Swagger UI's "Try it out" sends it): anything but 400. Ids in paths are fresh,
 * so writes to one record answer 404 rather than changing anything.
 */
import { randomUUID } from "node:crypto";
import request from "supertest";
import { startMasterDataTestApp, type MasterDataTestApp } from "../test/harness";

let t: MasterDataTestApp;
beforeAll(async () => {
  t = await startMasterDataTestApp();
});
afterAll(() => t.close());

interface Operation {
  requestBody?: { content: Record<string, { schema?: { example?: unknown }; example?: unknown }> };
}

it("every JSON request body has an example the service accepts", async () => {
  const org = await t.organization();
  const document = (await org.api.get("/openapi.json")).body as { paths: Record<string, Record<string, Operation>> };
  const checked: string[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const json = operation.requestBody?.content["application/json"];
      if (!json) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const example = json.example ?? json.schema?.example;
      expect({ name, hasExample: example !== undefined }).toEqual({ name, hasExample: true });
      const concrete = path.replace(/\{\w+\}/g, () => randomUUID());
      const send = request(t.app)[method as "post" | "put" | "patch"];
      const res = await send(concrete).set("Authorization", `Bearer ${org.token}`).send(example as object);
      // On a 400 the details name what the example gets wrong.
      expect({ name, refused: res.status === 400 ? res.body.error.details : false }).toEqual({ name, refused: false });
      checked.push(name);
    }
  }
  expect(checked).toEqual(expect.arrayContaining(["POST /api/v1/master-data/products", "PATCH /api/v1/master-data/warehouses/{id}", "POST /api/v1/master-data/categories"]));
});
