import { describe, expect, it } from "vitest";
import { readContentJson } from "~/content/read.server";
import { calibrateRow, calibrationColumns, costPence } from "~/domain/calibration";
import { costGap, suggestFit, type FitCase } from "~/domain/calibration-fit";
import { ruleSetSchema, type RuleSet } from "~/domain/rule-set";
import { NEED_AREA_KEYS } from "~/domain/choices";

const example = readContentJson("rule-sets/example-2026-1.json", ruleSetSchema);
const bands: RuleSet = {
  ...readContentJson("rule-sets/example-bands-2026-1.json", ruleSetSchema),
  bands: [
    { from: 0, to: 9, amountPounds: 0 },
    { from: 10, to: 19, amountPounds: 2_000 },
    { from: 20, to: 29, amountPounds: 5_000 },
  ],
};
const categories = readContentJson("rule-sets/example-categories-2026-1.json", ruleSetSchema);

/** A case of `weighted` weighted points (NHS points + council points × multiplier) and a cost in pounds. */
const c = (points: number, weighted: number, cost: number | null, totalPounds = 0, eligible = true): FitCase => ({
  points,
  eligible,
  weighted: weighted * 10_000,
  totalPence: totalPounds * 100,
  costPence: cost === null ? null : cost * 100,
});

describe("the current_cost column", () => {
  it("reads pounds a year, with pence and a pound sign, and nothing else", () => {
    expect(costPence("5200")).toBe(520_000);
    expect(costPence("5200.5")).toBe(520_050);
    expect(costPence("£5200.50")).toBe(520_050);
    expect(costPence("0")).toBe(0);
    expect(costPence("£2,500,000")).toBe(250_000_000);
    for (const bad of ["52,00", "-5", "5200.505", "five", "£"]) expect(costPence(bad), bad).toBeNull();
  });

  it("a case with a cost carries it and the gap, and the weighted points the fit needs (case A by hand)", () => {
    const header = ["case", ...NEED_AREA_KEYS, "informal", "current_cost"];
    const columns = calibrationColumns(header, NEED_AREA_KEYS);
    // Case A of tests/unit/calibration.test.ts: NHS points 25.7, council points 16.3, a lot of informal
    // support (85%): total £11,870. Weighted points 25.7 + 16.3 × 0.85 = 39.555.
    const fields = ["A", "3", "2", "2", "0", "1", "2", "2", "3", "2", "2", "1", "0", "a-lot", "12000.50"];
    const result = calibrateRow(fields, columns, example, NEED_AREA_KEYS);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.row).toMatchObject({ total: 11_870, cost: 12_000.5, gap: -130.5 });
    expect(result.fit).toEqual({
      points: 42,
      eligible: true,
      weighted: 395_550,
      totalPence: 1_187_000,
      costPence: 1_200_050,
    });
    const bad = calibrateRow([...fields.slice(0, -1), "lots"], columns, example, NEED_AREA_KEYS);
    expect(bad).toEqual({
      ok: false,
      message: 'current_cost is "lots"; a cost must be pounds a year, for example 5200 or 5200.50',
    });
  });
});

describe("the gap between the draft's budgets and current costs", () => {
  it("worked example: four cases with a cost, one without", () => {
    const gap = costGap(
      [
        c(10, 10, 3_000, 3_000),
        c(20, 20, 5_000, 6_000),
        c(30, 30, 10_000, 9_000),
        c(40, 40, null, 12_000),
        c(2, 2, 2_000, 0, false),
      ],
      example,
    );
    // Costs 3,000 + 5,000 + 10,000 + 2,000 = 20,000 pounds; budgets 3,000 + 6,000 + 9,000 + 0 = 18,000.
    expect(gap).toEqual({
      cases: 4,
      costPence: 2_000_000,
      budgetPence: 1_800_000,
      gapPence: -200_000,
      // |0| + |1,000| + |−1,000| + |−2,000| = 4,000 over 4 cases: 1,000 pounds.
      meanAbsoluteGapPence: 100_000,
    });
  });
});

