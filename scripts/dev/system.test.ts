import { externalDatabase } from "./system";

describe("the launcher's database line", () => {
  it("names an external DATABASE_URL with its password masked", () => {
    const db = externalDatabase("postgres://erp:Sup3r-Secret@db.internal:5432/erp");
    expect(db.url).toBe("postgres://erp:Sup3r-Secret@db.internal:5432/erp");
    expect(db.description).toBe("postgres://erp:***@db.internal:5432/erp (DATABASE_URL)");
  });
});
