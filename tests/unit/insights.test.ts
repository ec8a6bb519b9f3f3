import { describe, expect, it } from "vitest";
import {
  budgetFigures,
  cellsToWithhold,
  quantileOfCounted,
  sortedCounted,
  spreadOfCounted,
  type Counted,
  type DecisionRow,
  countTable,
  csvCell,
  outcomeFigures,
  quantile,
  signOffFigures,
  spendFigures,
  spreadOf,
  stageFigures,
  stageFiguresAt,
  stageSteps,
  daysBetween,
  type BudgetRow,
  type PersonStageRow,
  type PlannedItemRow,
} from "~/domain/insights";
import { journeyStages, STAGES, type JourneyFacts } from "~/domain/journey";
import { prng } from "../../scripts/prng";

const shown = (value: number) => ({ shown: true, value });
const hidden = { shown: false };

describe("quantiles (linear between the nearest ranks)", () => {
  it("worked example: 1, 2, 3, 4, 10", () => {
    const sorted = [1, 2, 3, 4, 10];
    // positions (n-1)p: median 2 -> 3; quartiles 1 -> 2 and 3 -> 4; 90th 3.6 -> 4 + 0.6 * 6 = 7.6
    expect(quantile(sorted, 0.5)).toBe(3);
    expect(quantile(sorted, 0.25)).toBe(2);
    expect(quantile(sorted, 0.75)).toBe(4);
    expect(quantile(sorted, 0.9)).toBeCloseTo(7.6);
  });

  it("an even number of values: the median is halfway between the middle two", () => {
    expect(quantile([10, 20, 30, 40, 50, 60], 0.5)).toBe(35);
  });

  it("the spread of values in any order, from 5 people", () => {
    expect(spreadOf([10, 4, 1, 3, 2])).toEqual({
      people: shown(5),
      median: shown(3),
      lowerQuartile: shown(2),
      upperQuartile: shown(4),
      ninetieth: { shown: true, value: expect.closeTo(7.6) },
    });
  });

  it("from 4 people every figure is withheld and the count is 'fewer than 5'", () => {
    expect(spreadOf([1, 2, 3, 4])).toEqual({
      people: hidden,
      median: hidden,
      lowerQuartile: hidden,
      upperQuartile: hidden,
      ninetieth: hidden,
    });
  });

  it("six values from only four people (several each) are still withheld", () => {
    expect(spreadOf([1, 2, 3, 4, 5, 6], 4).median).toEqual(hidden);
  });
});

describe("disclosure control", () => {
  it("primary: a count under 5 is withheld, 5 is shown", () => {
    expect(countTable(["a", "b", "c"], { a: 5, b: 20, c: 30 }).cells).toEqual({
      a: shown(5),
      b: shown(20),
      c: shown(30),
    });
  });

  it("secondary: a lone small cell takes the next smallest with it, so the total cannot give it away", () => {
    // 3 + 7 + 30 = 40. Showing 7 and 30 with the total 40 would give away the 3.
    const table = countTable(["a", "b", "c"], { a: 3, b: 7, c: 30 });
    expect(table.total).toEqual(shown(40));
    expect(table.cells).toEqual({ a: hidden, b: hidden, c: shown(30) });
  });

  it("two small cells already hide each other", () => {
    expect(cellsToWithhold([2, 1, 50])).toEqual([true, true, false]);
  });

  it("zero is a count under 5 like any other", () => {
    expect(cellsToWithhold([0, 8, 9])).toEqual([true, true, false]);
  });

  it("a total under 5 withholds everything", () => {
    const table = countTable(["a", "b"], { a: 2, b: 2 });
    expect(table).toEqual({ cells: { a: hidden, b: hidden }, total: hidden });
  });

  it("no shown total minus shown cells ever equals a single withheld cell (every split of 4 cells up to 12)", () => {
    for (let a = 0; a <= 12; a++)
      for (let b = 0; b <= 12; b++)
        for (let c = 0; c <= 12; c++)
          for (let d = 0; d <= 12; d++) {
            const people = [a, b, c, d];
            const withhold = cellsToWithhold(people);
            const total = a + b + c + d;
            if (total < 5) continue;
            const hiddenCells = people.filter((_, i) => withhold[i]);
            // Every cell under 5 is withheld, and never exactly one cell is withheld.
            expect(people.every((n, i) => n >= 5 || withhold[i])).toBe(true);
            expect(hiddenCells.length).not.toBe(1);
          }
  });
});

