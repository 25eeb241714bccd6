import { AppError } from "@erp/errors";
import { z } from "zod";
import { importCsv, type CsvImportSpec, type ImportMode } from "./csv-import";
import { detectDelimiter } from "./csv-read";

interface Item {
  code: string;
  name: string;
  email: string | null;
}

/** An in-memory store standing in for the caller's transaction. */
function store(items: Item[]) {
  const writes: string[] = [];
  const spec = (csv: string, mode: ImportMode, dryRun: boolean): CsvImportSpec<typeof schema, Item[], Item> => ({
    csv,
    dryRun,
    mode,
    columns: [
      { header: "code", path: ["code"] },
      { header: "name", path: ["name"] },
      { header: "email", path: ["email"] },
    ],
    schema,
    key: {
      column: "code",
      label: "Item code",
      of: (input) => input.code,
      find: async (tx, keys) => tx.filter((item) => keys.some((key) => key.trim().toLowerCase() === item.code.toLowerCase())),
      keyOf: (item) => item.code,
    },
    create: async (tx, input) => {
      writes.push(`create ${input.code}`);
      tx.push({ code: input.code ?? "GEN", name: input.name, email: input.email ?? null });
    },
    update: {
      changes: (existing, input, fields) =>
        (["name", "email"] as const).filter((f) => fields.has(f) && (input[f] ?? null) !== existing[f]),
      apply: async (_tx, existing, input, fields) => {
        writes.push(`update ${existing.code}`);
        if (fields.has("name")) existing.name = input.name;
        if (fields.has("email")) existing.email = input.email ?? null;
      },
    },
  });
  return { items, writes, spec };
}

const schema = z.object({ code: z.string().optional(), name: z.string().min(1), email: z.email().optional() });

describe("detectDelimiter", () => {
  it.each([
    ["code,name\n", "comma"],
    ["code;name;email\n1,5;x;y", "semicolon"],
    ["code\tname\n", "tab"],
    ['"a;b",c\n', "comma"],
    ["code\n", "comma"],
    ["\uFEFFcode;name\r\n", "semicolon"],
  ])("%j is %s-separated", (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe("importCsv", () => {
  it("reads a semicolon-separated file and says so", async () => {
    const { items, spec } = store([]);
    const report = await importCsv(items, spec("code;name;email\nA-1;Alpha;a@x.test\nA-2;Beta;\n", "create", false));
    expect(report).toMatchObject({ delimiter: "semicolon", rowCount: 2, imported: 2, created: 2, errors: [] });
    expect(items.map((i) => i.name)).toEqual(["Alpha", "Beta"]);
  });

  it("in create mode a key taken in any case, or repeated in the file in any case, is a row error; nothing is written", async () => {
    const { items, writes, spec } = store([{ code: "ABC-1", name: "Old", email: null }]);
    const csv = "code,name,email\nabc-1,Clash,\nNEW,New,\n new ,Again,\nBAD,Bad,not-an-email\n";
    const dry = await importCsv(items, spec(csv, "create", true));
    expect(dry.errors).toEqual([
      { path: "rows.2.code", message: "Item code ABC-1 already exists" },
      { path: "rows.4.code", message: "Item code new is repeated (first on row 3)" },
      { path: "rows.5.email", message: expect.any(String) },
    ]);
    expect(dry.rows).toEqual([{ row: 3, action: "create", key: "NEW" }]);

    const real = importCsv(items, spec(csv, "create", false));
    await expect(real).rejects.toBeInstanceOf(AppError);
    await expect(importCsv(items, spec(csv, "create", false))).rejects.toMatchObject({
      status: 422,
      code: "IMPORT_INVALID_ROWS",
      details: dry.errors,
    });
    expect(writes).toEqual([]);
  });

  it("in upsert mode a matching key updates the columns the file has, and unchanged rows are left alone", async () => {
    const { items, writes, spec } = store([
      { code: "ABC-1", name: "Old", email: "old@x.test" },
      { code: "SAME", name: "Same", email: null },
    ]);
    const csv = "code\tname\nabc-1\tRenamed\nsame\tSame\nNEW-1\tNew\n";
    const dry = await importCsv(items, spec(csv, "upsert", true));
    expect(dry).toMatchObject({ delimiter: "tab", created: 1, updated: 1, unchanged: 1, imported: 0 });
    expect(dry.rows).toEqual([
      { row: 2, action: "update", key: "abc-1", changedFields: ["name"] },
      { row: 3, action: "unchanged", key: "same" },
      { row: 4, action: "create", key: "NEW-1" },
    ]);
    expect(writes).toEqual([]);

    const real = await importCsv(items, spec(csv, "upsert", false));
    expect(real).toMatchObject({ imported: 2, created: 1, updated: 1, unchanged: 1 });
    expect(writes).toEqual(["update ABC-1", "create NEW-1"]);
    // The email column is not in the file: kept.
    expect(items[0]).toEqual({ code: "ABC-1", name: "Renamed", email: "old@x.test" });
  });

  it("refuses unknown and repeated columns, and a malformed file, on the header's line", async () => {
    const { items, spec } = store([]);
    expect((await importCsv(items, spec("code,name,secret,name\nX,Y,1,Y\n", "create", true))).errors).toEqual([
      { path: "rows.1.secret", message: "Unknown column" },
      { path: "rows.1.name", message: "Column given more than once" },
    ]);
    const malformed = await importCsv(items, spec('code,name\nX,"Y\n', "create", true));
    expect(malformed.errors).toEqual([{ path: expect.stringMatching(/^rows\.\d+$/), message: expect.stringContaining("Malformed CSV") }]);
  });
});
