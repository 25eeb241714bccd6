import { buildAsyncApiDocument, findEventDefinition, listEventDefinitions } from "@erp/events";
import "../src";

/** The AsyncAPI document outside consumers read (what the gateway serves), as its message names. */
function publishedMessages(): string[] {
  const document = buildAsyncApiDocument({ title: "test", version: "1", definitions: listEventDefinitions() }) as {
    components: { messages: Record<string, { name: string }> };
  };
  return Object.values(document.components.messages).map((message) => message.name);
}

test.each(["customer", "supplier"])("a %s's restore is in the catalog and the AsyncAPI document", (kind) => {
  const type = `master_data.${kind}.restored`;
  expect(findEventDefinition(type, 1)?.data.parse({ code: "CUS-000001", status: "active" })).toEqual({ code: "CUS-000001", status: "active" });
  expect(publishedMessages()).toContain(type);
});

test("a product's restore is in the catalog and the AsyncAPI document", () => {
  expect(findEventDefinition("master_data.product.restored", 1)?.data.safeParse({ sku: "A-1", status: "archived" }).success).toBe(false);
  expect(publishedMessages()).toContain("master_data.product.restored");
});

test.each(["category", "warehouse"])("%s created, updated and deleted are in the catalog and the AsyncAPI document", (resource) => {
  for (const verb of ["created", "updated", "deleted"]) {
    expect(findEventDefinition(`master_data.${resource}.${verb}`, 1)).toBeDefined();
    expect(publishedMessages()).toContain(`master_data.${resource}.${verb}`);
  }
});

test("an updated event names what changed", () => {
  const updated = findEventDefinition("master_data.warehouse.updated", 1);
  const snapshot = { code: "W", name: "W", address: null, isDefault: true };
  expect(updated?.data.safeParse(snapshot).success).toBe(false);
  expect(updated?.data.safeParse({ ...snapshot, changedFields: ["isDefault"] }).success).toBe(true);
});
