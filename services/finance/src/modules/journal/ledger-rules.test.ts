/** The posting rules and the hash chain, without a database. */
import fc from "fast-check";
import { Decimal } from "@erp/money";
import { canonicalEntry, entryHash, firstChainBreak, type ChainedEntry, type HashedEntry } from "./entry-hash";
import { baseAmount, mayPostToControlAccounts, planPosting, roundingTolerance, swapSides, type PostingAccount, type PostingLine } from "./ledger-rules";

const d = (value: string | number) => new Decimal(value);
const account = (id: string, extra: Partial<PostingAccount> = {}): PostingAccount => ({ id, code: id.toUpperCase(), isGroup: false, archived: false, currency: null, controlled: false, ...extra });
const accounts = new Map(["bank", "sales", "fx", "group", "old", "usd"].map((id) => [id, account(id)]));
accounts.set("group", account("group", { isGroup: true }));
accounts.set("old", account("old", { archived: true }));
accounts.set("usd", account("usd", { currency: "USD" }));
accounts.set("receivable", account("receivable", { controlled: true }));

const line = (accountId: string, side: "debit" | "credit", amount: string, currency = "EUR", exchangeRate: string | null = null): PostingLine => ({
  accountId,
  debit: side === "debit" ? d(amount) : d(0),
  credit: side === "credit" ? d(amount) : d(0),
  currency,
  exchangeRate: exchangeRate === null ? null : d(exchangeRate),
});

const plan = (lines: PostingLine[], rates: Record<string, string> = {}, baseCurrency = "EUR") =>
  planPosting({ lines, accounts, baseCurrency, rates: new Map(Object.entries(rates).map(([c, r]) => [c, d(r)])) });

