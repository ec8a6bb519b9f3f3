import { z } from "zod";
import { localizedText } from "~/domain/localized";
import { MANAGEMENT_OPTIONS, type Management, REAL_WEALTH, SOURCES_OF_HELP, MANAGEMENT_NEEDS } from "~/domain/choices";

/**
 * The personal plan (docs/domain-guide.md, "A good plan: six criteria"): one section per criterion, plus the resources
 * mapped in stage 2. Every schema here is strict and is used both by the server and by the form
 * in the browser, so every message is an i18n key in the `plan` namespace, never a sentence.
 * Money is integer pence. The workflow state, owner and version live outside the plan.
 */

// ---- shared ids (the menu and guides content use the same ones) ----

/** The four kinds of menu rule (docs/domain-guide.md, "The menu"), plus "something else" the person names. */
export const ITEM_KINDS = [
  "absolute-exclusion",
  "controlled-treatment",
  "co-designed",
  "citizen-led",
  "something-else",
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** The plan's sections, also the anchor ids a plan-check problem links to. */
export const PLAN_SECTIONS = [
  "outcomes",
  "items",
  "free-support",
  "risks",
  "crisis",
  "decisions",
  "resources",
] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];

// ---- field helpers: each one carries its own message key ----

const INVALID = "errors.invalid";
const TOO_LONG = "errors.tooLong";
const SHORT = 200;
const LONG = 2000;

const optionalText = (max = LONG) => z.string({ error: INVALID }).trim().max(max, { error: TOO_LONG });
const requiredText = (key: string, max = LONG) => optionalText(max).min(1, { error: key });
const entryId = () => requiredText(INVALID, 64);

/** Strict: an unknown field (a forged `status`, `personId`, `version`...) is refused, not dropped. */
function strict<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? "errors.unknownField" : INVALID),
  });
}

const pence = (max: number) =>
  z
    .number({ error: "errors.costInvalid" })
    .int({ error: "errors.costInvalid" })
    .min(0, { error: "errors.costInvalid" })
    .max(max, { error: "errors.costInvalid" });

const rating = () =>
  z
    .number({ error: "errors.ratingRange" })
    .int({ error: "errors.ratingRange" })
    .min(1, { error: "errors.ratingRange" })
    .max(10, { error: "errors.ratingRange" });

// ---- outcomes ----

export const outcomeSchema = strict({
  id: entryId(),
  /** The person's own words: never rewritten by anyone else. */
  words: z
    .string({ error: INVALID })
    .trim()
    .max(1000, { error: "errors.outcomeTooLong" })
    .min(1, { error: "errors.outcomeRequired" }),
  lifeAreaId: requiredText("errors.lifeAreaRequired", 64),
  now: rating(),
  hope: rating(),
});
export type Outcome = z.infer<typeof outcomeSchema>;

// ---- support and treatment bought with the budget ----

/** The only place the yearly cost is worked out; a stored figure is never trusted. */
export function yearlyCostPence(item: { unitCostPence: number; unitsPerYear: number }): number {
  return item.unitCostPence * item.unitsPerYear;
}

export const itemSchema = strict({
  id: entryId(),
  what: requiredText("errors.itemWhatRequired", SHORT),
  outcomeIds: z.array(entryId(), { error: INVALID }).max(50, { error: TOO_LONG }),
  provider: requiredText("errors.providerRequired", SHORT),
  providerId: entryId().optional(),
  menuEntryId: entryId().optional(),
  somethingElse: optionalText(1000).optional(),
  kind: z.enum(ITEM_KINDS, { error: "errors.kindRequired" }),
  frequency: requiredText("errors.frequencyRequired", SHORT),
  unitCostPence: pence(10_000_000), // £100,000: a bound against typing slips, not a policy
  unitsPerYear: z
    .number({ error: "errors.unitsInvalid" })
    .int({ error: "errors.unitsInvalid" })
    .min(1, { error: "errors.unitsInvalid" })
    .max(10_000, { error: "errors.unitsInvalid" }),
  /** Accepted so a stored plan re-parses, then replaced by unit × units. */
  yearlyCostPence: z.number({ error: INVALID }).optional(),
  menuVersion: requiredText(INVALID, 64).optional(),
  /** Menu exclusions the free text may match: a gentle warning for the person, a note for the lead professional. */
  flaggedEntryIds: z.array(entryId(), { error: INVALID }).max(20, { error: TOO_LONG }).optional(),
})
  .superRefine((item, ctx) => {
    if (item.kind === "absolute-exclusion") {
      ctx.addIssue({ code: "custom", path: ["kind"], message: "errors.itemExcluded" });
    }
    if (item.kind === "something-else" && !item.somethingElse) {
      ctx.addIssue({ code: "custom", path: ["somethingElse"], message: "errors.somethingElseRequired" });
    }
    if (item.kind !== "something-else" && !item.menuEntryId) {
      ctx.addIssue({ code: "custom", path: ["menuEntryId"], message: "errors.menuEntryRequired" });
    }
    if (item.kind === "controlled-treatment" && !item.providerId) {
      ctx.addIssue({ code: "custom", path: ["providerId"], message: "errors.accreditedProviderRequired" });
    }
  })
  .transform((item) => ({ ...item, yearlyCostPence: yearlyCostPence(item) }));