const facts = (over: Partial<JourneyFacts>): JourneyFacts => ({
  assessment: { answered: 0, complete: false },
  resources: 0,
  planSectionsFilled: 0,
  workflow: null,
  organising: { entries: 0, arranged: 0 },
  reviewDone: false,
  ...over,
});

describe("people at each stage", () => {
  it("worked example: 6 people identifying need, 5 with a plan sent, 1 signed off", () => {
    const asOf = "2026-06-30T00:00:00.000Z";
    const rows: PersonStageRow[] = [
      // Answered some questions: identifying need. Last steps 1 to 6 days before the end.
      {
        facts: facts({ assessment: { answered: 3, complete: false } }),
        lastStepsAt: [1, 2, 3, 4, 5, 6].map((d) => new Date(Date.parse(asOf) - d * 86_400_000).toISOString()),
      },
      // Plan sent for sign-off: agreeing support. 10 days each; two sets of facts, the same stage.
      {
        facts: facts({ assessment: { answered: 12, complete: true }, planSectionsFilled: 3, workflow: "submitted" }),
        lastStepsAt: ["2026-06-20T00:00:00.000Z", "2026-06-20T00:00:00.000Z", "2026-06-20T00:00:00.000Z"],
      },
      {
        facts: facts({ assessment: { answered: 12, complete: true }, planSectionsFilled: 4, workflow: "submitted" }),
        lastStepsAt: ["2026-06-20T00:00:00.000Z", "2026-06-20T00:00:00.000Z"],
      },
      {
        facts: facts({ assessment: { answered: 12, complete: true }, planSectionsFilled: 3, workflow: "signed-off" }),
        lastStepsAt: ["2026-06-29T00:00:00.000Z"],
      },
    ];
    const figures = stageFigures(rows, asOf);
    expect(figures.total).toEqual(shown(12));
    const byStage = Object.fromEntries(figures.stages.map((s) => [s.stage, s]));
    expect(byStage["identifying-need"]!.people).toEqual(shown(6));
    expect(byStage["identifying-need"]!.daysSinceLastStep.median).toEqual(shown(3.5));
    expect(byStage["agreeing-support"]!.people).toEqual(shown(5));
    expect(byStage["agreeing-support"]!.daysSinceLastStep.median).toEqual(shown(10));
    // The one person organising support is fewer than 5; the table's other cells are 0 (also withheld).
    expect(byStage["organising-support"]!.people).toEqual(hidden);
    expect(byStage["organising-support"]!.daysSinceLastStep.median).toEqual(hidden);
  });

  it("from steps kept once, measured to any later moment: the figures of every person's days sorted afresh", () => {
    // The reference: each person's days since their last step, sorted and spread at each request.
    const afresh = (rows: PersonStageRow[], asOf: string) => {
      const days = new Map(STAGES.map((stage) => [stage, [] as number[]]));
      for (const row of rows)
        for (const at of row.lastStepsAt) days.get(journeyStages(row.facts).current)!.push(daysBetween(at, asOf));
      const table = countTable(
        STAGES,
        Object.fromEntries(STAGES.map((stage) => [stage, days.get(stage)!.length])) as Record<
          (typeof STAGES)[number],
          number
        >,
      );
      return {
        total: table.total,
        stages: STAGES.map((stage) => ({
          stage,
          people: table.cells[stage],
          daysSinceLastStep: spreadOf(days.get(stage)!, days.get(stage)!.length, !table.cells[stage]!.shown),
        })),
      };
    };
    const random = prng(11);
    const sets = [
      facts({ assessment: { answered: 3, complete: false } }),
      facts({ assessment: { answered: 12, complete: true }, planSectionsFilled: 3, workflow: "submitted" }),
      facts({ assessment: { answered: 12, complete: true }, planSectionsFilled: 3, workflow: "signed-off" }),
    ];
    const start = Date.parse("2026-01-01T00:00:00.000Z");
    for (let trial = 0; trial < 200; trial++) {
      const rows = sets.map((set) => ({
        facts: set,
        // Steps to the millisecond, some shared, so the days round both ways and tie.
        lastStepsAt: Array.from({ length: Math.floor(random() * 25) }, () =>
          new Date(start + Math.floor(random() * 90) * (random() < 0.3 ? 86_400_000 : 7_777_777)).toISOString(),
        ),
      }));
      const steps = stageSteps(rows);
      for (const later of [0, 1, 3_600_001, 4_320_000, 86_400_000 * 37 + 123]) {
        const asOf = new Date(start + 90 * 86_400_000 + later).toISOString();
        expect(stageFiguresAt(steps, asOf)).toEqual(afresh(rows, asOf));
      }
    }
  });
});

