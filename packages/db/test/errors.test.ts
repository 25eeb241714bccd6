import { isForeignKeyViolation, isNotFound, isUniqueViolation } from "../src";

/** Shapes observed from Prisma 7 + @prisma/adapter-pg and from pg; database.test.ts checks the real thing. */
describe("isUniqueViolation", () => {
  test("recognises Prisma's P2002", () => {
    expect(isUniqueViolation({ code: "P2002", meta: { modelName: "Note" } })).toBe(true);
  });

  test("recognises a raw query's P2010 that wraps the adapter's unique violation", () => {
    const err = {
      code: "P2010",
      meta: { driverAdapterError: { name: "DriverAdapterError", cause: { originalCode: "23505", kind: "UniqueConstraintViolation" } } },
    };
    expect(isUniqueViolation(err)).toBe(true);
  });

  test("recognises a bare DriverAdapterError and a pg error, also as another error's cause", () => {
    expect(isUniqueViolation({ name: "DriverAdapterError", cause: { kind: "UniqueConstraintViolation" } })).toBe(true);
    expect(isUniqueViolation(new Error("wrapped", { cause: Object.assign(new Error("dup"), { code: "23505" }) }))).toBe(true);
  });

  test("other errors are not unique violations", () => {
    expect(isUniqueViolation({ code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "42501" } } } })).toBe(false);
    expect(isUniqueViolation(new Error("nope"))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
    expect(isUniqueViolation("23505")).toBe(false);
  });
});

describe("isNotFound", () => {
  test("recognises Prisma's P2025 and nothing else", () => {
    expect(isNotFound({ code: "P2025" })).toBe(true);
    expect(isNotFound({ code: "P2002" })).toBe(false);
    expect(isNotFound(null)).toBe(false);
  });
});

describe("isForeignKeyViolation", () => {
  test("recognises Prisma's P2003, the adapter's and pg's foreign key violations", () => {
    expect(isForeignKeyViolation({ code: "P2003" })).toBe(true);
    expect(isForeignKeyViolation({ code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "23503" } } } })).toBe(true);
    expect(isForeignKeyViolation({ name: "DriverAdapterError", cause: { kind: "ForeignKeyConstraintViolation" } })).toBe(true);
    expect(isForeignKeyViolation(Object.assign(new Error("fk"), { code: "23503" }))).toBe(true);
  });

  test("other errors are not", () => {
    expect(isForeignKeyViolation({ code: "P2002" })).toBe(false);
    expect(isForeignKeyViolation(new Error("nope"))).toBe(false);
  });
});
