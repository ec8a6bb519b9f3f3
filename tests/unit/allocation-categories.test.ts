import { describe, expect, it } from "vitest";
import { readContentJson } from "~/content/read.server";
import { allocateBudget, AllocationInputError, type Allocation } from "~/domain/allocation";
import { ruleSetSchema, validateRuleSet, type RuleSet } from "~/domain/rule-set";
import { NEED_AREA_KEYS, type NeedAreaKey } from "~/domain/choices";

/**
 * The third form of rule set: categories (issue 20, docs/domain-guide.md "Rule sets of the third
 * form"). Every figure below was worked out by hand from the spec's words, not from the code:
 *   the budget is the category's amount, split by its NHS share, the council part adjusted by the
 *   informal-support multiplier (`nhs = round10(amount × share%)`,
 *   `council = round10((amount − amount × share%) × multiplier%)`), then steps 5 to 8 (total, the
 *   usual maximum, "talk it through first", weekly ÷ 52 to the penny, halves up). Rounding to £10
 *   takes the nearest multiple, exact halves upwards.
 * Weights and NHS shares are the spec's example table; usual maximum £24,000; informal multipliers
 * none 100, a-little 95, a-lot 85, most 75.
 */
const example = readContentJson("rule-sets/example-2026-1.json", ruleSetSchema);

const CATEGORIES = [
  // £7,000, 70% NHS
  { id: "group-a", name: text("Group A"), amountPounds: 7000, nhsShare: 70 },
  // £12,350, 35% NHS: the split does not fall on £10
  { id: "group-b", name: text("Group B"), amountPounds: 12350, nhsShare: 35 },
  // £30,000, 60% NHS: above the usual maximum
  { id: "group-c", name: text("Group C"), amountPounds: 30000, nhsShare: 60 },
  // £3,600, 50% NHS: the same total as a 12-point case at £300 a point
  { id: "tie", name: text("Tie"), amountPounds: 3600, nhsShare: 50 },
  // £0: a category that carries no personal budget
  { id: "none", name: text("No budget"), amountPounds: 0, nhsShare: 50 },
];

function text(en: string) {
  return { en, ur: en, pl: en };
}

function ruleSet(extra: Record<string, unknown>, drop: string[] = []): RuleSet {
  const candidate: Record<string, unknown> = { ...example, id: "test-categories", ...extra };
  for (const field of drop) delete candidate[field];
  const checked = validateRuleSet(candidate);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.ruleSet;
}

/** Categories alone: no price per point, threshold or bands. */
const categoriesOnly = ruleSet({ categories: CATEGORIES }, ["pricePerPointPounds", "threshold"]);
/** Categories beside £300 a point, threshold 12: the larger of the two totals. */
const larger = ruleSet({ categories: CATEGORIES, categoryCombination: "larger" });
/** Categories beside £300 a point: the category's amount once placed, points until then. */
const whenPlaced = ruleSet({ categories: CATEGORIES, categoryCombination: "category-when-placed" });

function ratings(given: Partial<Record<NeedAreaKey, number>>): Record<NeedAreaKey, number> {
  const all = {} as Record<NeedAreaKey, number>;
  for (const key of NEED_AREA_KEYS) all[key] = given[key] ?? 0;
  return all;
}

function pounds(a: Allocation) {
  return {
    nhs: a.nhsPence / 100,
    council: a.councilPence / 100,
    total: a.totalPence / 100,
    weekly: a.weeklyPence / 100,
  };
}

// The spec's 42-point case: NHS 25.7 × £300 = £7,710; council 16.3 × £300 = £4,890 (× 100% with no informal support);
// total £12,600.
const case42 = ratings({
  mood: 3,
  experiences: 2,
  "keeping-safe": 2,
  substances: 1,
  thinking: 2,
  physical: 2,
  "daily-living": 3,
  relationships: 2,
  activity: 2,
  housing: 1,
});

