import { changedFields } from "./changed-fields";

describe("changedFields", () => {
  it("lists the fields whose values differ, by content, in the order asked", () => {
    const before = { name: "A", tags: ["x"], address: { city: "Berlin" }, notes: null as string | null };
    const after = { name: "A", tags: ["x", "y"], address: { city: "Bonn" }, notes: "hi" };
    expect(changedFields(before, after, ["notes", "name", "tags", "address"])).toEqual(["notes", "tags", "address"]);
    expect(changedFields(before, { ...before, tags: ["x"] }, ["name", "tags", "address", "notes"])).toEqual([]);
  });
});
