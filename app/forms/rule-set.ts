import { z } from "zod";
import { validateRuleSet, type RuleSet } from "~/domain/rule-set";
import { INFORMAL_SUPPORT, NEED_AREA_KEYS } from "~/domain/choices";
import { costPence } from "~/domain/calibration";
import { blankToUndefined, choice, optionalText, requiredText } from "~/lib/forms";
import { errorWith, type FormValues } from "~/lib/form-messages";
import { MAX_BAND_ROWS, bandField, weightField, shareField, multiplierField } from "~/forms/field-names";

/**
 * The commissioners' rule-set forms. The draft form is flat (one box per number) and is judged by
 * the one rule-set schema (app/domain/rule-set.ts): each problem it finds comes back by the box it
 * belongs to, in the browser and in the action alike.
 */

const RULE_SET_ID = /^[a-z0-9][a-z0-9-]*$/;

/** Copy any rule set into a new draft with a new id. */
export const copyRuleSetSchema = z.strictObject({
  intent: z.literal("copy"),
  from: requiredText(100, "scheme:errors.chooseRuleSet"),
  id: requiredText(80, "scheme:errors.id").regex(RULE_SET_ID, "scheme:errors.id"),
});

const box = z.string().trim().max(20, "common:errors.tooLong").optional();

const shape: Record<string, z.ZodType> = {
  labelEn: requiredText(200),
  labelUr: requiredText(200),
  labelPl: requiredText(200),
  tariff: choice(["price", "bands"] as const),
  pricePerPointPounds: box,
  threshold: box,
  usualMaximumPounds: box,
};
for (let i = 0; i < MAX_BAND_ROWS; i++)
  for (const part of ["From", "To", "Amount"] as const) shape[bandField(i, part)] = box;
for (const key of NEED_AREA_KEYS) {
  shape[weightField(key)] = box;
  shape[shareField(key)] = box;
}
for (const answer of INFORMAL_SUPPORT) shape[multiplierField(answer)] = box;

type DraftFields = Record<string, string | undefined>;

/** A typed number, or undefined for an empty box (the schema then says what is missing). */
const num = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : Number(v.trim()));

/**
 * The form's boxes as a rule-set candidate; `base` gives what the form does not edit (id, dates, and
 * categories with how they combine: those change by uploading a file).
 */
export function draftCandidate(
  v: DraftFields,
  base: Pick<RuleSet, "id" | "publishedOn" | "translationStatus" | "categories" | "categoryCombination">,
) {
  const table = (field: (key: string) => string) => {
    const out: Record<string, number | undefined> = {};
    for (const key of NEED_AREA_KEYS) if (num(v[field(key)]) !== undefined) out[key] = num(v[field(key)]);
    return out;
  };
  const candidate: Record<string, unknown> = {
    ...(base.translationStatus ? { translationStatus: base.translationStatus } : {}),
    id: base.id,
    label: { en: v.labelEn ?? "", ur: v.labelUr ?? "", pl: v.labelPl ?? "" },
    publishedOn: base.publishedOn,
    usualMaximumPounds: num(v.usualMaximumPounds),
    weights: table(weightField),
    nhsShares: table(shareField),
    informalMultipliers: Object.fromEntries(INFORMAL_SUPPORT.map((a) => [a, num(v[multiplierField(a)])])),
    ...(base.categories ? { categories: base.categories } : {}),
    ...(base.categoryCombination ? { categoryCombination: base.categoryCombination } : {}),
  };
  if (v.tariff === "bands") {
    let last = -1;
    for (let i = 0; i < MAX_BAND_ROWS; i++)
      if ((["From", "To", "Amount"] as const).some((p) => num(v[bandField(i, p)]) !== undefined)) last = i;
    candidate.bands = Array.from({ length: last + 1 }, (_, i) => ({
      from: num(v[bandField(i, "From")]),
      to: num(v[bandField(i, "To")]),
      amountPounds: num(v[bandField(i, "Amount")]),
    }));
  } else {
    candidate.pricePerPointPounds = num(v.pricePerPointPounds);
    candidate.threshold = num(v.threshold);
  }
  return candidate;
}