describe("categories alone", () => {
  it.each([
    // group-a, none: NHS 7000 × 70% = £4,900; council 7000 × 30% = £2,100 × 100% = £2,100; total £7,000;
    // weekly 7000/52 = 134.615… → £134.62
    ["group-a", "none", { nhs: 4900, council: 2100, total: 7000, weekly: 134.62 }],
    // group-a, most: council 2100 × 75% = 1575 → £1,580 (a half rounds up); total £6,480; 6480/52 = 124.615… → £124.62
    ["group-a", "most", { nhs: 4900, council: 1580, total: 6480, weekly: 124.62 }],
    // group-b, a-lot: NHS 12350 × 35% = 4322.5 → £4,320 (nearest £10); council 12350 × 65% = 8027.5 × 85% = 6823.375
    // → £6,820; total £11,140; 11140/52 = 214.2307… → £214.23
    ["group-b", "a-lot", { nhs: 4320, council: 6820, total: 11140, weekly: 214.23 }],
  ] as const)("%s with informal support %s", (category, informal, figures) => {
    const a = allocateBudget(categoriesOnly, { ratings: case42, informal, category });
    expect(a.eligible).toBe(true);
    expect(a.categoryId).toBe(category);
    expect(pounds(a)).toEqual(figures);
    expect(a.flags).toEqual([]);
  });

  it("the explanation names the category and its amount, then the parts, total and weekly figure", () => {
    const a = allocateBudget(categoriesOnly, { ratings: case42, informal: "none", category: "group-a" });
    const keys = a.explanation.map((l) => l.key).filter((k) => k !== "line.needArea");
    expect(keys).toEqual([
      "line.totalPoints",
      "line.category",
      "line.categoryNhsPart",
      "line.categoryCouncilPart",
      "line.informal.none",
      "line.total",
      "line.weekly",
    ]);
    expect(a.explanation.find((l) => l.key === "line.category")!.params).toEqual({
      category: "group-a",
      amountPence: 700_000,
    });
  });

  it("the points do not decide: a person with no points placed in a category has its budget", () => {
    const a = allocateBudget(categoriesOnly, { ratings: ratings({}), informal: "none", category: "group-a" });
    expect(a.points).toBe(0);
    expect(pounds(a)).toEqual({ nhs: 4900, council: 2100, total: 7000, weekly: 134.62 });
  });

  it("the cap: £30,000 at 60% NHS is brought to the usual maximum of £24,000, flagged, parts in proportion", () => {
    // NHS 30000 × 60% = £18,000; council £12,000 × 100%; total £30,000 > £24,000:
    // NHS = round10(24000 × 18000 / 30000) = £14,400; council = 24000 − 14400 = £9,600; weekly 24000/52 = 461.538… → £461.54
    const a = allocateBudget(categoriesOnly, { ratings: case42, informal: "none", category: "group-c" });
    expect(pounds(a)).toEqual({ nhs: 14400, council: 9600, total: 24000, weekly: 461.54 });
    expect(a.flags).toEqual(["above-usual-maximum"]);
  });

  it("not yet placed in a category: no budget, said so", () => {
    const a = allocateBudget(categoriesOnly, { ratings: case42, informal: "none" });
    expect(a.eligible).toBe(false);
    expect(a.categoryId).toBeNull();
    expect(pounds(a)).toEqual({ nhs: 0, council: 0, total: 0, weekly: 0 });
    expect(a.explanation.map((l) => l.key)).toContain("line.noCategory");
  });

  it("a category of £0 carries no budget", () => {
    const a = allocateBudget(categoriesOnly, { ratings: case42, informal: "none", category: "none" });
    expect(a.eligible).toBe(false);
    expect(a.totalPence).toBe(0);
  });

  it("step 7 still applies: keeping-safe rated 4 asks to talk it through first, the amount still shown", () => {
    const a = allocateBudget(categoriesOnly, {
      ratings: ratings({ "keeping-safe": 4 }),
      informal: "none",
      category: "group-a",
    });
    expect(a.flags).toEqual(["talk-it-through-first"]);
    expect(a.totalPence).toBe(700_000);
  });

  it("refuses a category the rule set does not have, and a category for a rule set without categories", () => {
    expect(() => allocateBudget(categoriesOnly, { ratings: case42, informal: "none", category: "group-z" })).toThrow(
      AllocationInputError,
    );
    expect(() => allocateBudget(example, { ratings: case42, informal: "none", category: "group-a" })).toThrow(
      AllocationInputError,
    );
  });
});