describe("suggesting a price per point", () => {
  // Weighted points 10, 20, 30 with costs £3,000, £5,000, £10,000; one more eligible case of 40 without a
  // cost; one under the threshold with a cost.
  const cases = [c(10, 10, 3_000), c(20, 20, 5_000), c(30, 30, 10_000), c(40, 40, null), c(2, 2, 2_000, 0, false)];

  it("least squares by hand: Σ(points × cost) ÷ Σ(points²) = 430,000 ÷ 1,400 = £307.14 a point → £307", () => {
    const fit = suggestFit(cases, example, null);
    expect(fit).toEqual({
      form: "price",
      currentPounds: example.pricePerPointPounds,
      leastSquaresPence: 30_714,
      fittedPounds: 307,
      suggestedPounds: 307,
      fitted: 3,
      notEligible: 1,
      fittedTotalPence: 3_070_000,
      // Every eligible case's weighted points: 10 + 20 + 30 + 40 = 100; × £307.
      estimatedTotalPence: 3_070_000,
      ceilingPence: null,
      scaled: false,
    });
  });

  it("within a total of £25,000 the price is scaled down: £25,000 ÷ 100 weighted points = £250", () => {
    const fit = suggestFit(cases, example, 2_500_000);
    expect(fit).toMatchObject({
      form: "price",
      fittedPounds: 307,
      suggestedPounds: 250,
      fittedTotalPence: 3_070_000,
      estimatedTotalPence: 2_500_000,
      scaled: true,
    });
  });

  it("a total above the fitted estimate leaves the fitted price alone", () => {
    expect(suggestFit(cases, example, 5_000_000)).toMatchObject({ suggestedPounds: 307, scaled: false });
  });

  it("no costs, nobody eligible with a cost, or a rule set of categories: nothing to suggest", () => {
    expect(suggestFit([c(10, 10, null)], example, null)).toEqual({ form: "none", reason: "no-costs" });
    expect(suggestFit([c(2, 2, 500, 0, false)], example, null)).toEqual({ form: "none", reason: "none-eligible" });
    expect(suggestFit(cases, categories, null)).toEqual({ form: "none", reason: "categories" });
  });
});

describe("suggesting band amounts", () => {
  // Band 10–19: a case of 10 points, all weighted (share 1), cost £3,000; one of 12 points weighted 9 (share
  // 0.75), cost £2,000. Band 20–29: 25 points, share 1, cost £6,000; and 35 points (above the last band, so
  // paid as it) without a cost. Band 0–9 pays nothing: a case there with a cost is not fitted.
  const cases = [c(10, 10, 3_000), c(12, 9, 2_000), c(25, 25, 6_000), c(35, 35, null), c(5, 5, 1_000, 0, false)];

  it("each band by least squares on its own cases: (1 × 3,000 + 0.75 × 2,000) ÷ (1 + 0.5625) = £2,880", () => {
    const fit = suggestFit(cases, bands, null);
    expect(fit).toEqual({
      form: "bands",
      bands: [
        { from: 0, to: 9, currentPounds: 0, fittedPounds: 0, suggestedPounds: 0, fitted: 0 },
        { from: 10, to: 19, currentPounds: 2_000, fittedPounds: 2_880, suggestedPounds: 2_880, fitted: 2 },
        { from: 20, to: 29, currentPounds: 5_000, fittedPounds: 6_000, suggestedPounds: 6_000, fitted: 1 },
      ],
      fitted: 3,
      notEligible: 1,
      fittedTotalPence: 1_704_000,
      // 2,880 × (1 + 0.75) + 6,000 × (1 + 1) = 5,040 + 12,000 = £17,040.
      estimatedTotalPence: 1_704_000,
      ceilingPence: null,
      scaled: false,
    });
  });

  it("within £15,000 every band is scaled by 15,000 ÷ 17,040 and rounded down", () => {
    const fit = suggestFit(cases, bands, 1_500_000);
    if (fit.form !== "bands") throw new Error(fit.form);
    // 2,880 × 0.88028… = 2,535.2 → 2,535; 6,000 × 0.88028… = 5,281.7 → 5,281.
    expect(fit.bands.map((b) => b.suggestedPounds)).toEqual([0, 2_535, 5_281]);
    // 2,535 × 1.75 + 5,281 × 2 = 4,436.25 + 10,562 = £14,998.25.
    expect(fit.estimatedTotalPence).toBe(1_499_825);
    expect(fit.scaled).toBe(true);
  });
});
