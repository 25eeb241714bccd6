import { compactAccountNumber, formatIban, isValidIban, looksLikeIban, maskAccountNumber } from "./iban";

describe("isValidIban (ISO 13616 mod-97)", () => {
  it.each(["DE89370400440532013000", "DE89 3704 0044 0532 0130 00", "gb82 west 1234 5698 7654 32", "FR1420041010050500013M02606", "NL91ABNA0417164300", "BE68539007547034"])(
    "accepts the valid IBAN %s",
    (iban) => expect(isValidIban(iban)).toBe(true),
  );

  it.each([
    ["a wrong check digit", "DE88370400440532013000"],
    ["a transposed digit", "DE89370400440532013001"],
    ["too short", "DE8937040044"],
    ["too long", "DE89370400440532013000123456789012345"],
    ["a punctuation mark", "DE89-3704-0044-0532-0130-00"],
    ["no country", "1289370400440532013000"],
  ])("refuses %s", (_why, iban) => expect(isValidIban(iban)).toBe(false));
});

describe("account number forms", () => {
  it("compacts to upper case without spaces and tells IBANs from other numbers", () => {
    expect(compactAccountNumber(" de89 3704 0044 0532 0130 00 ")).toBe("DE89370400440532013000");
    expect(looksLikeIban("DE89370400440532013000")).toBe(true);
    expect(looksLikeIban("0532013000")).toBe(false);
    expect(looksLikeIban("ABCD1234")).toBe(false);
  });

  it("masks an IBAN but its country, check digits and last four, in groups of four", () => {
    expect(maskAccountNumber("DE89370400440532013000", true)).toBe("DE89 **** **** **** **30 00");
    expect(maskAccountNumber("BE68539007547034", true)).toBe("BE68 **** **** 7034");
    expect(formatIban("DE89370400440532013000")).toBe("DE89 3704 0044 0532 0130 00");
  });

  it("masks another number but its last four", () => {
    expect(maskAccountNumber("0532013000", false)).toBe("******3000");
    expect(maskAccountNumber("123", false)).toBe("***");
  });
});
