import { catalogTopics } from "@erp/events";
import "../src";

test("the catalog names every domain's topic, which services create at start (Kafka)", () => {
  // A domain added to the catalog tomorrow appears here without a change anywhere else.
  expect(catalogTopics()).toEqual(expect.arrayContaining(["erp.auth", "erp.inventory", "erp.master_data", "erp.tenant", "erp.user"]));
  expect(catalogTopics()).toEqual([...new Set(catalogTopics())].sort());
});
