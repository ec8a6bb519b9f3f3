import { describe, expect, it } from "vitest";
import {
  budgetFigures,
  checkNewEntry,
  contingencyLeft,
  csvCell,
  expectedPayments,
  itemFigures,
  monitoringCsv,
  monitoringStatement,
  monthByMonth,
  moneyNotes,
  planYear,
  poundsText,
  quarterOf,
  scheduleFor,
  splitBySource,
  splitExactly,
  type LedgerEntry,
  type PlannedItem,
} from "~/domain/ledger";

const items: PlannedItem[] = [
  { id: "gym", what: "Gym", plannedPence: 30_000, kind: "citizen-led" },
  { id: "pa", what: "Personal assistant", plannedPence: 120_000, kind: "co-designed" },
];
const plan = { itemIds: items.map((i) => i.id), contingencyPence: 50_000 };
const rules = { unspentNotePercent: 25, yearEndWindowDays: 60 };

let n = 0;
const entry = (e: Omit<LedgerEntry, "id"> & { id?: string }): LedgerEntry => ({ id: `e${++n}`, ...e });

describe("the ledger's figures", () => {
  const ledger: LedgerEntry[] = [
    entry({ id: "r1", kind: "received", date: "2027-01-05", amountPence: 100_000, source: "council" }),
    entry({ id: "r2", kind: "received", date: "2027-01-05", amountPence: 60_001, source: "nhs" }),
    entry({ id: "g1", kind: "spent", date: "2027-01-10", amountPence: 2_500, itemId: "gym", menuKind: "citizen-led" }),
    entry({ id: "g2", kind: "spent", date: "2027-02-10", amountPence: 2_500, itemId: "gym", menuKind: "citizen-led" }),
    entry({ id: "c1", kind: "committed", date: "2027-02-11", amountPence: 40_000, itemId: "pa" }),
    entry({ id: "x1", kind: "spent", date: "2027-02-12", amountPence: 999, itemId: null }),
    entry({ id: "k1", kind: "spent", date: "2027-02-13", amountPence: 10_000, contingency: true }),
  ];

  it("planned, spent, committed and left per item, exact to the penny", () => {
    expect(itemFigures(ledger, items)).toEqual([
      { id: "gym", what: "Gym", plannedPence: 30_000, spentPence: 5_000, committedPence: 0, leftPence: 25_000 },
      {
        id: "pa",
        what: "Personal assistant",
        plannedPence: 120_000,
        spentPence: 0,
        committedPence: 40_000,
        leftPence: 80_000,
      },
    ]);
  });

  it("the whole budget: received by source, spent (with the contingency and spending not in the plan), committed, left and the balance", () => {
    const b = budgetFigures(ledger, { budgetPence: 200_000, ...plan });
    expect(b.receivedBySource).toEqual({ nhs: 60_001, council: 100_000 });
    expect(b.receivedPence).toBe(160_001);
    expect(b.spentPence).toBe(5_000 + 999 + 10_000);
    expect(b.committedPence).toBe(40_000);
    expect(b.leftPence).toBe(200_000 - 15_999 - 40_000);
    expect(b.balancePence).toBe(160_001 - 15_999);
    expect(b.notInPlanPence).toBe(999);
    expect(b.contingencySpentPence).toBe(10_000);
  });

  it("a correction is a new entry: the reversed payment stops counting from the reversal's date, and earlier figures stay as they were", () => {
    const corrected = [...ledger, entry({ kind: "reversal", date: "2027-03-01", amountPence: 2_500, reverses: "g2" })];
    expect(itemFigures(corrected, items)[0]!.spentPence).toBe(2_500);
    expect(itemFigures(corrected, items, "2027-02-28")[0]!.spentPence).toBe(5_000);
  });

  it("paying a commitment moves it from committed to spent; reversing the payment brings the commitment back", () => {
    const paid = [
      ...ledger,
      entry({ id: "p1", kind: "spent", date: "2027-03-01", amountPence: 40_000, itemId: "pa", settles: "c1" }),
    ];
    expect(itemFigures(paid, items)[1]).toMatchObject({ spentPence: 40_000, committedPence: 0, leftPence: 80_000 });
    const undone = [...paid, entry({ kind: "reversal", date: "2027-03-02", amountPence: 40_000, reverses: "p1" })];
    expect(itemFigures(undone, items)[1]).toMatchObject({ spentPence: 0, committedPence: 40_000 });
  });

  it("month by month across the plan year", () => {
    const months = monthByMonth(ledger, planYear("2027-01-05"));
    expect(months).toHaveLength(13);
    expect(months[0]).toEqual({ month: "2027-01", receivedPence: 160_001, spentPence: 2_500 });
    expect(months[1]).toEqual({ month: "2027-02", receivedPence: 0, spentPence: 2_500 + 999 + 10_000 });
  });
});

