import { describe, expect, it } from "vitest";
import { actualKindOf, actualSpendFigures, type ActualSpendRow } from "~/domain/insights";
import {
  comparisonOf,
  learningLoop,
  outcomeChangeByPerson,
  pointsBandOf,
  type LearningRow,
} from "~/domain/learning-loop";
import { prng } from "../../scripts/prng";

const shown = (value: number) => ({ shown: true, value });
const hidden = { shown: false };

describe("actual spend by kind and by statutory or community provider", () => {
  it("a ledger entry's kept menu kind: funded kinds and the contingency as they are, anything else not in the plan", () => {
    expect(actualKindOf("co-designed")).toBe("co-designed");
    expect(actualKindOf("contingency")).toBe("contingency");
    expect(actualKindOf(null)).toBe("not-in-plan");
    expect(actualKindOf("absolute-exclusion")).toBe("not-in-plan");
  });

  it("worked example: five people, a voucher claim and a grant; a lone statutory cell takes community with it", () => {
    const rows: ActualSpendRow[] = [
      { personKey: "p1", kind: "citizen-led", sector: "community", pence: 2_500 },
      { personKey: "p2", kind: "citizen-led", sector: "community", pence: 4_000 },
      { personKey: "p3", kind: "citizen-led", sector: "community", pence: 1_000 },
      { personKey: "p4", kind: "citizen-led", sector: "community", pence: 500 },
      { personKey: "p5", kind: "citizen-led", sector: "community", pence: 700 },
      { personKey: "p1", kind: "controlled-treatment", sector: "statutory", pence: 6_500 },
      { personKey: "p2", kind: "small-grant", sector: "community", pence: 3_000 },
    ];
    const figures = actualSpendFigures(rows);
    expect(figures.people).toEqual(shown(5));
    // 2,500 + 4,000 + 1,000 + 500 + 700 + 6,500 + 3,000
    expect(figures.totalPence).toEqual(shown(18_200));
    expect(figures.byKind["citizen-led"]).toEqual({ people: shown(5), pence: shown(8_700) });
    // One person each, or nobody: every other kind is withheld (more than one, so no secondary needed).
    expect(figures.byKind["controlled-treatment"]).toEqual({ people: hidden, pence: hidden });
    expect(figures.byKind["small-grant"]).toEqual({ people: hidden, pence: hidden });
    // Statutory rests on one person; community (five) would give it away from the total, so it goes too.
    expect(figures.bySector.statutory).toEqual({ people: hidden, pence: hidden });
    expect(figures.bySector.community).toEqual({ people: hidden, pence: hidden });
  });

  it("fewer than 5 people: no total and no cell", () => {
    const figures = actualSpendFigures([{ personKey: "p1", kind: "co-designed", sector: "community", pence: 900 }]);
    expect(figures.people).toEqual(hidden);
    expect(figures.totalPence).toEqual(hidden);
    expect(figures.byKind["co-designed"]).toEqual({ people: hidden, pence: hidden });
  });
});