describe("planPosting", () => {
  it("posts a balanced entry in the base currency at rate 1", () => {
    const result = plan([line("bank", "debit", "100.00"), line("sales", "credit", "100")]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.lines.map((l) => [l.exchangeRate.toString(), l.baseDebit.toFixed(2), l.baseCredit.toFixed(2)])).toEqual([
      ["1", "100.00", "0.00"],
      ["1", "0.00", "100.00"],
    ]);
    expect(result.plan.rounding).toBeNull();
  });

  it("converts at base currency per one unit: EUR 100.00 at 1.10 is USD 110.00", () => {
    const result = plan([line("bank", "debit", "100.00", "EUR", "1.10"), line("sales", "credit", "110.00", "USD")], {}, "USD");
    expect(result.ok && result.plan.lines[0]!.baseDebit.toFixed(2)).toBe("110.00");
  });

  it("takes the organization's rate when the line gives none, and says which line has no rate", () => {
    const withRate = plan([line("bank", "debit", "10.00", "USD"), line("sales", "credit", "10.00", "USD")], { USD: "0.9" });
    expect(withRate.ok && withRate.plan.lines.map((l) => l.baseDebit.plus(l.baseCredit).toFixed(2))).toEqual(["9.00", "9.00"]);
    const without = plan([line("bank", "debit", "10.00", "GBP"), line("sales", "credit", "10.00", "GBP")]);
    expect(without.ok ? [] : without.problems.map((p) => [p.code, p.path])).toEqual([
      ["EXCHANGE_RATE_MISSING", "lines.0.exchangeRate"],
      ["EXCHANGE_RATE_MISSING", "lines.1.exchangeRate"],
    ]);
  });

  it("lists every broken rule of every line", () => {
    const result = plan([
      line("group", "debit", "1.001"),
      { ...line("old", "debit", "1"), credit: d(1) },
      line("usd", "credit", "2", "EUR"),
      line("nowhere", "credit", "1", "EUR", "1.5"),
    ]);
    expect(result.ok ? [] : result.problems.map((p) => [p.code, p.path])).toEqual([
      ["ACCOUNT_IS_GROUP", "lines.0.accountId"],
      ["AMOUNT_PRECISION", "lines.0.debit"],
      ["LINE_AMOUNT_INVALID", "lines.1"],
      ["ACCOUNT_ARCHIVED", "lines.1.accountId"],
      ["ACCOUNT_CURRENCY_MISMATCH", "lines.2.currency"],
      ["UNKNOWN_ACCOUNT", "lines.3.accountId"],
      ["EXCHANGE_RATE_NOT_ONE", "lines.3.exchangeRate"],
    ]);
  });

  it("needs two lines, and respects each currency's minor units (JPY has none, KWD three)", () => {
    expect(plan([line("bank", "debit", "1")]).ok).toBe(false);
    const jpy = plan([line("bank", "debit", "100.5", "JPY", "0.0061"), line("sales", "credit", "100.5", "JPY", "0.0061")]);
    expect(jpy.ok ? [] : jpy.problems.map((p) => p.code)).toEqual(["AMOUNT_PRECISION", "AMOUNT_PRECISION"]);
    expect(plan([line("bank", "debit", "1.125", "KWD", "2.9"), line("sales", "credit", "1.125", "KWD", "2.9")]).ok).toBe(true);
  });

  it("an entry in one currency must balance in it exactly, even when its base amounts would round equal", () => {
    const result = plan([line("bank", "debit", "100.00", "USD", "1.1"), line("sales", "credit", "99.99", "USD", "1.1")]);
    expect(result.ok ? [] : result.problems.map((p) => [p.code, p.path])).toEqual([["ENTRY_NOT_BALANCED", "lines"]]);
  });

  it("posts what rounding leaves to the rounding account, on the short side", () => {
    const result = plan(
      [line("bank", "debit", "10.00", "USD", "0.3333"), line("sales", "credit", "3.33", "USD", "0.3333"), line("sales", "credit", "3.33", "USD", "0.3333"), line("sales", "credit", "3.34", "USD", "0.3333")],
      {},
      "EUR",
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // 3.333 → 3.33; 1.109889 → 1.11; 1.109889 → 1.11; 1.113222 → 1.11: credits 3.33, no difference.
    expect(result.plan.rounding).toBeNull();
    const uneven = plan([line("bank", "debit", "0.05", "USD", "0.5"), line("sales", "credit", "0.02", "USD", "0.5"), line("sales", "credit", "0.03", "USD", "0.5")]);
    // 0.025 → 0.03; 0.01 → 0.01; 0.015 → 0.02: debits 0.03, credits 0.03.
    expect(uneven.ok && uneven.plan.rounding).toBeNull();
    const odd = plan([line("bank", "debit", "0.03", "USD", "0.5"), line("sales", "credit", "0.01", "USD", "0.5"), line("sales", "credit", "0.01", "USD", "0.5"), line("sales", "credit", "0.01", "USD", "0.5")]);
    // 0.015 → 0.02 debit; three 0.005 → 0.01 credits: 0.03. Credits exceed debits by 0.01: debit the rounding account.
    expect(odd.ok && odd.plan.rounding).toEqual({ side: "debit", amount: d("0.01") });
    expect(odd.ok && [odd.plan.totals.baseDebit.toFixed(2), odd.plan.totals.baseCredit.toFixed(2)]).toEqual(["0.03", "0.03"]);
  });

  it("a multi-currency difference larger than rounding can explain is not balanced", () => {
    const result = plan([line("bank", "debit", "100.00", "USD", "1.1034"), line("sales", "credit", "110.00")], {}, "EUR");
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(["ENTRY_NOT_BALANCED"]);
    expect(plan([line("bank", "debit", "100.00", "USD", "1.1"), line("sales", "credit", "110.00")]).ok).toBe(true);
  });

  it("property: a planned entry always balances in the base currency, and the rounding never exceeds the tolerance", () => {
    const amount = fc.integer({ min: 1, max: 10_000_000 }).map((cents) => new Decimal(cents).dividedBy(100));
    const rate = fc.integer({ min: 1, max: 5_000_000 }).map((n) => new Decimal(n).dividedBy(1_000_000));
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 6 }), rate, (debits, usdRate) => {
        const total = debits.reduce((a, b) => a.plus(b), new Decimal(0));
        const lines = [
          ...debits.map((amount) => ({ ...line("bank", "debit", amount.toFixed(2), "USD"), exchangeRate: usdRate })),
          { ...line("sales", "credit", total.toFixed(2), "USD"), exchangeRate: usdRate },
        ];
        const result = plan(lines);
        if (!result.ok) return false;
        const { lines: planned, rounding, totals } = result.plan;
        const debit = planned.reduce((a, l) => a.plus(l.baseDebit), new Decimal(0)).plus(rounding?.side === "debit" ? rounding.amount : 0);
        const credit = planned.reduce((a, l) => a.plus(l.baseCredit), new Decimal(0)).plus(rounding?.side === "credit" ? rounding.amount : 0);
        return debit.eq(credit) && totals.baseDebit.eq(debit) && (!rounding || rounding.amount.lte(roundingTolerance(lines.length, "EUR")));
      }),
    );
  });

  it("only a document's entry or a reversal posts to a control account (receivable, payable)", () => {
    const lines = [line("receivable", "debit", "120.00"), line("sales", "credit", "120.00")];
    const manual = plan(lines);
    expect(manual.ok ? [] : manual.problems).toEqual([
      { code: "CONTROL_ACCOUNT", path: "lines.0.accountId", message: expect.stringMatching(/RECEIVABLE is a control account/) },
    ]);
    expect(planPosting({ lines, accounts, baseCurrency: "EUR", rates: new Map(), controlAccounts: true }).ok).toBe(true);
    expect(mayPostToControlAccounts({ sourceType: "invoice" })).toBe(true);
    expect(mayPostToControlAccounts({ sourceType: "payment", reversalOfEntryId: null })).toBe(true);
    expect(mayPostToControlAccounts({ reversalOfEntryId: "0193a1b2-0000-7000-8000-000000000001" })).toBe(true);
    expect(mayPostToControlAccounts({})).toBe(false);
    expect(mayPostToControlAccounts({ sourceType: "payroll_run" })).toBe(false);
  });

  it("rounds base amounts half away from zero to the base currency's minor unit", () => {
    expect(baseAmount(d("0.005"), d(1), "EUR").toFixed(2)).toBe("0.01");
    expect(baseAmount(d("100"), d("1.2345"), "JPY").toString()).toBe("123");
    expect(baseAmount(d("1"), d("1.0005"), "KWD").toString()).toBe("1.001");
  });

  it("a reversal swaps each line's sides, base amounts included", () => {
    expect(swapSides({ debit: d(5), credit: d(0), baseDebit: d(6), baseCredit: d(0) })).toEqual({ debit: d(0), credit: d(5), baseDebit: d(0), baseCredit: d(6) });
  });
});

