import { z } from "zod";
import { localizedText } from "./localized";
import { NEED_AREA_KEYS } from "~/domain/choices";

/**
 * Need areas and allocation rule sets (docs/domain-guide.md, "The indicative budget"). Both are content files a council
 * can replace; these schemas are what stops a bad file at start-up, naming the field.
 */

/** Ratings run 0 (no difficulty) to 4 (very severe difficulty most of the time). */
export const RATINGS = [0, 1, 2, 3, 4] as const;
export type Rating = (typeof RATINGS)[number];

// ---------------------------------------------------------------------------------------------
// content/need-areas.json

const needAreaSchema = z
  .object({
    key: z.enum(NEED_AREA_KEYS),
    title: localizedText,
    question: localizedText,
    /** One description per rating, index = rating (0..4), written for the person. */
    ratings: z.tuple([localizedText, localizedText, localizedText, localizedText, localizedText]),
  })
  .strict();
export type NeedArea = z.infer<typeof needAreaSchema>;

export const needAreasFileSchema = z
  .object({
    translationStatus: z.string().optional(),
    needAreas: z.array(needAreaSchema),
    informalSupport: z
      .object({
        question: localizedText,
        answers: z
          .object({ none: localizedText, "a-little": localizedText, "a-lot": localizedText, most: localizedText })
          .strict(),
      })
      .strict(),
  })
  .strict()
  .superRefine((file, ctx) => {
    // Every need area exactly once: the rule sets and the algorithm depend on all twelve.
    const seen = new Set<string>();
    file.needAreas.forEach((area, i) => {
      if (seen.has(area.key)) {
        ctx.addIssue({ code: "custom", path: ["needAreas", i, "key"], message: `${area.key} appears twice` });
      }
      seen.add(area.key);
    });
    for (const key of NEED_AREA_KEYS) {
      if (!seen.has(key)) ctx.addIssue({ code: "custom", path: ["needAreas"], message: `need area ${key} is missing` });
    }
  });
export type NeedAreasFile = z.infer<typeof needAreasFileSchema>;

// ---------------------------------------------------------------------------------------------
// content/rule-sets/<id>.json
//
// Money in a rule set is in WHOLE POUNDS A YEAR (integers), named with a `Pounds` suffix so a
// commissioner cannot mistake the unit. Councils publish tariffs in pounds and every result is
// rounded to £10, so pence add nothing here and would invite a slipped zero. Results are in pence.
//
// The upper bounds below are generous for any real tariff and keep every intermediate product of
// the exact integer arithmetic in allocation.ts within Number.MAX_SAFE_INTEGER.

const MAX_POUNDS = 1_000_000;
const MAX_POINTS = 100_000;

const wholeNumber = (min: number, max: number, what: string) =>
  z
    .number({ error: `must be a number (${what})` })
    .int({ error: `must be a whole number (${what})` })
    .min(min, { error: `must be at least ${min} (${what})` })
    .max(max, { error: `must be at most ${max} (${what})` });

const percent = wholeNumber(0, 100, "a percentage from 0 to 100");
const pounds = wholeNumber(0, MAX_POUNDS, "whole pounds a year");

const bandSchema = z
  .object({
    from: wholeNumber(0, MAX_POINTS, "points"),
    to: wholeNumber(0, MAX_POINTS, "points"),
    amountPounds: pounds,
  })
  .strict();
export type Band = z.infer<typeof bandSchema>;

/**
 * Third form: categories (care clusters, mental-health currency groups). The lead professional
 * places the person in one, with a reason; the money follows the category.
 */
const categorySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: "must be lower-case letters, digits and hyphens" }),
    name: localizedText,
    /** Who the category fits, in a sentence the person and the lead professional read. */
    fits: localizedText.optional(),
    amountPounds: pounds.multipleOf(10, { error: "must be a multiple of 10 (whole pounds a year)" }),
    /** Percentage of the category's amount paid from NHS money; the rest is the council's. */
    nhsShare: percent,
  })
  .strict();
