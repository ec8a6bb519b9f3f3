import { describe, expect, it } from "vitest";
import {
  mappingFits,
  payeeKey,
  readStatement,
  statementAmount,
  statementDate,
  suggestItem,
  suggestSource,
  type RawRow,
} from "~/domain/statement";

const mapping = { date: "Date", description: "Details", amount: "Amount", dateOrder: "day-first" } as const;
const row = (line: number, date: string, details: string, amount: string): RawRow => ({
  line,
  cells: { Date: date, Details: details, Amount: amount },
});

describe("reading a statement", () => {
  it("dates day first or ISO, and only real ones", () => {
    expect(statementDate("05/01/2027", "day-first")).toBe("2027-01-05");
    expect(statementDate("5.1.27", "day-first")).toBe("2027-01-05");
    expect(statementDate("31/02/2027", "day-first")).toBeNull();
    expect(statementDate("2027-01-05", "iso")).toBe("2027-01-05");
    expect(statementDate("yesterday", "day-first")).toBeNull();
  });

  it("amounts to exact signed pence in the ways banks write them", () => {
    expect(statementAmount("-12.50")).toBe(-1250);
    expect(statementAmount("£1,234.5")).toBe(123_450);
    expect(statementAmount("(0.07)")).toBe(-7);
    expect(statementAmount("40.00-")).toBe(-4000);
    expect(statementAmount("0.1 + 0.2")).toBeNull();
    expect(statementAmount("1e3")).toBeNull();
  });

  it("all or nothing: a bad date on line 7 is named, and no line comes back", () => {
    const rows = Array.from({ length: 20 }, (_, i) => row(i + 2, "10/01/2027", `Shop ${i}`, "-5.00"));
    rows[5] = row(7, "32/01/2027", "Shop 5", "-5.00");
    expect(readStatement(rows, mapping)).toEqual({ ok: false, errors: [{ line: 7, key: "money:import.badDate" }] });
  });

  it("the same line twice in one statement is two lines; read again, the fingerprints are the same", () => {
    const rows = [row(2, "10/01/2027", "Coffee", "-2.00"), row(3, "10/01/2027", "COFFEE ", "-2.00")];
    const first = readStatement(rows, mapping);
    const second = readStatement(rows, mapping);
    if (!first.ok || !second.ok) throw new Error("should read");
    expect(new Set(first.lines.map((l) => l.fingerprint)).size).toBe(2);
    expect(second.lines.map((l) => l.fingerprint)).toEqual(first.lines.map((l) => l.fingerprint));
  });

  it("a remembered mapping is used only when the file has those columns", () => {
    expect(mappingFits(mapping, ["Date", "Details", "Amount", "Balance"])).toBe(true);
    expect(mappingFits(mapping, ["Date", "Description", "Amount"])).toBe(false);
    expect(mappingFits(null, ["Date"])).toBe(false);
  });
});

describe("suggesting an item", () => {
  const items = [
    { id: "gym", what: "Gym membership", provider: "Riverside Leisure", unitCostPence: 2500 },
    { id: "pa", what: "Personal assistant", provider: "Helping Hands Agency", unitCostPence: 1500 },
    { id: "art", what: "Art studio", provider: "Open Studios", unitCostPence: 1500 },
  ];
  it("by payee, by amount, and from what the person matched before", () => {
    expect(
      suggestItem({ description: "RIVERSIDE LEISURE 12/03 CARD 1234", amountPence: -2500 }, items, new Map()),
    ).toBe("gym");
    expect(suggestItem({ description: "HELPING HANDS", amountPence: -4500 }, items, new Map())).toBe("pa");
    expect(suggestItem({ description: "TFL TRAVEL", amountPence: -2500 }, items, new Map())).toBe("gym");
    // Two items of the same cost and no words in common: unsure, so no suggestion.
    expect(suggestItem({ description: "SQ *UNKNOWN", amountPence: -1500 }, items, new Map())).toBeNull();
    const memory = new Map([[payeeKey("SQ *UNKNOWN"), "art"]]);
    expect(suggestItem({ description: "SQ *UNKNOWN 04/05", amountPence: -1500 }, items, memory)).toBe("art");
    expect(suggestItem({ description: "RIVERSIDE LEISURE refund", amountPence: 2500 }, items, new Map())).toBeNull();
  });

  it("money coming in: NHS when the description says so, otherwise the council", () => {
    expect(suggestSource("NHS ICB PERSONAL HEALTH BUDGET")).toBe("nhs");
    expect(suggestSource("EXAMPLE COUNCIL DP")).toBe("council");
  });
});
