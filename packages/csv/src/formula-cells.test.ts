import { csvRows } from "./csv-export";
import { readCsv } from "./csv-read";
import { neutraliseCell, restoreCell } from "./formula-cells";
import { z } from "zod";

describe("formula cells (CSV injection)", () => {
  it.each([
    ['-1+HYPERLINK("http://x.test/","Click")', `'-1+HYPERLINK("http://x.test/","Click")`],
    ["-3+4", "'-3+4"],
    ["=1+1", "'=1+1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["+49 30 1234", "'+49 30 1234"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", "'\rcmd"],
    ["'=1", "''=1"],
    ["-12.50", "-12.50"],
    ["-7", "-7"],
    ["Acme - Berlin", "Acme - Berlin"],
    ["'quoted", "'quoted"],
  ])("%j is written as %j and reads back as itself", (value, written) => {
    expect(neutraliseCell(value)).toBe(written);
    expect(restoreCell(written)).toBe(value);
  });

  it("every exported cell goes through it, lists included", () => {
    const columns = [
      { header: "name", path: ["name"] },
      { header: "tags", path: ["tags"], kind: "list" as const },
    ];
    const csv = csvRows(columns, [{ name: "=1+1", tags: ["@x", "y"] }, { name: "-12.50", tags: [] }]);
    expect(csv).toBe("'=1+1,'@x;y\n-12.50,\n");
    const back = readCsv(`name,tags\n${csv}`, columns, z.object({ name: z.string(), tags: z.array(z.string()).default([]) }));
    expect(back.records.map((r) => r.input)).toEqual([
      { name: "=1+1", tags: ["@x", "y"] },
      { name: "-12.50", tags: [] },
    ]);
  });
});
