import { postalAddressSchema, readPostalAddress } from "./postal-address";

const berlin = { line1: "Hauptstrasse 5", city: "Berlin", postalCode: "10115", country: "DE" };

describe("postalAddressSchema (what a client may send)", () => {
  it("fills the optional parts with null and trims the country", () => {
    expect(postalAddressSchema.parse({ ...berlin, country: " DE " })).toEqual({ ...berlin, line2: null, region: null });
  });

  it.each([
    [{ ...berlin, line1: "Hauptstrasse 5\nHinterhaus" }, "line1"],
    [{ ...berlin, city: "Berlin\t" + "Mitte" }, "city"],
    [{ ...berlin, country: "XX" }, "country"],
    [{ ...berlin, country: "de" }, "country"],
  ])("refuses %j at %s", (address, path) => {
    const result = postalAddressSchema.safeParse(address);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([path]);
  });
});

describe("readPostalAddress (what was stored)", () => {
  it("shows an address stored before today's rules (a line break, a country code since refused) as it is", () => {
    const stored = { ...berlin, line1: "Hauptstrasse 5\nHinterhaus", country: "XX" };
    expect(readPostalAddress(stored)).toEqual({ ...stored, line2: null, region: null });
  });

  it("is null for nothing or for what is not an address", () => {
    expect(readPostalAddress(null)).toBeNull();
    expect(readPostalAddress({ line1: "x" })).toBeNull();
  });
});