describe("budgets", () => {
  const row = (ruleSetId: string, totalPence: number, eligible = true): BudgetRow => ({
    ruleSetId,
    eligible,
    nhsPence: eligible ? totalPence / 2 : 0,
    councilPence: eligible ? totalPence / 2 : 0,
    totalPence: eligible ? totalPence : 0,
    hasFreeSupport: !eligible,
  });

  it("worked example: two rule sets of 5 and 6 people and 5 below the threshold", () => {
    const rows = [
      ...[100, 200, 300, 400, 500].map((p) => row("a", p * 100)),
      ...[100, 100, 100, 100, 100, 700].map((p) => row("b", p * 100)),
      ...[1, 2, 3, 4, 5].map(() => row("b", 0, false)),
    ];
    const figures = budgetFigures(rows);
    expect(figures.people).toEqual(shown(16));
    expect(figures.belowThreshold).toEqual(shown(5));
    expect(figures.belowWithFreeSupport).toEqual(shown(5));
    expect(figures.eligible).toEqual(shown(11));
    const [a, b] = figures.byRuleSet;
    expect(a!.total.median).toEqual(shown(30000));
    expect(a!.total.lowerQuartile).toEqual(shown(20000));
    expect(a!.nhsPence).toEqual(shown(75000));
    expect(a!.councilPence).toEqual(shown(75000));
    expect(b!.people).toEqual(shown(6));
    expect(b!.total.median).toEqual(shown(10000));
    expect(figures.all.people).toEqual(shown(11));
    // £100 six times, then £200, £300, £400, £500, £700: the sixth of eleven is £100.
    expect(figures.all.total.median).toEqual(shown(10000));
  });

  it("three below the threshold: that row and the smallest rule set are withheld, and so is everyone eligible", () => {
    const rows = [
      ...[1, 2, 3, 4, 5, 6].map((p) => row("a", p * 10000)),
      ...[1, 2, 3, 4, 5, 6, 7].map((p) => row("b", p * 10000)),
      ...[1, 2, 3].map(() => row("a", 0, false)),
    ];
    const figures = budgetFigures(rows);
    expect(figures.people).toEqual(shown(16));
    expect(figures.belowThreshold).toEqual(hidden);
    expect(figures.eligible).toEqual(hidden);
    expect(figures.all.people).toEqual(hidden);
    expect(figures.byRuleSet[0]!.people).toEqual(hidden);
    expect(figures.byRuleSet[0]!.total.median).toEqual(hidden);
    expect(figures.byRuleSet[1]!.people).toEqual(shown(7));
  });
});

describe("planned spend", () => {
  const item = (personKey: string, kind: PlannedItemRow["kind"], unitCostPence: number, unitsPerYear: number) => ({
    personKey,
    kind,
    unitCostPence,
    unitsPerYear,
  });

  it("worked example: a year of each item, by kind and by statutory or community provision", () => {
    const people = ["p1", "p2", "p3", "p4", "p5", "p6"];
    const rows: PlannedItemRow[] = [
      ...people.map((p) => item(p, "citizen-led", 3000, 52)), // 6 × £1,560
      ...people.slice(0, 5).map((p) => item(p, "controlled-treatment", 6500, 12)), // 5 × £780
      ...people.map((p) => item(p, "co-designed", 1000, 10)), // 6 × £100
      item("p1", "something-else", 5000, 1), // 1 × £50: withheld, and the smallest other kind with it
    ];
    const figures = spendFigures(rows, 6);
    expect(figures.plans).toEqual(shown(6));
    expect(figures.totalPence).toEqual(shown(6 * 156000 + 5 * 78000 + 6 * 10000 + 5000));
    expect(figures.byKind["citizen-led"]).toEqual({ people: shown(6), pence: shown(936000) });
    expect(figures.byKind["something-else"]).toEqual({ people: hidden, pence: hidden });
    // The smallest other kind by people is controlled treatments (5).
    expect(figures.byKind["controlled-treatment"]).toEqual({ people: hidden, pence: hidden });
    expect(figures.byKind["co-designed"]).toEqual({ people: shown(6), pence: shown(60000) });
    expect(figures.bySector.statutory).toEqual({ people: shown(5), pence: shown(390000) });
    expect(figures.bySector.community).toEqual({ people: shown(6), pence: shown(936000 + 60000 + 5000) });
  });

  it("fewer than 5 plans: nothing is shown", () => {
    const figures = spendFigures([item("p1", "citizen-led", 100, 1)], 1);
    expect(figures.plans).toEqual(hidden);
    expect(figures.totalPence).toEqual(hidden);
    expect(figures.bySector.community.pence).toEqual(hidden);
  });
});