/** The form box a rule-set path belongs to ("bands.2.from" → band2From, "weights.mood" → weight-mood). */
export function fieldForPath(path: string): string {
  const [head, second, third] = path.split(".");
  if (head === "label") return { en: "labelEn", ur: "labelUr", pl: "labelPl" }[second ?? "en"] ?? "labelEn";
  if (head === "bands") {
    if (second === undefined || third === undefined) return bandField(0, "From");
    const part = third === "from" ? "From" : third === "to" ? "To" : "Amount";
    return bandField(Number(second), part);
  }
  if (head === "weights" && second) return weightField(second);
  if (head === "nhsShares" && second) return shareField(second);
  if (head === "informalMultipliers" && second) return multiplierField(second);
  if (head === "pricePerPointPounds" || head === "threshold" || head === "usualMaximumPounds") return head;
  return "_form";
}

/** Edit a draft: every box, judged by the rule-set schema, each problem by its box. */
export const ruleSetDraftSchema = z.strictObject(shape).superRefine((values, ctx) => {
  const checked = validateRuleSet(draftCandidate(values as DraftFields, { id: "draft", publishedOn: "2026-01-01" }));
  if (checked.ok) return;
  for (const problem of checked.problems) {
    if (problem.path.startsWith("label.")) continue; // the label boxes have their own required-text checks
    ctx.addIssue({
      code: "custom",
      path: [fieldForPath(problem.path)],
      message: errorWith("scheme:errors.rule", { problem: problem.message }),
    });
  }
});

/** The form's boxes filled from a rule set, for the first showing of the edit page. */
export function draftValues(ruleSet: RuleSet): FormValues {
  const values: FormValues = {
    labelEn: ruleSet.label.en,
    labelUr: ruleSet.label.ur,
    labelPl: ruleSet.label.pl,
    tariff: ruleSet.bands ? "bands" : "price",
    pricePerPointPounds: ruleSet.pricePerPointPounds?.toString() ?? "",
    threshold: ruleSet.threshold?.toString() ?? "",
    usualMaximumPounds: String(ruleSet.usualMaximumPounds),
  };
  (ruleSet.bands ?? []).forEach((band, i) => {
    values[bandField(i, "From")] = String(band.from);
    values[bandField(i, "To")] = String(band.to);
    values[bandField(i, "Amount")] = String(band.amountPounds);
  });
  for (const key of NEED_AREA_KEYS) {
    values[weightField(key)] = String(ruleSet.weights[key] ?? "");
    values[shareField(key)] = String(ruleSet.nhsShares[key] ?? "");
  }
  for (const answer of INFORMAL_SUPPORT) values[multiplierField(answer)] = String(ruleSet.informalMultipliers[answer]);
  return values;
}

const isoDate = z
  .string({ error: "scheme:errors.date" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "scheme:errors.date")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "scheme:errors.date");

/** The maker asks a second commissioner to publish the draft from a date, saying why. */
export const askApprovalSchema = z.strictObject({
  intent: z.literal("ask-approval"),
  effectiveFrom: isoDate,
  reason: requiredText(2000, "scheme:errors.reason"),
});

/** A second commissioner approves and publishes. */
export const approveSchema = z.strictObject({
  intent: z.literal("approve"),
  note: requiredText(2000, "scheme:errors.note"),
});

/** Stop using a published rule set for new calculations. */
export const retireSchema = z.strictObject({
  intent: z.literal("retire"),
  note: optionalText(2000),
});

/** The upload forms carry no typed fields besides the file; the file is judged on its own. */
export const uploadSchema = z.strictObject({ intent: z.literal("upload") });

/**
 * Trying a rule set against a file of cases: the file, and the total (pounds a year for the whole file)
 * a fit to current costs must stay within, if the commissioner sets one.
 */
export const trialSchema = z.strictObject({
  intent: z.literal("try"),
  total: z.preprocess(
    blankToUndefined,
    z
      .string({ error: "scheme:errors.total" })
      .max(20, "scheme:errors.total")
      .refine((s) => costPence(s) !== null, "scheme:errors.total")
      .transform((s) => costPence(s)!)
      .optional(),
  ),
});

/** Retire a menu entry (the one whose page it is): why, which the change log says publicly. */
export const retireEntrySchema = z.strictObject({
  why: requiredText(2000, "scheme:errors.why"),
});
