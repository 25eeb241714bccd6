/** importCsv with record ids (spec.id), shared keys (key.unique: false) and refused updates (update.refuse). */
import { z } from "zod";
import { importCsv, type CsvImportSpec, type ImportMode } from "./csv-import";

interface Item {
  id: string;
  email: string | null;
  name: string;
  locked?: boolean;
}

const schema = z.object({ id: z.string().optional(), email: z.string().optional(), name: z.string().min(1) });
const ID_A = "0193a1b2-0000-7000-8000-00000000000a";
const ID_B = "0193a1b2-0000-7000-8000-00000000000b";
const ID_C = "0193a1b2-0000-7000-8000-00000000000c";
const FOREIGN = "0193a1b2-0000-7000-8000-0000000000ff";

/** An in-memory store standing in for the caller's transaction; `unique` says whether emails are one per item. */
function store(items: Item[], unique: boolean) {
  const writes: string[] = [];
  const spec = (csv: string, mode: ImportMode, dryRun = true): CsvImportSpec<typeof schema, Item[], Item> => ({
    csv,
    dryRun,
    mode,
    columns: [
      { header: "id", path: ["id"] },
      { header: "email", path: ["email"] },
      { header: "name", path: ["name"] },
    ],
    schema,
    id: { column: "id", of: (input) => input.id, find: async (tx, ids) => tx.filter((item) => ids.includes(item.id)), idOf: (item) => item.id },
    key: {
      column: "email",
      label: "Item",
      of: (input) => input.email,
      find: async (tx, keys) => tx.filter((item) => item.email !== null && keys.some((key) => key.trim().toLowerCase() === item.email)),
      keyOf: (item) => item.email ?? "",
      unique,
    },
    create: async (tx, input) => {
      writes.push(`create ${input.name}`);
      tx.push({ id: `new-${tx.length}`, email: input.email ?? null, name: input.name });
    },
    update: {
      changes: (existing, input, fields) => (["email", "name"] as const).filter((f) => fields.has(f) && (input[f] ?? null) !== existing[f]),
      apply: async (_tx, existing, input) => {
        writes.push(`update ${existing.id}`);
        existing.name = input.name;
        existing.email = input.email ?? null;
      },
      refuse: (existing) => (existing.locked ? `Item ${existing.id} is locked` : undefined),
    },
  });
  return { items, writes, spec };
}

const seed = (): Item[] => [
  { id: ID_A, email: "a@x.example", name: "A" },
  { id: ID_B, email: null, name: "B" },
  { id: ID_C, email: "c@x.example", name: "C", locked: true },
];

describe("importCsv with ids", () => {
  it("matches by id first, even a row without a key; an unknown id falls back to the key, or creates", async () => {
    const { items, writes, spec } = store(seed(), true);
    const csv = `id,email,name\n${ID_A},a@x.example,A\n${ID_B},,B2\n${FOREIGN},,New\n${FOREIGN.replace("ff", "fe")},A@x.example ,A3\n`;
    const dry = await importCsv(items, spec(csv, "upsert"));
    expect(dry.errors).toEqual([{ path: "rows.5.email", message: "Item A@x.example is repeated (first on row 2)" }]);
    const ok = `id,email,name\n${ID_A},a@x.example,A\n${ID_B},,B2\n${FOREIGN},,New\n${FOREIGN.replace("ff", "fe")},d@x.example,D\n`;
    const done = await importCsv(items, spec(ok, "upsert", false));
    expect(done.rows).toEqual([
      { row: 2, action: "unchanged", key: "a@x.example" },
      { row: 3, action: "update", key: ID_B, changedFields: ["name"] },
      { row: 4, action: "create", key: null },
      { row: 5, action: "create", key: "d@x.example" },
    ]);
    expect(writes).toEqual([`update ${ID_B}`, "create New", "create D"]);
    expect(items.map((item) => item.id)).not.toContain(FOREIGN);

    const byKey = await importCsv(items, spec(`id,email,name\n${FOREIGN},a@x.example,A4\n`, "upsert"));
    expect(byKey.rows).toEqual([{ row: 2, action: "update", key: "a@x.example", changedFields: ["name"] }]);
  });

  it("refuses in create mode a row whose id exists, a repeated id, a key another record has, a record matched twice, and a refused update", async () => {
    const { items, writes, spec } = store(seed(), true);
    const create = await importCsv(items, spec(`id,name\n${ID_B},B\n${FOREIGN},New\n`, "create"));
    expect(create.errors).toEqual([{ path: "rows.2.id", message: `Item ${ID_B} already exists` }]);
    expect(create.rows).toEqual([{ row: 3, action: "create", key: null }]);

    const csv = [
      "id,email,name",
      `${ID_A},a@x.example,A`,
      `${ID_A},,A again`,
      `${ID_B},c@x.example,B`,
      `,a@x.example,A by key`,
      `${ID_C},,C changed`,
      `${ID_C.toUpperCase()},,C unchanged`,
    ].join("\n");
    const dry = await importCsv(items, spec(csv, "upsert"));
    expect(dry.errors).toEqual([
      { path: "rows.3.id", message: `Item ${ID_A} is repeated (first on row 2)` },
      { path: "rows.4.email", message: "Item c@x.example belongs to another record" },
      { path: "rows.5.email", message: "Item a@x.example is repeated (first on row 2)" },
      { path: "rows.6", message: `Item ${ID_C} is locked` },
      { path: "rows.7.id", message: `Item ${ID_C.toUpperCase()} is repeated (first on row 6)` },
    ]);
    const twice = await importCsv(items, spec(`id,email,name\n${ID_A},,A\n,a@x.example,A\n`, "upsert"));
    expect(twice.errors).toEqual([{ path: "rows.3.email", message: "Item a@x.example: row 2 already matches this record" }]);
    const locked = await importCsv(items, spec(`id,email,name\n${ID_C},c@x.example,C\n`, "upsert", false));
    expect(locked.rows).toEqual([{ row: 2, action: "unchanged", key: "c@x.example" }]);
    expect(writes).toEqual([]);
  });

  it("with a shared key: create mode ignores it, upsert matches it only when one record has it", async () => {
    const { items, spec } = store([...seed(), { id: "other", email: "a@x.example", name: "A twin" }], false);
    const create = await importCsv(items, spec("email,name\na@x.example,A\na@x.example,A\n", "create"));
    expect(create).toMatchObject({ created: 2, errors: [] });
    const upsert = await importCsv(items, spec(`id,email,name\n,a@x.example,A\n${ID_A},a@x.example,A1\n,c@x.example,C\n,c@x.example,C\n`, "upsert"));
    expect(upsert.errors).toEqual([
      { path: "rows.2.email", message: "Item a@x.example matches 2 records: give the id of the one to update" },
      { path: "rows.5.email", message: "Item c@x.example: row 4 already matches this record" },
    ]);
    expect(upsert.rows).toEqual([
      { row: 3, action: "update", key: "a@x.example", changedFields: ["name"] },
      { row: 4, action: "unchanged", key: "c@x.example" },
    ]);
  });
});