describe("checking a new entry", () => {
  const base: LedgerEntry[] = [
    { id: "s", kind: "spent", date: "2027-01-10", amountPence: 500, itemId: "gym" },
    { id: "c", kind: "committed", date: "2027-01-10", amountPence: 900, itemId: "pa" },
  ];
  const check = (e: Partial<LedgerEntry>) =>
    checkNewEntry(base, { id: "new", kind: "spent", date: "2027-01-11", amountPence: 100, ...e }, plan);

  it("refuses no money, fractions of a penny, impossible dates, a missing source and items not in this plan", () => {
    expect(check({ amountPence: 0 })).toBe("money:errors.amount");
    expect(check({ amountPence: 1.5 })).toBe("money:errors.amount");
    expect(check({ date: "2027-02-30" })).toBe("money:errors.date");
    expect(check({ kind: "received", source: null })).toBe("money:errors.source");
    expect(check({ itemId: "from-another-plan" })).toBe("money:errors.unknownItem");
    expect(check({ itemId: "gym" })).toBeNull();
    expect(check({ itemId: null })).toBeNull();
  });

  it("a reversal names an entry of this ledger, for its whole amount, once; a reversal is never reversed", () => {
    expect(check({ kind: "reversal", reverses: "nope", amountPence: 500 })).toBe("money:errors.noSuchEntry");
    expect(check({ kind: "reversal", reverses: "s", amountPence: 400 })).toBe("money:errors.amount");
    expect(check({ kind: "reversal", reverses: "s", amountPence: 500 })).toBeNull();
    const reversed: LedgerEntry[] = [
      ...base,
      { id: "r", kind: "reversal", date: "2027-01-12", amountPence: 500, reverses: "s" },
    ];
    const again = { id: "n", kind: "reversal", date: "2027-01-13", amountPence: 500 } as const;
    expect(checkNewEntry(reversed, { ...again, reverses: "s" }, plan)).toBe("money:errors.alreadyReversed");
    expect(checkNewEntry(reversed, { ...again, reverses: "r" }, plan)).toBe("money:errors.cannotReverseReversal");
  });

  it("the contingency can be drawn without approval up to what is left of it, and not at all where none was agreed", () => {
    expect(check({ contingency: true, amountPence: 50_000 })).toBeNull();
    expect(check({ contingency: true, amountPence: 50_001 })).toBe("money:errors.contingencyUsed");
    expect(
      checkNewEntry(
        base,
        { id: "k", kind: "spent", date: "2027-01-11", amountPence: 1, contingency: true },
        { ...plan, contingencyPence: 0 },
      ),
    ).toBe("money:errors.noContingency");
    const drawn: LedgerEntry[] = [
      ...base,
      { id: "k1", kind: "spent", date: "2027-01-11", amountPence: 30_000, contingency: true },
    ];
    expect(contingencyLeft(drawn, 50_000)).toBe(20_000);
  });

  it("a commitment is settled once", () => {
    expect(check({ settles: "c", amountPence: 900 })).toBeNull();
    const settled: LedgerEntry[] = [
      ...base,
      { id: "p", kind: "spent", date: "2027-01-12", amountPence: 900, settles: "c" },
    ];
    expect(
      checkNewEntry(settled, { id: "q", kind: "spent", date: "2027-01-13", amountPence: 900, settles: "c" }, plan),
    ).toBe("money:errors.alreadySettled");
  });
});

describe("expected payments", () => {
  it("split exactly: parts differ by a penny at most and add up to the whole", () => {
    expect(splitExactly(1000, 3)).toEqual([334, 333, 333]);
    for (const total of [0, 1, 99, 1_234_567]) expect(splitExactly(total, 13).reduce((a, b) => a + b, 0)).toBe(total);
  });

  it("the NHS and council parts of the confirmed budget keep the calculation's proportion and add up exactly", () => {
    expect(splitBySource(100_001, { nhsPence: 1, councilPence: 2 })).toEqual({
      nhsPence: 33_333,
      councilPence: 66_668,
    });
  });

  it("instalments by the way the money is managed, from the sign-off day, adding up to the budget", () => {
    const rules = {
      translationStatus: "x",
      instalments: {
        "direct-payment": "four-weekly",
        "indirect-payment": "four-weekly",
        "individual-trust": "monthly",
        "community-brokerage": "monthly",
        "individual-service-fund": "quarterly",
        "professionally-managed": "quarterly",
      },
      defaultInstalments: "monthly",
      unspentNotePercent: 25,
      yearEndWindowDays: 60,
    } as const;
    expect(scheduleFor(rules, "direct-payment")).toBe("four-weekly");
    expect(scheduleFor(rules, null)).toBe("monthly");
    const fourWeekly = expectedPayments({ nhsPence: 520_000, councilPence: 780_013 }, "2027-01-31", "four-weekly");
    expect(fourWeekly).toHaveLength(13);
    expect(fourWeekly[1]!.date).toBe("2027-02-28");
    expect(fourWeekly.reduce((a, p) => a + p.nhsPence + p.councilPence, 0)).toBe(1_300_013);
    const monthly = expectedPayments({ nhsPence: 1200, councilPence: 0 }, "2027-01-31", "monthly");
    expect(monthly.map((p) => p.date).slice(0, 3)).toEqual(["2027-01-31", "2027-02-28", "2027-03-31"]);
    expect(expectedPayments({ nhsPence: 4, councilPence: 4 }, "2027-01-01", "quarterly").map((p) => p.date)).toEqual([
      "2027-01-01",
      "2027-04-01",
      "2027-07-01",
      "2027-10-01",
    ]);
  });
});