describe("the learning loop", () => {
  it("points bands of ten; within 5% of the budget either way is about the budget", () => {
    expect([0, 9, 10, 19, 20, 37].map(pointsBandOf)).toEqual([0, 0, 10, 10, 20, 30]);
    expect([94.9, 95, 100, 105, 105.1].map(comparisonOf)).toEqual(["less", "about", "about", "about", "more"]);
  });

  it("each person's outcome change is the mean of their outcomes' changes", () => {
    const change = outcomeChangeByPerson([
      { personKey: "a", lifeAreaId: "home", atStart: 3, atReview: 5 },
      { personKey: "a", lifeAreaId: "people", atStart: 4, atReview: 8 },
      { personKey: "b", lifeAreaId: "home", atStart: 6, atReview: 5 },
    ]);
    expect(change).toEqual(
      new Map([
        ["a", 3],
        ["b", -1],
      ]),
    );
  });

  /*
   * Worked example, one rule set of 11 people (6 others below the threshold, so the rule set is shown):
   * band 10–19: 5 people, no plans; band 20–29: 5 people with budgets £1,000 £1,100 £1,200 £1,300 £2,000
   * and plans of 90%, 100%, 100%, 110% and 50% of them; band 30–39: 1 person, planning 200%.
   */
  const person = (
    n: number,
    points: number,
    budgetPence: number,
    plannedPence: number | null,
    actualPence: number | null = null,
    outcomeChange: number | null = null,
  ): LearningRow => ({
    personKey: `p${n}`,
    ruleSetId: "r1",
    points,
    budgetPence,
    plannedPence,
    actualPence,
    outcomeChange,
  });
  const rows: LearningRow[] = [
    person(1, 12, 50_000, null),
    person(2, 14, 50_000, null),
    person(3, 15, 60_000, null),
    person(4, 17, 60_000, null),
    person(5, 19, 70_000, null),
    person(6, 21, 100_000, 90_000, 40_000, 1),
    person(7, 22, 110_000, 110_000, 60_000, 2),
    person(8, 24, 120_000, 120_000, 10_000, 0),
    person(9, 25, 130_000, 143_000, null, -1),
    person(10, 28, 200_000, 100_000, null, 3),
    person(11, 35, 300_000, 600_000),
  ];

  it("worked example: the spread within a band, planned spend beside budgets, and the change in outcomes", () => {
    const [r1] = learningLoop(rows, 6);
    expect(r1!.ruleSetId).toBe("r1");
    expect(r1!.people).toEqual(shown(11));
    const [ten, twenty, thirty] = r1!.bands;
    // Band 30–39 has one person; band 10–19 (5, the smallest other, first of the two fives) goes with it.
    expect(thirty).toMatchObject({ fromPoints: 30, toPoints: 39, people: hidden, plannedPercent: hidden });
    expect(ten).toMatchObject({ fromPoints: 10, toPoints: 19, people: hidden, spreadPercent: hidden });
    // Band 20–29: budgets 1,000 1,100 1,200 1,300 2,000 pounds: median 1,200, quartiles 1,100 and 1,300.
    expect(twenty!.people).toEqual(shown(5));
    expect(twenty!.budget.median).toEqual(shown(120_000));
    expect(twenty!.budget.lowerQuartile).toEqual(shown(110_000));
    expect(twenty!.budget.upperQuartile).toEqual(shown(130_000));
    // The middle half spans 200 pounds: a sixth of the median.
    expect(twenty!.spreadPercent).toEqual({ shown: true, value: expect.closeTo(16.667, 3) });
    // Planned as a share of the budget: 90, 100, 100, 110, 50: median 100.
    expect(twenty!.plannedPercent).toEqual({ shown: true, value: expect.closeTo(100, 9) });
    // Outcome changes 1, 2, 0, -1, 3: median 1.
    expect(twenty!.outcomeChange).toEqual(shown(1));
    // The whole rule set: six plans at 50, 90, 100, 100, 110 and 200%: median 100; 2 less, 2 about, 2 more.
    expect(r1!.planned.people).toEqual(shown(6));
    expect(r1!.planned.medianPercent).toEqual({ shown: true, value: expect.closeTo(100, 9) });
    expect(r1!.planned.byComparison).toEqual({ less: hidden, about: hidden, more: hidden });
    // Only three have spending recorded: fewer than 5, nothing worked out from them.
    expect(r1!.actual).toEqual({
      people: hidden,
      medianPercent: hidden,
      byComparison: { less: hidden, about: hidden, more: hidden },
    });
    expect(r1!.outcomeChange.median).toEqual(shown(1));
    expect(r1!.outcomeChange.people).toEqual(shown(5));
  });

  it("with more plans the counts less, about and more are shown", () => {
    const many = [
      ...rows,
      ...[1, 2, 3].map((i) => ({ ...person(20 + i, 23, 100_000, 80_000), personKey: `q${i}` })),
      ...[1, 2, 3, 4].map((i) => ({ ...person(30 + i, 23, 100_000, 120_000), personKey: `s${i}` })),
    ];
    const [r1] = learningLoop(many, 6);
    // less: 50, 90 and three at 80 = 5; about: 100, 100 = 2; more: 110, 200 and four at 120 = 6.
    // "about" is withheld; it is alone, so the smaller of the others ("less", 5) goes with it.
    expect(r1!.planned.byComparison).toEqual({ less: hidden, about: hidden, more: shown(6) });
    expect(r1!.planned.people).toEqual(shown(13));
  });

  it("a count of people with a plan that would leave fewer than 5 without one is withheld (the median stays)", () => {
    // Seven people; six have a plan at 80, 90, 100, 100, 110 and 120% of their budget; one has none.
    const seven = [80, 90, 100, 100, 110, 120, null].map((share, i) =>
      person(40 + i, 22, 100_000, share === null ? null : share * 1_000, null, i < 5 ? 1 : null),
    );
    const [r1] = learningLoop(seven, 6);
    expect(r1!.people).toEqual(shown(7));
    // 7 less 6 would be the one person without a plan: the 6 and its split are withheld.
    expect(r1!.planned.people).toEqual(hidden);
    expect(r1!.planned.byComparison).toEqual({ less: hidden, about: hidden, more: hidden });
    expect(r1!.planned.medianPercent).toEqual({ shown: true, value: expect.closeTo(100, 9) });
    // Five reviewed of seven: two not reviewed, so the count of five is withheld; the median of five stays.
    expect(r1!.outcomeChange.people).toEqual(hidden);
    expect(r1!.outcomeChange.median).toEqual(shown(1));
  });

  it("a rule set the budgets table withholds is withheld here too", () => {
    const few = rows.slice(0, 3);
    // Budgets table: this rule set (3) and below the threshold (6): the 3 is withheld, the 6 with it.
    const [r1] = learningLoop(few, 6);
    expect(r1!.people).toEqual(hidden);
    expect(r1!.bands).toEqual([]);
    expect(r1!.planned.people).toEqual(hidden);
    expect(r1!.outcomeChange.people).toEqual(hidden);
  });
});

describe("the learning loop from counted rows (people with the same figures handed over as one row)", () => {
  const random = prng(4);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

  it("gives exactly the figures of one row a person, suppression included", () => {
    for (let trial = 0; trial < 300; trial++) {
      const people: LearningRow[] = Array.from({ length: Math.floor(random() * 40) }, (_, i) => {
        const budgetPence = pick([0, 50_000, 100_000, 120_000]);
        const plannedPence = pick([null, 0, 90_000, 100_000, 150_000]);
        const reviewed = random() < 0.3;
        return {
          // Only people reviewed in the period keep their key (and a row of their own), as the model hands them over.
          personKey: reviewed ? `p${i}` : null,
          ruleSetId: pick(["r1", "r2"]),
          points: pick([3, 12, 18, 25, 44]),
          budgetPence,
          plannedPence,
          actualPence: plannedPence === null ? null : pick([0, 40_000, 100_000]),
          outcomeChange: reviewed ? pick([-1, 0, 0.5, 2]) : null,
        };
      });
      const byFigures = new Map<string, LearningRow & { people: number }>();
      for (const row of people) {
        const key = JSON.stringify(row);
        const same = byFigures.get(key);
        if (same) same.people++;
        else byFigures.set(key, { ...row, people: 1 });
      }
      const below = Math.floor(random() * 8);
      expect(learningLoop([...byFigures.values()], below)).toEqual(learningLoop(people, below));
    }
  });
});