describe("sign-off", () => {
  it("worked example: days from sending to decision, median and 90th percentile", () => {
    const rows = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((d, i) => ({
      decision: (i < 6 ? "signed-off" : i < 9 ? "changes-requested" : "referred-to-panel") as
        "signed-off" | "changes-requested" | "referred-to-panel",
      daysToDecision: d,
      decisions: 1,
    }));
    const figures = signOffFigures(rows, 10, 2);
    expect(figures.daysToDecision.median).toEqual(shown(5.5));
    expect(figures.daysToDecision.ninetieth).toEqual({ shown: true, value: expect.closeTo(9.1) });
    expect(figures.decisions).toEqual(shown(10));
    // 3 changes asked for and 1 referral are both under 5: two cells withheld, signed off shown.
    expect(figures.byDecision).toEqual({
      "signed-off": shown(6),
      "changes-requested": hidden,
      "referred-to-panel": hidden,
    });
    expect(figures.reconsiderations).toEqual(hidden);
  });
});

describe("outcome ratings", () => {
  it("worked example: each person once per life area, the mean of their outcomes there", () => {
    const rows = [
      { personKey: "p1", lifeAreaId: "home", atStart: 2, atReview: 6 },
      { personKey: "p1", lifeAreaId: "home", atStart: 4, atReview: 4 }, // p1: mean of +4 and 0 = +2
      { personKey: "p2", lifeAreaId: "home", atStart: 5, atReview: 4 }, // -1
      { personKey: "p3", lifeAreaId: "home", atStart: 3, atReview: 6 }, // +3
      { personKey: "p4", lifeAreaId: "home", atStart: 3, atReview: 4 }, // +1
      { personKey: "p5", lifeAreaId: "home", atStart: 1, atReview: 6 }, // +5
      { personKey: "p1", lifeAreaId: "work", atStart: 1, atReview: 9 },
    ];
    const [home, work] = outcomeFigures(rows, ["home", "work"]);
    // -1, 1, 2, 3, 5
    expect(home!.change.people).toEqual(shown(5));
    expect(home!.change.median).toEqual(shown(2));
    expect(home!.change.lowerQuartile).toEqual(shown(1));
    expect(home!.change.upperQuartile).toEqual(shown(3));
    expect(work!.change.people).toEqual(hidden);
    expect(work!.change.median).toEqual(hidden);
  });
});

describe("CSV cells", () => {
  it("never start with = + - or @, and quotes are doubled", () => {
    expect(csvCell("=HYPERLINK(1)")).toBe(`"'=HYPERLINK(1)"`);
    expect(csvCell("+1")).toBe(`"'+1"`);
    expect(csvCell(-1.5)).toBe(`"'-1.5"`);
    expect(csvCell("@SUM")).toBe(`"'@SUM"`);
    expect(csvCell('say "hi"')).toBe(`"say ""hi"""`);
    expect(csvCell(42)).toBe(`"42"`);
  });
});

/** Identical rows (by their JSON) handed over once, with how many there were. */
function grouped<R>(rows: readonly R[]): { row: R; count: number }[] {
  const groups = new Map<string, { row: R; count: number }>();
  for (const row of rows) {
    const key = JSON.stringify(row);
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { row, count: 1 });
  }
  return [...groups.values()];
}

