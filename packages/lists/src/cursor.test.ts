import { AppError } from "@erp/errors";
import { z } from "zod";
import { decodeCursor, encodeCursor } from "./cursor";

describe("cursors", () => {
  it("round-trip through an opaque, URL-safe string", () => {
    const cursor = encodeCursor({ createdAt: "2026-11-22T10:15:00.000Z", id: "0193a1b2-??" });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ createdAt: "2026-11-22T10:15:00.000Z", id: "0193a1b2-??" });
  });

  it("checks the decoded value against a schema when one is given", () => {
    const schema = z.object({ id: z.string() });
    expect(decodeCursor(encodeCursor({ id: "a" }), schema)).toEqual({ id: "a" });
    expect(() => decodeCursor(encodeCursor({ other: 1 }), schema)).toThrow(AppError);
  });

  it("refuses a garbage cursor with a 400 naming the cursor", () => {
    let error: unknown;
    try {
      decodeCursor("not-json!!");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 400, code: "VALIDATION_FAILED", details: [{ path: "cursor" }] });
  });
});