describe("the hash chain", () => {
  const entry = (position: number, previousHash: string | null, amount = "100"): HashedEntry => ({
    id: `00000000-0000-7000-8000-00000000000${position}`,
    organizationId: "00000000-0000-7000-8000-0000000000aa",
    number: `JE-2026-00000${position}`,
    fiscalYear: 2026,
    entryDate: "2026-03-01",
    memo: null,
    reference: "R",
    sourceType: null,
    sourceId: null,
    reversalOfEntryId: null,
    baseCurrency: "EUR",
    baseTotalDebit: d(amount),
    baseTotalCredit: d(amount),
    chainPosition: BigInt(position),
    postedAt: new Date("2026-03-01T10:00:00.000Z"),
    postedBy: "user-1",
    previousHash,
    lines: [
      { lineNumber: 1, accountId: "a", description: null, debit: d(amount), credit: d(0), currency: "EUR", exchangeRate: d(1), baseDebit: d(amount), baseCredit: d(0), partyType: null, partyId: null, isRounding: false },
      { lineNumber: 2, accountId: "b", description: null, debit: d(0), credit: d(amount), currency: "EUR", exchangeRate: d(1), baseDebit: d(0), baseCredit: d(amount), partyType: null, partyId: null, isRounding: false },
    ],
  });
  const chain = (length: number): ChainedEntry[] => {
    const entries: ChainedEntry[] = [];
    for (let position = 1; position <= length; position++) {
      const base = entry(position, entries.at(-1)?.hash ?? null);
      entries.push({ ...base, hash: entryHash(base) });
    }
    return entries;
  };

  it("the canonical text does not depend on how amounts were written, nor on line order", () => {
    const a = entry(1, null, "100");
    const b = { ...entry(1, null, "100.0000"), lines: [...entry(1, null, "100.0000").lines].reverse() };
    expect(canonicalEntry(a)).toBe(canonicalEntry(b));
    expect(entryHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash(entry(1, null, "100.01"))).not.toBe(entryHash(a));
  });

  it("an intact chain has no break; a changed line, a broken link or a missing entry is found at the first entry concerned", () => {
    const entries = chain(4);
    expect(firstChainBreak(entries, { hash: null, position: 0n })).toBeNull();
    const edited = entries.map((e, i) => (i === 2 ? { ...e, lines: [{ ...e.lines[0]!, baseDebit: d(99) }, e.lines[1]!] } : e));
    expect(firstChainBreak(edited, { hash: null, position: 0n })).toMatchObject({ entry: { number: "JE-2026-000003" }, problem: "hash_mismatch" });
    const relinked = entries.map((e, i) => (i === 1 ? { ...e, previousHash: "0".repeat(64) } : e));
    expect(firstChainBreak(relinked, { hash: null, position: 0n })).toMatchObject({ entry: { number: "JE-2026-000002" }, problem: "previous_hash_mismatch" });
    expect(firstChainBreak([entries[0]!, entries[2]!, entries[3]!], { hash: null, position: 0n })).toMatchObject({
      entry: { number: "JE-2026-000003" },
      problem: "position_gap",
    });
    expect(firstChainBreak(entries.slice(2), { hash: entries[1]!.hash, position: 2n })).toBeNull();
  });
});