describe("counted rows (people with the same figures handed over as one row with their number)", () => {
  const random = prng(18);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

  it("quantiles of counted values equal those of the values written out, exactly", () => {
    for (let trial = 0; trial < 500; trial++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 40) }, () =>
        pick([0, 0.5, 1, 2.3, 7, 7, 10, 42.1]),
      );
      const counted: Counted[] = grouped(values).map(({ row, count }) => ({ value: row, count }));
      // Rows counted 0 times stand for nobody.
      counted.push({ value: -5, count: 0 });
      const sorted = [...values].sort((a, b) => a - b);
      for (const p of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1])
        expect(quantileOfCounted(sortedCounted(counted), p)).toBe(quantile(sorted, p));
      expect(spreadOfCounted(counted)).toEqual(spreadOf(values));
      expect(spreadOfCounted(counted, 4)).toEqual(spreadOf(values, 4));
      expect(spreadOfCounted(counted, values.length, true)).toEqual(spreadOf(values, values.length, true));
    }
  });

  it("nothing counted: every figure withheld, as for no values", () => {
    expect(spreadOfCounted([{ value: 3, count: 0 }], 7)).toEqual(spreadOf([], 7));
    expect(() => quantileOfCounted([], 0.5)).toThrow();
  });

  it("people at each stage: one row per set of facts gives the figures of one row a person", () => {
    const asOf = "2026-06-30T00:00:00.000Z";
    const sets = [
      facts({ assessment: { answered: 3, complete: false } }),
      facts({ assessment: { answered: 12, complete: true }, planSectionsFilled: 3, workflow: "submitted" }),
      facts({ assessment: { answered: 12, complete: true }, planSectionsFilled: 3, workflow: "signed-off" }),
      facts({ assessment: { answered: 12, complete: true }, planSectionsFilled: 1 }),
    ];
    for (let trial = 0; trial < 100; trial++) {
      const people = Array.from({ length: Math.floor(random() * 30) }, () => ({
        facts: pick(sets),
        lastStepAt: new Date(Date.parse(asOf) - Math.floor(random() * 40 * 86_400_000)).toISOString(),
      }));
      const one = stageFigures(
        people.map((p) => ({ facts: p.facts, lastStepsAt: [p.lastStepAt] })),
        asOf,
      );
      const bySet = sets.map((set) => ({
        facts: set,
        lastStepsAt: people.filter((p) => p.facts === set).map((p) => p.lastStepAt),
      }));
      expect(stageFigures(bySet, asOf)).toEqual(one);
    }
  });

  it("budgets: counted rows give the figures of the rows written out, suppression included", () => {
    for (let trial = 0; trial < 300; trial++) {
      const rows: BudgetRow[] = Array.from({ length: Math.floor(random() * 25) }, () => {
        const eligible = random() < 0.7;
        const nhsPence = eligible ? pick([10_000, 20_000, 35_000]) : 0;
        const councilPence = eligible ? pick([0, 5_000, 15_000]) : 0;
        return {
          ruleSetId: pick(["a", "b", "c"]),
          eligible,
          nhsPence,
          councilPence,
          totalPence: nhsPence + councilPence,
          hasFreeSupport: random() < 0.5,
        };
      });
      const counted = grouped(rows).map(({ row, count }) => ({ ...row, people: count }));
      expect(budgetFigures(counted)).toEqual(budgetFigures(rows));
    }
  });

  it("sign-off: decisions counted by kind and days give the figures of one row a decision", () => {
    const kinds = ["signed-off", "changes-requested", "referred-to-panel"] as const;
    for (let trial = 0; trial < 300; trial++) {
      const decisions = Array.from({ length: Math.floor(random() * 30) }, () => ({
        decision: pick(kinds),
        daysToDecision: pick([0, 0.5, 1, 3.2, 3.2, 14]),
      }));
      const people = Math.floor(random() * (decisions.length + 1));
      const one: DecisionRow[] = decisions.map((d) => ({ ...d, decisions: 1 }));
      const counted: DecisionRow[] = grouped(decisions).map(({ row, count }) => ({ ...row, decisions: count }));
      expect(signOffFigures(counted, people, 3)).toEqual(signOffFigures(one, people, 3));
    }
  });

  it("sign-off: six decisions about four people withhold the days to decision", () => {
    const rows: DecisionRow[] = [{ decision: "signed-off", daysToDecision: 2, decisions: 6 }];
    expect(signOffFigures(rows, 4, 0).daysToDecision.median).toEqual(hidden);
    expect(signOffFigures(rows, 4, 0).decisions).toEqual(shown(6));
    expect(signOffFigures(rows, 5, 0).daysToDecision.median).toEqual(shown(2));
  });
});
