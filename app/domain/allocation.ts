import type { Category, CategoryCombination, RuleSet } from "./rule-set";
import { INFORMAL_SUPPORT, NEED_AREA_KEYS, type InformalSupport, type NeedAreaKey } from "~/domain/choices";

/**
 * The indicative budget (docs/domain-guide.md, "The indicative budget"). Pure and deterministic: the same
 * ratings under the same rule set always give the same figures and the same explanation.
 *
 * Arithmetic is exact, in integers: points are whole, NHS points are kept in hundredths of a point
 * (weight × rating × share%), rule-set money is whole pounds, and each division happens once, inside
 * a rounding step. The schema's bounds keep every product a safe integer; `divRound` checks anyway.
 */

/** Ratings as numbers 0..4, one for every need area. The caller decides which rating counts
 * (agreed over self) and turns "I'd rather not say" into 0; a missing need area is an error. */
export type AllocationInput = {
  ratings: Readonly<Record<NeedAreaKey, number>>;
  informal: InformalSupport;
  /** The category the lead professional placed the person in, for a rule set with categories. */
  category?: string;
};

export const ALLOCATION_FLAGS = ["above-usual-maximum", "talk-it-through-first"] as const;
export type AllocationFlag = (typeof ALLOCATION_FLAGS)[number];

/**
 * One step that applied, ready for translation: `t(key, explanationParams(line, format))` in the
 * `allocation` namespace. Params ending in `Pence` are money in pence; `area` is a need-area key;
 * `count` picks the plural of "point". Fractional points (nhsPoints, councilPoints) are numbers for
 * display only, formatted by i18next (`{{nhsPoints, number}}`); the exact values are the strings
 * on the result.
 */
export type ExplanationLine = { key: string; params: Record<string, string | number> };

export type Allocation = {
  ruleSetId: string;
  points: number;
  /** Exact decimal strings, e.g. "33.6" (points are kept in hundredths). */
  nhsPoints: string;
  councilPoints: string;
  eligible: boolean;
  nhsPence: number;
  councilPence: number;
  totalPence: number;
  weeklyPence: number;
  flags: AllocationFlag[];
  explanation: ExplanationLine[];
  /** The category whose amount the budget follows, when it does (null: the points-based amount). */
  categoryId: string | null;
};

