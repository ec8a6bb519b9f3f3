import { describe, expect, it } from "vitest";
import { readContentJson } from "~/content/read.server";
import { grantFigures, type GrantInsightRow } from "~/domain/insights";
import {
  answerBy,
  grantLeft,
  grantRulesSchema,
  grantTransition,
  mayApplyForGrant,
  maySpendFromGrant,
  withinCap,
  type GrantRules,
} from "~/domain/grants";

/** Small grants (issue 20, point 2): who may apply, the cap, the answer date, one decision, what is left. */
const rules: GrantRules = { capPounds: 500, answerWithinDays: 10, openTo: "below-threshold" };

describe("small grants", () => {
  it("below the threshold may apply; with a budget, or none worked out yet, not, unless the scheme opens them to anyone", () => {
    expect(mayApplyForGrant(rules, { eligible: false })).toBe(true);
    expect(mayApplyForGrant(rules, { eligible: true })).toBe(false);
    expect(mayApplyForGrant(rules, undefined)).toBe(false);
    expect(mayApplyForGrant({ ...rules, openTo: "anyone" }, { eligible: true })).toBe(true);
  });

  it("up to the cap of £500, in whole pence above £0", () => {
    expect(withinCap(rules, 50_000)).toBe(true);
    expect(withinCap(rules, 50_001)).toBe(false);
    expect(withinCap(rules, 0)).toBe(false);
  });

  it("the team answers within the days content states, counted from the day asked", () => {
    expect(answerBy("2026-12-02T09:30:00.000Z", rules)).toBe("2026-12-12");
    expect(answerBy("2026-12-28T23:00:00.000Z", rules)).toBe("2027-01-07");
  });

  it("decided once: granted up to what was asked, or declined", () => {
    expect(grantTransition("asked", "grant", { askedPence: 12_000, grantedPence: 12_000 })).toEqual({
      ok: true,
      next: "granted",
    });
    expect(grantTransition("asked", "grant", { askedPence: 12_000, grantedPence: 12_001 })).toEqual({
      ok: false,
      reason: "amount",
    });
    expect(grantTransition("asked", "decline", { askedPence: 12_000 })).toEqual({ ok: true, next: "declined" });
    expect(grantTransition("granted", "decline", { askedPence: 12_000 })).toEqual({
      ok: false,
      reason: "already-decided",
    });
    expect(grantTransition("declined", "grant", { askedPence: 12_000, grantedPence: 100 })).toEqual({
      ok: false,
      reason: "already-decided",
    });
  });

  it("spending comes out of the granted sum and never beyond it", () => {
    expect(grantLeft(12_000, [4_550, 2_000])).toBe(5_450);
    expect(maySpendFromGrant(5_450, 5_450)).toBe(true);
    expect(maySpendFromGrant(5_450, 5_451)).toBe(false);
    expect(maySpendFromGrant(5_450, 0)).toBe(false);
  });

  it("the shipped figures: up to £500, answered within 10 days, for people below the threshold", () => {
    expect(readContentJson("grants.json", grantRulesSchema)).toMatchObject(rules);
  });
});

describe("small grants in the insights", () => {
  const row = (n: number, state: GrantInsightRow["state"], grantedPence: number | null = null): GrantInsightRow => ({
    personKey: `p${n}`,
    state,
    grantedPence,
  });

  it("counts applications by answer and sums what was granted, from 5 people granted", () => {
    const rows = [
      ...[1, 2, 3, 4, 5, 6].map((n) => row(n, "granted", 10_000 * n)),
      ...[7, 8, 9, 10, 11].map((n) => row(n, "declined")),
      ...[12, 13, 14, 15, 16].map((n) => row(n, "asked")),
    ];
    const figures = grantFigures(rows);
    expect(figures.applications).toEqual({ shown: true, value: 16 });
    expect(figures.byState).toEqual({
      asked: { shown: true, value: 5 },
      granted: { shown: true, value: 6 },
      declined: { shown: true, value: 5 },
    });
    // 10,000 × (1 + 2 + 3 + 4 + 5 + 6) = 210,000 pence
    expect(figures.grantedPence).toEqual({ shown: true, value: 210_000 });
  });

  it("withholds small counts, a lone withheld cell's neighbour, and a sum from fewer than 5 people", () => {
    const rows = [
      ...[1, 2].map((n) => row(n, "granted", 5_000)),
      ...[3, 4, 5, 6, 7, 8].map((n) => row(n, "declined")),
      ...[9, 10, 11, 12, 13, 14, 15].map((n) => row(n, "asked")),
    ];
    const figures = grantFigures(rows);
    expect(figures.byState.granted).toEqual({ shown: false });
    // Granted alone withheld would be the total minus the others: the smallest other is withheld too.
    expect(figures.byState.declined).toEqual({ shown: false });
    expect(figures.byState.asked).toEqual({ shown: true, value: 7 });
    expect(figures.grantedPence).toEqual({ shown: false });
    expect(figures.grantedPeople).toEqual({ shown: false });
  });
});
