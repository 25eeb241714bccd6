import { keysetFindMany, type KeysetModel } from "../src/keyset";

type Where = { organizationId?: string; AND?: unknown[] };

/** Records the queries a list runs; answers two rows and a count of 7. */
function recordingModel() {
  const calls: { method: string; args: unknown }[] = [];
  const model: KeysetModel<Where, object, { id: string }> = {
    findMany: async (args) => {
      calls.push({ method: "findMany", args });
      return [{ id: "a" }, { id: "b" }];
    },
    count: async (args) => {
      calls.push({ method: "count", args });
      return 7;
    },
  };
  return { model, calls };
}

describe("keysetFindMany", () => {
  const filter = { organizationId: "org-1" };

  it("runs only the page query unless the window asks for a count", async () => {
    const { model, calls } = recordingModel();
    const rows = await keysetFindMany(model, { sort: { field: "code", direction: "asc" }, limit: 1 }, filter);
    expect(calls).toEqual([{ method: "findMany", args: { where: filter, orderBy: [{ code: "asc" }, { id: "asc" }], take: 2 } }]);
    expect(rows).toEqual([{ id: "a" }, { id: "b" }]);
    expect(rows.total).toBeUndefined();
  });

  it("counts the rows matching the filter, not the cursor, when asked", async () => {
    const { model, calls } = recordingModel();
    const window = { sort: { field: "code", direction: "desc" as const }, after: { value: "C", id: "x" }, limit: 1, count: true };
    const rows = await keysetFindMany(model, window, filter);
    expect(calls).toEqual([
      {
        method: "findMany",
        args: {
          where: { AND: [filter, { OR: [{ code: { lt: "C" } }, { code: "C", id: { lt: "x" } }] }] },
          orderBy: [{ code: "desc" }, { id: "desc" }],
          take: 2,
        },
      },
      { method: "count", args: { where: filter } },
    ]);
    expect(rows.total).toBe(7);
  });
});