export type Category = z.infer<typeof categorySchema>;

/**
 * How a category amount meets the points-based amount, when a rule set has both (said in content):
 * "larger": the larger of the two totals (the category as a floor; a tie takes the category);
 * "category-when-placed": the category's amount once the person is placed, the points-based amount until then.
 */
export const CATEGORY_COMBINATIONS = ["larger", "category-when-placed"] as const;
export type CategoryCombination = (typeof CATEGORY_COMBINATIONS)[number];

export const ruleSetSchema = z
  .object({
    translationStatus: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: "must be lower-case letters, digits and hyphens" }),
    label: localizedText,
    publishedOn: z.iso.date({ error: "must be a date written YYYY-MM-DD" }),
    /** First form: a price per point and an eligibility threshold. */
    pricePerPointPounds: pounds.optional(),
    threshold: wholeNumber(1, MAX_POINTS, "points").optional(),
    /** Second form: point bands, inclusive, in order, no gaps or overlaps. Replaces price and threshold. */
    bands: z.array(bandSchema).min(1, { error: "must have at least one band" }).optional(),
    /** Third form: categories, alone or combined with the first or second form (categoryCombination). */
    categories: z.array(categorySchema).min(1, { error: "must have at least one category" }).optional(),
    categoryCombination: z
      .enum(CATEGORY_COMBINATIONS, { error: `must be one of ${CATEGORY_COMBINATIONS.join(", ")}` })
      .optional(),
    // A multiple of £10, as every amount is: step 6 then never rounds the NHS part above it.
    usualMaximumPounds: wholeNumber(10, MAX_POUNDS, "whole pounds a year").multipleOf(10, {
      error: "must be a multiple of 10 (whole pounds a year)",
    }),
    weights: z.record(z.string(), wholeNumber(0, 100, "a weight")),
    /** Percentage of each need area's points paid from NHS money; the rest is the council's. */
    nhsShares: z.record(z.string(), percent),
    /** Percentage applied to the council part only, by the informal-support answer. */
    informalMultipliers: z.object({ none: percent, "a-little": percent, "a-lot": percent, most: percent }).strict(),
  })
  .strict()
  .superRefine((rules, ctx) => {
    const priced = rules.pricePerPointPounds !== undefined || rules.threshold !== undefined;
    if (rules.bands !== undefined && priced) {
      ctx.addIssue({
        code: "custom",
        path: [rules.pricePerPointPounds !== undefined ? "pricePerPointPounds" : "threshold"],
        message: "give either pricePerPointPounds and threshold, or bands, not both",
      });
      return;
    }
    if (rules.categories !== undefined) checkCategories(rules, priced || rules.bands !== undefined, ctx);
    else if (rules.categoryCombination !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["categoryCombination"],
        message: "is only for a rule set with categories",
      });
    if (rules.bands === undefined) {
      // A rule set of categories alone has no price, threshold or bands.
      if (rules.categories !== undefined && !priced) return;
      for (const field of ["pricePerPointPounds", "threshold"] as const) {
        if (rules[field] === undefined) {
          ctx.addIssue({ code: "custom", path: [field], message: "is required when there are no bands" });
        }
      }
      return;
    }
    checkBands(rules.bands, ctx);
  })
  .superRefine((rules, ctx) => {
    // Every need area has a weight and an NHS share, and nothing else does: one schema decides
    // for content files, uploaded drafts and drafts edited through forms.
    for (const field of ["weights", "nhsShares"] as const) {
      const table = rules[field];
      for (const key of NEED_AREA_KEYS)
        if (!Object.hasOwn(table, key)) ctx.addIssue({ code: "custom", path: [field, key], message: "is missing" });
      for (const key of Object.keys(table))
        if (!(NEED_AREA_KEYS as readonly string[]).includes(key))
          ctx.addIssue({ code: "custom", path: [field, key], message: "is not a need area" });
    }
  });