describe("categories beside a price per point: the larger of the two", () => {
  it("the points-based amount when it is larger (£12,600 against £7,000)", () => {
    const a = allocateBudget(larger, { ratings: case42, informal: "none", category: "group-a" });
    expect(a.categoryId).toBeNull();
    expect(pounds(a)).toEqual({ nhs: 7710, council: 4890, total: 12600, weekly: 242.31 });
    const choice = a.explanation.find((l) => l.key === "line.largerIsPoints")!;
    expect(choice.params).toEqual({
      category: "group-a",
      categoryAmountPence: 700_000,
      pointsAmountPence: 1_260_000,
    });
  });

  it("the category when it is larger (£30,000 against £12,600), then the usual maximum", () => {
    const a = allocateBudget(larger, { ratings: case42, informal: "none", category: "group-c" });
    expect(a.categoryId).toBe("group-c");
    expect(pounds(a)).toEqual({ nhs: 14400, council: 9600, total: 24000, weekly: 461.54 });
    expect(a.flags).toEqual(["above-usual-maximum"]);
  });

  it("a tie takes the category: 12 points (mood 4) make £3,600, as does the category", () => {
    // Points: mood 4 × 3 = 12 (NHS 9.6): NHS 9.6 × 300 = £2,880, council 2.4 × 300 = £720; total £3,600.
    // Category: £3,600 at 50% = £1,800 NHS, £1,800 council; total £3,600.
    const a = allocateBudget(larger, { ratings: ratings({ mood: 4 }), informal: "none", category: "tie" });
    expect(a.categoryId).toBe("tie");
    expect(pounds(a)).toMatchObject({ nhs: 1800, council: 1800, total: 3600 });
  });

  it("below the points threshold, the category still gives a budget", () => {
    // mood 1 × 3 + relationships 2 × 1 = 5 points < 12: no points-based budget; group-a gives £7,000.
    const a = allocateBudget(larger, {
      ratings: ratings({ mood: 1, relationships: 2 }),
      informal: "none",
      category: "group-a",
    });
    expect(a.eligible).toBe(true);
    expect(a.categoryId).toBe("group-a");
    expect(a.totalPence).toBe(700_000);
  });

  it("not placed: the points-based amount, exactly as the first form", () => {
    const a = allocateBudget(larger, { ratings: case42, informal: "a-lot" });
    const first = allocateBudget(example, { ratings: case42, informal: "a-lot" });
    expect(pounds(a)).toEqual(pounds(first));
    expect(a.explanation).toEqual(first.explanation);
  });
});

describe("categories beside a price per point: the category once placed", () => {
  it("takes the category even when the points would give more (£7,000, not £12,600)", () => {
    const a = allocateBudget(whenPlaced, { ratings: case42, informal: "none", category: "group-a" });
    expect(a.categoryId).toBe("group-a");
    expect(pounds(a)).toEqual({ nhs: 4900, council: 2100, total: 7000, weekly: 134.62 });
  });

  it("the points until then", () => {
    const a = allocateBudget(whenPlaced, { ratings: case42, informal: "none" });
    expect(a.categoryId).toBeNull();
    expect(a.totalPence).toBe(1_260_000);
  });
});

describe("the rule-set schema for categories", () => {
  const problems = (extra: Record<string, unknown>, drop: string[] = []) => {
    const candidate: Record<string, unknown> = { ...example, ...extra };
    for (const field of drop) delete candidate[field];
    const checked = validateRuleSet(candidate);
    return checked.ok ? [] : checked.problems.map((p) => p.path);
  };

  it("asks how categories meet a price per point, and refuses a combination without categories", () => {
    expect(problems({ categories: CATEGORIES })).toEqual(["categoryCombination"]);
    expect(problems({ categoryCombination: "larger" })).toEqual(["categoryCombination"]);
    expect(problems({ categories: CATEGORIES, categoryCombination: "sum" })).toEqual(["categoryCombination"]);
    expect(
      problems({ categories: CATEGORIES, categoryCombination: "larger" }, ["pricePerPointPounds", "threshold"]),
    ).toEqual(["categoryCombination"]);
  });

  it("refuses a category named twice and an amount that is not whole tens of pounds", () => {
    expect(problems({ categories: [CATEGORIES[0], CATEGORIES[0]] }, ["pricePerPointPounds", "threshold"])).toEqual([
      "categories.1.id",
    ]);
    expect(
      problems({ categories: [{ ...CATEGORIES[0], amountPounds: 7005 }] }, ["pricePerPointPounds", "threshold"]),
    ).toEqual(["categories.0.amountPounds"]);
  });

  it("the shipped example set is valid, labelled as example figures, and combines by the larger of the two", () => {
    const shipped = readContentJson("rule-sets/example-categories-2026-1.json", ruleSetSchema);
    expect(shipped.label.en).toMatch(/example figures/);
    expect(shipped.categoryCombination).toBe("larger");
    expect(shipped.categories!.length).toBeGreaterThanOrEqual(4);
    for (const category of shipped.categories!) expect(category.name.en).toMatch(/^Example group/);
  });
});
