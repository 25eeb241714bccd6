/** `GET /invitations?count=true`: the list counts what matches its filters, only when asked. */
import { randomUUID } from "node:crypto";
import { as, startUserTestApp, type UserTestApp } from "../../../test/harness";

let t: UserTestApp;
beforeAll(async () => {
  t = await startUserTestApp();
});
afterAll(() => t.close());

it("adds page.total (matching rows over all pages) with count=true, and leaves it out otherwise", async () => {
  const org = await t.createOrganization();
  const invite = async () => {
    const res = await as(t.app, org.ownerToken).post("/invitations", { email: `${randomUUID()}@example.com`, roles: ["member"] });
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  };
  const [oldest, , newest] = [await invite(), await invite(), await invite()];
  expect((await as(t.app, org.ownerToken).post(`/invitations/${oldest}/revoke`)).status).toBe(200);
  // Another organization's invitations are not counted.
  const other = await t.createOrganization();
  await as(t.app, other.ownerToken).post("/invitations", { email: `${randomUUID()}@example.com`, roles: ["member"] });

  const plain = await as(t.app, org.ownerToken).get("/invitations?limit=1");
  expect(plain.body.page).toEqual({ limit: 1, nextCursor: expect.any(String), hasMore: true });

  const first = await as(t.app, org.ownerToken).get("/invitations?limit=1&count=true&status=pending");
  expect(first.status).toBe(200);
  expect(first.body.data.map((i: { id: string }) => i.id)).toEqual([newest]);
  expect(first.body.page).toEqual({ limit: 1, nextCursor: expect.any(String), hasMore: true, total: 2 });
  const second = await as(t.app, org.ownerToken).get(`/invitations?limit=1&count=true&status=pending&cursor=${first.body.page.nextCursor}`);
  expect(second.body.page).toEqual({ limit: 1, nextCursor: null, hasMore: false, total: 2 });

  expect((await as(t.app, org.ownerToken).get("/invitations?count=true")).body.page.total).toBe(3);
  expect((await as(t.app, org.ownerToken).get("/invitations?count=1")).status).toBe(400);
});

it("documents the count parameter and page.total", () => {
  type Operation = { parameters: { name: string; in: string }[]; responses: { 200: { content: { "application/json": { schema: { properties: { page: { properties: object } } } } } } } };
  const doc = t.service.openApiDocument() as { paths: Record<string, { get: Operation }> };
  const list = doc.paths["/api/v1/users/invitations"]!.get;
  expect(list.parameters).toContainEqual(expect.objectContaining({ name: "count", in: "query" }));
  expect(Object.keys(list.responses[200].content["application/json"].schema.properties.page.properties)).toContain("total");
});