describe("the gentle notes", () => {
  const year = planYear("2027-01-01");
  it("an item that runs over names it and by how much; spending not in the plan is noted", () => {
    const ledger: LedgerEntry[] = [
      { id: "a", kind: "spent", date: "2027-01-02", amountPence: 30_001, itemId: "gym" },
      { id: "b", kind: "spent", date: "2027-01-02", amountPence: 1_000, itemId: null },
    ];
    const notes = moneyNotes(
      itemFigures(ledger, items),
      budgetFigures(ledger, { budgetPence: 150_000, ...plan }),
      year,
      "2027-02-01",
      rules,
    );
    expect(notes).toEqual([
      { kind: "over", itemId: "gym", what: "Gym", overPence: 1 },
      { kind: "not-in-plan", pence: 1_000 },
    ]);
  });

  it("a lot unspent near the year's end, and only then", () => {
    const b = budgetFigures([], { budgetPence: 150_000, ...plan });
    expect(moneyNotes([], b, year, "2027-10-01", rules)).toEqual([]);
    expect(moneyNotes([], b, year, "2027-11-15", rules)).toEqual([
      { kind: "unspent", leftPence: 150_000, daysLeft: 46 },
    ]);
    const mostlySpent = budgetFigures(
      [{ id: "s", kind: "spent", date: "2027-06-01", amountPence: 120_000, itemId: "pa" }],
      {
        budgetPence: 150_000,
        ...plan,
      },
    );
    expect(moneyNotes([], mostlySpent, year, "2027-11-15", rules)).toEqual([]);
  });
});

describe("the monitoring return", () => {
  it("pounds exactly, quarters, and cells a spreadsheet never runs", () => {
    expect(poundsText(-1205)).toBe("-12.05");
    expect(poundsText(7)).toBe("0.07");
    expect(quarterOf("2027-05-17")).toEqual({ from: "2027-04-01", to: "2027-06-30" });
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
  });

  it("for a quarter, the CSV balances (opening + received − spent = closing) for every person in a generated set of 1,000", () => {
    let seed = 19;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const day = () =>
      `2027-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`;
    const kinds = ["citizen-led", "co-designed", "controlled-treatment", "something-else"];
    const quarter = quarterOf("2027-05-01");
    const next = quarterOf("2027-08-01");
    const people = Array.from({ length: 1000 }, (_, p) => {
      const ledger: LedgerEntry[] = [];
      const count = Math.floor(random() * 40);
      for (let i = 0; i < count; i++) {
        const r = random();
        const id = `p${p}-${i}`;
        const amountPence = 1 + Math.floor(random() * 200_000);
        if (r < 0.25)
          ledger.push({ id, kind: "received", date: day(), amountPence, source: random() < 0.4 ? "nhs" : "council" });
        else if (r < 0.8)
          ledger.push({
            id,
            kind: "spent",
            date: day(),
            amountPence,
            itemId: random() < 0.9 ? `item${i % 4}` : null,
            menuKind: kinds[i % 4],
            contingency: random() < 0.05,
          });
        else if (r < 0.9) ledger.push({ id, kind: "committed", date: day(), amountPence, itemId: "item1" });
        else if (ledger.length > 0) {
          const target = ledger[Math.floor(random() * ledger.length)]!;
          if (target.kind !== "reversal" && !ledger.some((e) => e.reverses === target.id))
            ledger.push({ id, kind: "reversal", date: day(), amountPence: target.amountPence, reverses: target.id });
        }
      }
      return { person: `person-${p}`, ledger, budget: Math.floor(random() * 3_000_000) };
    });
    const csv = monitoringCsv(
      people.map((p) => ({ person: p.person, statement: monitoringStatement(p.ledger, quarter, p.budget) })),
    );
    const [header, ...rows] = csv.trim().split("\r\n");
    const columns = header!.split(",");
    expect(rows).toHaveLength(1000);
    const toPence = (text: string) => Math.round(Number(text) * 100);
    let someActivity = 0;
    for (const row of rows) {
      const cells = Object.fromEntries(row.split(",").map((v, i) => [columns[i]!, v]));
      const opening = toPence(cells.opening!);
      const received = toPence(cells.received_nhs!) + toPence(cells.received_council!);
      const spent = toPence(cells.spent!);
      expect(opening + received - spent, cells.person).toBe(toPence(cells.closing!));
      const byKind = columns.filter((c) => c.startsWith("spent_")).reduce((a, c) => a + toPence(cells[c]!), 0);
      expect(byKind, cells.person).toBe(spent);
      if (received !== 0 || spent !== 0) someActivity++;
    }
    expect(someActivity).toBeGreaterThan(500);
    // One quarter's closing balance is the next one's opening balance.
    for (const p of people.slice(0, 100))
      expect(monitoringStatement(p.ledger, next, p.budget).openingPence).toBe(
        monitoringStatement(p.ledger, quarter, p.budget).closingPence,
      );
  });
});