export type Item = z.output<typeof itemSchema>;

// ---- support that costs nothing ----

export const freeSupportSchema = strict({
  id: entryId(),
  who: requiredText("errors.whoRequired", SHORT),
  what: requiredText("errors.whatRequired", 1000),
  howOften: optionalText(SHORT),
});
export type FreeSupport = z.infer<typeof freeSupportSchema>;

// ---- risks and the crisis plan ----

export const riskSchema = strict({
  id: entryId(),
  risk: requiredText("errors.riskRequired"),
  howManaged: requiredText("errors.howManagedRequired"),
});
export type Risk = z.infer<typeof riskSchema>;

export const crisisContactSchema = strict({
  name: requiredText("errors.contactNameRequired", SHORT),
  howToReach: requiredText("errors.contactHowToReachRequired", SHORT),
});
export type CrisisContact = z.infer<typeof crisisContactSchema>;

/** Saved as it is typed: empty parts are allowed here and named by the plan check instead. */
export const crisisPlanSchema = strict({
  earlySigns: optionalText(),
  whatHelps: optionalText(),
  contacts: z.array(crisisContactSchema, { error: INVALID }).max(20, { error: TOO_LONG }),
  doNotWant: optionalText(),
  preferredPlace: optionalText(SHORT),
});
export type CrisisPlan = z.infer<typeof crisisPlanSchema>;

// ---- decisions ----

/** What each way of managing the money has to name. One flat record so the form can keep what was typed. */
export const managementDetailsSchema = strict({
  /** indirect payment: the trusted representative who holds the money as cash */
  representative: optionalText(SHORT).optional(),
  /** individual trust: the people who are trustees */
  trustees: z.array(requiredText(INVALID, SHORT), { error: INVALID }).max(10, { error: TOO_LONG }).optional(),
  /** community brokerage: the community organisation; individual service fund: the support service */
  organisation: optionalText(SHORT).optional(),
  /** professionally managed fund: the care manager or lead professional's team */
  managedBy: optionalText(SHORT).optional(),
  /** any option: who helps with the paperwork (a payroll or support service, for example) */
  support: optionalText(SHORT).optional(),
});
export type ManagementDetails = z.infer<typeof managementDetailsSchema>;

const DETAIL_MISSING_KEY: Record<keyof ManagementDetails, string> = {
  representative: "errors.representativeRequired",
  trustees: "errors.trusteesRequired",
  organisation: "errors.organisationRequired",
  managedBy: "errors.managedByRequired",
  support: INVALID,
};

/** The details the chosen option still needs, as {field, key}; empty when nothing is missing. */
export function missingManagementDetails(decisions: {
  management: Management | null;
  managementDetails: ManagementDetails;
}): { field: keyof ManagementDetails; key: string }[] {
  if (!decisions.management) return [];
  const needs: readonly (keyof ManagementDetails)[] = MANAGEMENT_NEEDS[decisions.management];
  return needs
    .filter((field) => {
      const value = decisions.managementDetails[field];
      return Array.isArray(value) ? value.length === 0 : !value;
    })
    .map((field) => ({ field, key: DETAIL_MISSING_KEY[field] }));
}

/** A "living will" (docs/domain-guide.md, "Managing the money"): control may shift while the person is unwell, and back again. */
export const ifUnwellSchema = strict({
  whatChanges: requiredText("errors.ifUnwellWhatChangesRequired"),
  whoMaySwitchOn: requiredText("errors.ifUnwellWhoRequired", SHORT),
  howSwitchedBack: requiredText("errors.ifUnwellBackRequired"),
  switchTo: z.enum(MANAGEMENT_OPTIONS, { error: "errors.managementInvalid" }).optional(),
});
export type IfUnwell = z.infer<typeof ifUnwellSchema>;

export const decisionsSchema = strict({
  whoDecidesWhat: optionalText(),
  /** null: not decided yet (the plan check names it). */
  management: z.enum(MANAGEMENT_OPTIONS, { error: "errors.managementInvalid" }).nullable(),
  managementDetails: managementDetailsSchema,
  ifUnwell: ifUnwellSchema.optional(),
}).superRefine((decisions, ctx) => {
  for (const { field, key } of missingManagementDetails(decisions)) {
    ctx.addIssue({ code: "custom", path: ["managementDetails", field], message: key });
  }
});
export type Decisions = z.infer<typeof decisionsSchema>;

// ---- resources (stage 2) ----