export type RuleSet = z.infer<typeof ruleSetSchema>;

/** One problem with a rule set, by its path in the file ("bands.2.from", "weights.mood"). */
export type RuleSetProblem = { path: string; message: string };

/**
 * Validates anything that claims to be a rule set (a file, an upload, a draft from the forms) with
 * the one schema. Messages are the schema's own plain words; zod's defaults are replaced.
 */
export function validateRuleSet(
  candidate: unknown,
): { ok: true; ruleSet: RuleSet } | { ok: false; problems: RuleSetProblem[] } {
  const result = ruleSetSchema.safeParse(candidate);
  if (result.success) return { ok: true, ruleSet: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      path: issue.path.length ? issue.path.join(".") : "(file)",
      message: plainMessage(issue),
    })),
  };
}

function plainMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "unrecognized_keys":
      return `is not expected (${issue.keys.join(", ")})`;
    case "invalid_type":
      return issue.message.startsWith("must")
        ? issue.message
        : `must be ${issue.expected === "object" ? "a set of fields" : `a ${issue.expected}`}`;
    case "too_small":
      return issue.message.startsWith("must") ? issue.message : "must not be empty";
    case "too_big":
      return issue.message.startsWith("must") ? issue.message : "is too long";
    default:
      return issue.message;
  }
}

function checkCategories(
  rules: { categories?: Category[]; categoryCombination?: CategoryCombination },
  withPoints: boolean,
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  (rules.categories ?? []).forEach((category, i) => {
    if (seen.has(category.id))
      ctx.addIssue({ code: "custom", path: ["categories", i, "id"], message: `${category.id} appears twice` });
    seen.add(category.id);
  });
  if (withPoints && rules.categoryCombination === undefined)
    ctx.addIssue({
      code: "custom",
      path: ["categoryCombination"],
      message: `is required when categories sit beside a price per point or bands (${CATEGORY_COMBINATIONS.join(" or ")})`,
    });
  if (!withPoints && rules.categoryCombination !== undefined)
    ctx.addIssue({
      code: "custom",
      path: ["categoryCombination"],
      message: "is only for categories beside a price per point or bands",
    });
}

function checkBands(bands: Band[], ctx: z.RefinementCtx): void {
  // Fields may already have failed their own checks; only judge bands whose numbers are sound.
  const sound = (b: Band | undefined): b is Band =>
    !!b && Number.isInteger(b.from) && Number.isInteger(b.to) && Number.isInteger(b.amountPounds);
  bands.forEach((band, i) => {
    if (!sound(band)) return;
    if (band.to < band.from) {
      ctx.addIssue({ code: "custom", path: ["bands", i, "to"], message: `must not be below from (${band.from})` });
    }
    // With 0 points nothing can be split between NHS and council, and no need means no budget.
    if (band.from === 0 && band.amountPounds !== 0) {
      ctx.addIssue({
        code: "custom",
        path: ["bands", i, "amountPounds"],
        message: "a band starting at 0 points must be 0",
      });
    }
    const previous = bands[i - 1];
    if (i === 0 || !sound(previous)) return;
    if (band.from !== previous.to + 1) {
      const what = band.from <= previous.to ? "overlaps the band before" : "leaves a gap after the band before";
      ctx.addIssue({
        code: "custom",
        path: ["bands", i, "from"],
        message: `${what}: must be ${previous.to + 1}, one more than the previous band's to (${previous.to})`,
      });
    }
    // A higher band paying less would mean more need, less money: almost certainly a typing slip.
    if (band.amountPounds < previous.amountPounds) {
      ctx.addIssue({
        code: "custom",
        path: ["bands", i, "amountPounds"],
        message: `must not be less than the band before (${previous.amountPounds})`,
      });
    }
  });
}
