import { dateString, isCalendarDate } from "./index";

const messages = (value: unknown) => dateString.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];

describe("dateString", () => {
  it.each(["1900-01-01", "2026-03-31", "2028-02-29", "2000-02-29", "9999-12-31"])("accepts %s", (value) => {
    expect(messages(value)).toEqual([]);
    expect(isCalendarDate(value)).toBe(true);
  });

  it("refuses dates before 1900 (QA: 0001-01-01 posted a journal entry in fiscal year 0)", () => {
    expect(messages("0001-01-01")).toEqual(["Must be between 1900-01-01 and 9999-12-31"]);
    expect(messages("1899-12-31")).toEqual(["Must be between 1900-01-01 and 9999-12-31"]);
  });

  it("refuses days that do not exist", () => {
    expect(messages("2026-02-29")).toEqual(["Not a calendar date: 2026-02-29 does not exist"]);
    expect(messages("1900-02-29")).toEqual(["Not a calendar date: 1900-02-29 does not exist"]);
    expect(messages("2026-13-01")).toEqual(["Not a calendar date: 2026-13-01 does not exist"]);
    expect(messages("2026-04-31")).toEqual(["Not a calendar date: 2026-04-31 does not exist"]);
    expect(messages("2026-00-10")).toEqual(["Not a calendar date: 2026-00-10 does not exist"]);
  });

  it.each(["2026-3-31", "26-03-31", "2026-03-31T00:00:00Z", "20260331", " 2026-03-31", "+12026-03-31"])("refuses the form %j", (value) => {
    expect(messages(value)).toEqual(['Must be a date as YYYY-MM-DD, e.g. "2026-03-31"']);
  });

  it("is documented as an OpenAPI date", () => {
    expect(dateString.meta()).toMatchObject({ format: "date", example: "2026-03-31" });
  });
});