export const resourceSchema = strict({
  id: entryId(),
  heading: z.enum(REAL_WEALTH, { error: "errors.headingRequired" }),
  source: z.enum(SOURCES_OF_HELP, { error: "errors.sourceInvalid" }).optional(),
  what: requiredText("errors.whatRequired", 1000),
  whoHelps: optionalText(SHORT).optional(),
  howOften: optionalText(SHORT).optional(),
});
export type Resource = z.infer<typeof resourceSchema>;

// ---- the whole plan ----

/** Why the plan asks for more than the budget: makes it submittable, for the lead professional to weigh. */
export const overBudgetReasonSchema = strict({ overBudgetReason: optionalText() });

/** The most entries each plan list may hold: checked when an entry is added, and when the plan is read. */
export const PLAN_LIST_CAPS = { outcomes: 30, items: 100, freeSupport: 100, risks: 50, resources: 200 } as const;
export type PlanList = keyof typeof PLAN_LIST_CAPS;

export const planSchema = strict({
  outcomes: z.array(outcomeSchema, { error: INVALID }).max(PLAN_LIST_CAPS.outcomes, { error: TOO_LONG }),
  items: z.array(itemSchema, { error: INVALID }).max(PLAN_LIST_CAPS.items, { error: TOO_LONG }),
  freeSupport: z.array(freeSupportSchema, { error: INVALID }).max(PLAN_LIST_CAPS.freeSupport, { error: TOO_LONG }),
  risks: z.array(riskSchema, { error: INVALID }).max(PLAN_LIST_CAPS.risks, { error: TOO_LONG }),
  crisis: crisisPlanSchema,
  decisions: decisionsSchema,
  resources: z.array(resourceSchema, { error: INVALID }).max(PLAN_LIST_CAPS.resources, { error: TOO_LONG }),
  overBudgetReason: optionalText(),
}).superRefine((plan, ctx) => {
  // Items point at outcomes by id, so ids must be unique in each list. A stale outcome id in an
  // item is allowed (deleting an outcome must not break the plan); the plan check names it.
  for (const list of ["outcomes", "items", "freeSupport", "risks", "resources"] as const) {
    const seen = new Set<string>();
    plan[list].forEach((entry, index) => {
      if (seen.has(entry.id))
        ctx.addIssue({ code: "custom", path: [list, index, "id"], message: "errors.duplicateId" });
      seen.add(entry.id);
    });
  }
});
export type Plan = z.output<typeof planSchema>;

export function emptyPlan(): Plan {
  return {
    outcomes: [],
    items: [],
    freeSupport: [],
    risks: [],
    crisis: { earlySigns: "", whatHelps: "", contacts: [], doNotWant: "", preferredPlace: "" },
    decisions: { whoDecidesWhat: "", management: null, managementDetails: {} },
    resources: [],
    overBudgetReason: "",
  };
}

/** Which sections hold something yet (for the journey and the plan's contents page). */
export function filledSections(plan: Plan): PlanSection[] {
  const { crisis, decisions } = plan;
  const filled: Record<PlanSection, boolean> = {
    outcomes: plan.outcomes.length > 0,
    items: plan.items.length > 0,
    "free-support": plan.freeSupport.length > 0,
    risks: plan.risks.length > 0,
    crisis: Boolean(
      crisis.earlySigns || crisis.whatHelps || crisis.doNotWant || crisis.preferredPlace || crisis.contacts.length,
    ),
    decisions: Boolean(decisions.whoDecidesWhat || decisions.management || decisions.ifUnwell),
    resources: plan.resources.length > 0,
  };
  return PLAN_SECTIONS.filter((section) => filled[section]);
}

/** Where a part of the plan stands, as the task list shows it. */
export type PartStatus = "not-started" | "in-progress" | "done";

/**
 * Each part's status on the plan's task list: not started while empty; done once it has something and
 * the plan check asks nothing more of it; in progress while the check still points at it (`pointedAt`:
 * the parts the check's unmet problems send the person to).
 */
export function partStatuses(plan: Plan, pointedAt: readonly string[]): Record<PlanSection, PartStatus> {
  const filled = new Set(filledSections(plan));
  return Object.fromEntries(
    PLAN_SECTIONS.map((section) => [
      section,
      !filled.has(section) ? "not-started" : pointedAt.includes(section) ? "in-progress" : "done",
    ]),
  ) as Record<PlanSection, PartStatus>;
}

// ---- life areas for outcome ratings (docs/domain-guide.md, "Outcomes"), in the portal's own wording ----

export const lifeAreasFileSchema = z
  .object({
    translationStatus: z.string().min(1),
    areas: z
      .array(
        z.object({ id: z.string().regex(/^[a-z][a-z-]*$/), name: localizedText, description: localizedText }).strict(),
      )
      .min(6)
      .max(8),
  })
  .strict()
  .refine((file) => new Set(file.areas.map((area) => area.id)).size === file.areas.length, {
    message: "life area ids must be unique",
  });
export type LifeAreasFile = z.infer<typeof lifeAreasFileSchema>;