/** Bad input: a need area without a rating, a rating outside 0..4, an unknown informal answer. */
export class AllocationInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot work out a budget: ${problems.join("; ")}`);
    this.name = "AllocationInputError";
  }
}

// ---------------------------------------------------------------------------------------------
// Rule sets are compiled once into arrays indexed like NEED_AREA_KEYS, so an allocation is one loop.

type Tariff =
  | { kind: "price"; pricePounds: number; threshold: number }
  | { kind: "bands"; bands: readonly { from: number; to: number; amountPounds: number }[] };

type CompiledRuleSet = {
  id: string;
  weights: number[];
  nhsShares: number[];
  /** Null for a rule set of categories alone. */
  tariff: Tariff | null;
  categories: ReadonlyMap<string, Category> | null;
  combination: CategoryCombination | null;
  maximumPounds: number;
  multipliers: Record<InformalSupport, number>;
};

// Keyed by the parsed object: a rule set is never changed after loading (a new version is a new file).
const compiled = new WeakMap<RuleSet, CompiledRuleSet>();

function compile(ruleSet: RuleSet): CompiledRuleSet {
  const cached = compiled.get(ruleSet);
  if (cached) return cached;
  const weights: number[] = [];
  const nhsShares: number[] = [];
  for (const key of NEED_AREA_KEYS) {
    const weight = ruleSet.weights[key];
    const share = ruleSet.nhsShares[key];
    // Loading checks this (checkRuleSetAgainstNeedAreas); a rule set that slipped past is a bug.
    if (weight === undefined || share === undefined) {
      throw new Error(`Rule set ${ruleSet.id} has no weight or NHS share for ${key}`);
    }
    weights.push(weight);
    nhsShares.push(share);
  }
  let tariff: Tariff | null = null;
  if (ruleSet.bands) tariff = { kind: "bands", bands: ruleSet.bands };
  else if (ruleSet.pricePerPointPounds !== undefined && ruleSet.threshold !== undefined)
    tariff = { kind: "price", pricePounds: ruleSet.pricePerPointPounds, threshold: ruleSet.threshold };
  else if (!ruleSet.categories)
    throw new Error(`Rule set ${ruleSet.id} has no price per point and threshold, no bands and no categories`);
  const result: CompiledRuleSet = {
    id: ruleSet.id,
    weights,
    nhsShares,
    tariff,
    categories: ruleSet.categories ? new Map(ruleSet.categories.map((c) => [c.id, c])) : null,
    combination: ruleSet.categoryCombination ?? null,
    maximumPounds: ruleSet.usualMaximumPounds,
    multipliers: ruleSet.informalMultipliers,
  };
  compiled.set(ruleSet, result);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Exact rounding

/** num / den rounded to the nearest whole number, exact halves upwards. num ≥ 0, den > 0, integers. */
function divRound(num: number, den: number): number {
  const twice = 2 * num + den; // floor((2·num + den) / (2·den)) = round-half-up(num / den)
  const by = 2 * den;
  if (!Number.isSafeInteger(twice) || !Number.isSafeInteger(by)) throw new Error("allocation arithmetic out of range");
  let q = Math.floor(twice / by);
  // Guard the float division: make q the true integer quotient.
  if (q * by > twice) q -= 1;
  else if ((q + 1) * by <= twice) q += 1;
  return q;
}

/** (num / den) pounds to the nearest £10, exact halves upwards. */
function round10(num: number, den: number): number {
  return divRound(num, den * 10) * 10;
}

/** A yearly amount in pence as a weekly one: ÷ 52 to the penny, halves upwards (step 8). */
export function weeklyPence(totalPence: number): number {
  return divRound(totalPence, 52);
}

/** Hundredths of a point as an exact decimal string: 3360 → "33.6", 3365 → "33.65", 3300 → "33". */
export function hundredthsToString(hundredths: number): string {
  const whole = Math.floor(hundredths / 100);
  const rest = hundredths % 100;
  if (rest === 0) return String(whole);
  return `${whole}.${String(rest).padStart(2, "0").replace(/0$/, "")}`;
}

// ---------------------------------------------------------------------------------------------

function readRatings(input: AllocationInput, rules: CompiledRuleSet): number[] {
  const problems: string[] = [];
  const ratings: number[] = [];
  const given = input.ratings as Readonly<Record<string, unknown>>;
  for (const key of NEED_AREA_KEYS) {
    const rating = given[key];
    if (rating === undefined) problems.push(`${key}: no rating`);
    else if (typeof rating !== "number" || !Number.isInteger(rating) || rating < 0 || rating > 4)
      problems.push(`${key}: rating must be a whole number from 0 to 4`);
    ratings.push(rating as number);
  }
  for (const key in given) {
    if (!(NEED_AREA_KEYS as readonly string[]).includes(key)) problems.push(`${key}: not a need area`);
  }
  if (!(INFORMAL_SUPPORT as readonly string[]).includes(input.informal))
    problems.push(`informal: must be one of ${INFORMAL_SUPPORT.join(", ")}`);
  if (input.category !== undefined) {
    if (!rules.categories) problems.push(`category: rule set ${rules.id} has no categories`);
    else if (!rules.categories.has(input.category))
      problems.push(`category: "${input.category}" is not a category of rule set ${rules.id}`);
  }
  if (problems.length) throw new AllocationInputError(problems);
  return ratings;
}

/** What a part of the calculation came to, in whole pounds, with the lines that explain it. */
type Part = { eligible: boolean; nhs: number; council: number; lines: ExplanationLine[] };

/** Steps 2 and 4 (price per point), or their banded replacement. */
function pointsPart(
  tariff: Tariff,
  sums: { points: number; nhsHundredths: number; councilHundredths: number },
  multiplier: number,
  informalLine: (councilPounds: number) => ExplanationLine,
): Part {
  const { points, nhsHundredths, councilHundredths } = sums;
  const lines: ExplanationLine[] = [];
  let eligible = false;
  let nhs = 0;
  let council = 0;
  if (tariff.kind === "price") {
    const price = tariff.pricePounds;
    eligible = points >= tariff.threshold;
    if (!eligible) {
      lines.push({ key: "line.belowThreshold", params: { points, threshold: tariff.threshold } });
    } else {
      const pricePence = price * 100;
      lines.push({
        key: "line.price",
        params: { points, count: points, pricePence, amountPence: points * pricePence },
      });
      // hundredths of a point × whole pounds = pence, exactly.
      nhs = round10(nhsHundredths * price, 100);
      lines.push({
        key: nhsHundredths * price === nhs * 100 ? "line.nhsPart" : "line.nhsPartRounded",
        params: {
          nhsPoints: nhsHundredths / 100,
          count: nhsHundredths / 100,
          pricePence,
          exactPence: nhsHundredths * price,
          nhsPence: nhs * 100,
        },
      });
      council = round10(councilHundredths * price * multiplier, 100 * 100);
      lines.push({
        key: "line.councilPart",
        params: {
          councilPoints: councilHundredths / 100,
          count: councilHundredths / 100,
          pricePence,
          exactPence: councilHundredths * price,
        },
      });
      lines.push(informalLine(council));
    }
  } else {
    const { bands } = tariff;
    const first = bands[0]!;
    const last = bands[bands.length - 1]!;
    let amount = 0;
    if (points < first.from) {
      lines.push({ key: "line.belowFirstBand", params: { points, from: first.from } });
    } else if (points > last.to) {
      amount = last.amountPounds;
      lines.push({ key: "line.aboveLastBand", params: { points, to: last.to, amountPence: amount * 100 } });
    } else {
      const band = bands.find((b) => points <= b.to)!;
      amount = band.amountPounds;
      const key = amount === 0 ? "line.bandNoBudget" : "line.band";
      lines.push({ key, params: { points, from: band.from, to: band.to, amountPence: amount * 100 } });
    }
    eligible = amount > 0;
    if (eligible) {
      // points > 0 here: the schema makes any band containing 0 points pay £0.
      nhs = round10(amount * nhsHundredths, points * 100);
      lines.push({
        key: "line.bandNhsPart",
        params: { nhsPoints: nhsHundredths / 100, points, amountPence: amount * 100, nhsPence: nhs * 100 },
      });
      // (amount − amount × nhsPoints / points) × multiplier%, exact, rounded once.
      council = round10(amount * councilHundredths * multiplier, points * 100 * 100);
      lines.push({
        key: "line.bandCouncilPart",
        params: { councilPoints: councilHundredths / 100, points, amountPence: amount * 100 },
      });
      lines.push(informalLine(council));
    }
  }

  return { eligible, nhs, council, lines };
}

/**
 * The third form: the category's yearly amount, split by its NHS share, the council part adjusted by
 * the informal-support multiplier, as the bands split theirs: `nhs = round10(amount × share%)`,
 * `council = round10((amount − amount × share%) × multiplier%)`, exact, each rounded once.
 */
function categoryPart(
  category: Category,
  multiplier: number,
  informalLine: (councilPounds: number) => ExplanationLine,
): Part {
  const amount = category.amountPounds;
  const lines: ExplanationLine[] = [];
  if (amount === 0) {
    lines.push({ key: "line.categoryNoBudget", params: { category: category.id } });
    return { eligible: false, nhs: 0, council: 0, lines };
  }
  lines.push({ key: "line.category", params: { category: category.id, amountPence: amount * 100 } });
  const nhs = round10(amount * category.nhsShare, 100);
  lines.push({
    key: "line.categoryNhsPart",
    params: { percent: category.nhsShare, amountPence: amount * 100, nhsPence: nhs * 100 },
  });
  const council = round10(amount * (100 - category.nhsShare) * multiplier, 100 * 100);
  lines.push({
    key: "line.categoryCouncilPart",
    params: { percent: 100 - category.nhsShare, amountPence: amount * 100 },
  });
  lines.push(informalLine(council));
  return { eligible: true, nhs, council, lines };
}

/** Step 7 names these two need areas. */
const TALK_FIRST_AREAS: readonly NeedAreaKey[] = ["keeping-safe", "others-safety"];

/**
 * Works out the indicative budget, following docs/domain-guide.md ("The indicative budget") step by step.
 * Explanation lines: one per need area rated above 0 (a 0 adds nothing and would only lengthen the
 * page; every rating is shown elsewhere), then one per step that applied. Throws
 * AllocationInputError for bad input.
 */
export function allocateBudget(ruleSet: RuleSet, input: AllocationInput): Allocation {
  const rules = compile(ruleSet);
  const ratings = readRatings(input, rules);
  const lines: ExplanationLine[] = [];
  const flags: AllocationFlag[] = [];

  // Step 1 (and the sum of step 3, in hundredths of a point).
  let points = 0;
  let nhsHundredths = 0;
  for (let i = 0; i < NEED_AREA_KEYS.length; i++) {
    const rating = ratings[i]!;
    if (rating === 0) continue;
    const weight = rules.weights[i]!;
    const areaPoints = weight * rating;
    points += areaPoints;
    nhsHundredths += areaPoints * rules.nhsShares[i]!;
    const area = NEED_AREA_KEYS[i]!;
    lines.push({ key: "line.needArea", params: { area, rating, weight, points: areaPoints, count: areaPoints } });
  }
  const councilHundredths = points * 100 - nhsHundredths;
  lines.push({ key: "line.totalPoints", params: { points, count: points } });

  const multiplier = rules.multipliers[input.informal];
  const informalLine = (councilPounds: number): ExplanationLine => ({
    key: `line.informal.${input.informal}`,
    params: { percent: multiplier, councilPence: councilPounds * 100 },
  });

  // Steps 2 and 4 (or the bands' replacement), and the category form. Amounts here are whole pounds.
  const sums = { points, nhsHundredths, councilHundredths };
  const category = input.category === undefined ? undefined : rules.categories?.get(input.category);
  const byPoints = rules.tariff ? pointsPart(rules.tariff, sums, multiplier, informalLine) : null;
  const byCategory = category ? categoryPart(category, multiplier, informalLine) : null;
  let chosen: Part;
  let categoryId: string | null = null;
  if (byCategory && byPoints && rules.combination === "larger") {
    // Both are worked out and shown; the larger total counts (a tie takes the category).
    const categoryTotal = byCategory.nhs + byCategory.council;
    const pointsTotal = byPoints.nhs + byPoints.council;
    const takeCategory = categoryTotal >= pointsTotal;
    chosen = takeCategory ? byCategory : byPoints;
    categoryId = takeCategory ? category!.id : null;
    lines.push(...byPoints.lines, ...byCategory.lines);
    lines.push({
      key: takeCategory ? "line.largerIsCategory" : "line.largerIsPoints",
      params: {
        category: category!.id,
        categoryAmountPence: categoryTotal * 100,
        pointsAmountPence: pointsTotal * 100,
      },
    });
  } else if (byCategory) {
    // Categories alone, or "category-when-placed": the category's amount once the person is placed.
    chosen = byCategory;
    categoryId = category!.id;
    lines.push(...byCategory.lines);
  } else if (byPoints) {
    chosen = byPoints;
    lines.push(...byPoints.lines);
  } else {
    // A rule set of categories alone, and the person is not yet placed in one.
    chosen = { eligible: false, nhs: 0, council: 0, lines: [] };
    lines.push({ key: "line.noCategory", params: {} });
  }
  const eligible = chosen.eligible;
  let nhs = chosen.nhs;
  let council = chosen.council;

  // Steps 5 and 6.
  let total = nhs + council;
  if (eligible) {
    lines.push({
      key: "line.total",
      params: { nhsPence: nhs * 100, councilPence: council * 100, totalPence: total * 100 },
    });
    const maximum = rules.maximumPounds;
    if (total > maximum) {
      const before = total;
      nhs = round10(maximum * nhs, total);
      council = maximum - nhs;
      total = maximum;
      flags.push("above-usual-maximum");
      lines.push({
        key: "line.aboveMaximum",
        params: {
          beforePence: before * 100,
          maximumPence: maximum * 100,
          nhsPence: nhs * 100,
          councilPence: council * 100,
        },
      });
    }
  }

  // Step 8.
  const weekly = weeklyPence(total * 100);
  if (eligible) lines.push({ key: "line.weekly", params: { totalPence: total * 100, weeklyPence: weekly } });

  // Step 7, whatever the result.
  const talkFirst = TALK_FIRST_AREAS.filter((area) => ratings[NEED_AREA_KEYS.indexOf(area)] === 4);
  for (const area of talkFirst) lines.push({ key: "line.talkFirst", params: { area } });
  if (talkFirst.length > 0) flags.push("talk-it-through-first");

  return {
    ruleSetId: rules.id,
    points,
    nhsPoints: hundredthsToString(nhsHundredths),
    councilPoints: hundredthsToString(councilHundredths),
    eligible,
    nhsPence: nhs * 100,
    councilPence: council * 100,
    totalPence: total * 100,
    weeklyPence: weekly,
    flags,
    explanation: lines,
    categoryId,
  };
}

/**
 * Params ready for `t()`: each `xPence` becomes `x`, formatted by the caller (the UI owns money
 * formatting), and `area` becomes the need area's title in the reader's language.
 */
export function explanationParams(
  line: ExplanationLine,
  format: { money: (pence: number) => string; area: (key: NeedAreaKey) => string; category?: (id: string) => string },
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(line.params)) {
    if (name.endsWith("Pence") && typeof value === "number") out[name.slice(0, -"Pence".length)] = format.money(value);
    else if (name === "area" && typeof value === "string") out.area = format.area(value as NeedAreaKey);
    else if (name === "category" && typeof value === "string") out.category = format.category?.(value) ?? value;
    else out[name] = value;
  }
  return out;
}

/**
 * The budget a plan is judged against: the calculation on agreed ratings when the lead professional
 * recorded any, otherwise the person's own. Both stay visible; this is the one rule for which counts.
 */
export function judgedBudget<T>(budgets: { self?: T; agreed?: T }): T | undefined {
  return budgets.agreed ?? budgets.self;
}
