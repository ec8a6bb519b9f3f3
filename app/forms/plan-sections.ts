import { z } from "zod";
import { HOW_PAID } from "~/domain/choices";
import type { CrisisPlan, Decisions } from "~/domain/plan";
import { MANAGEMENT_NEEDS, MANAGEMENT_OPTIONS, REAL_WEALTH, SOURCES_OF_HELP, type Management } from "~/domain/choices";
import { CRISIS_CONTACT_SLOTS, contactField, ratingField } from "~/forms/field-names";
import {
  blankToUndefined,
  choice,
  optionalCalendarDate,
  optionalText,
  requiredText,
  wholeNumber,
  withDateInputs,
} from "~/lib/forms";
import type { FormValues } from "~/lib/form-messages";
import { pounds } from "./plan";

/**
 * The forms of the plan's other sections and of stages 2, 5, 6 and 7. One strict schema per form,
 * shared by the action and the browser; unknown fields are refused. Messages are i18n keys.
 */

const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess(blankToUndefined, z.enum(values, { error: message }).optional());
/** The section version the form was loaded at (never-lose-work: a later save by someone else is not overwritten). */
const version = wholeNumber(0, 1_000_000_000, "journey-ui:errors.reload");
const saveIntent = z.enum(["save", "autosave"], { error: "common:errors.unknownField" });
const entryId = z.string({ error: "common:errors.unknownField" }).min(1, "common:errors.unknownField").max(64);

// ---- stage 2 and the list sections: add one entry at a time ----

export const resourceFormSchema = z.strictObject({
  intent: z.literal("add"),
  heading: choice(REAL_WEALTH, "plan:errors.headingRequired"),
  source: optionalChoice(SOURCES_OF_HELP, "plan:errors.sourceInvalid"),
  what: requiredText(1000, "plan:errors.whatRequired"),
  whoHelps: optionalText(200),
  howOften: optionalText(200),
});

export const freeSupportFormSchema = z.strictObject({
  intent: z.literal("add"),
  who: requiredText(200, "plan:errors.whoRequired"),
  what: requiredText(1000, "plan:errors.whatRequired"),
  howOften: optionalText(200),
});

export const riskFormSchema = z.strictObject({
  intent: z.literal("add"),
  risk: requiredText(2000, "plan:errors.riskRequired"),
  howManaged: requiredText(2000, "plan:errors.howManagedRequired"),
});

// ---- the crisis plan: one form, saved with its version ----

/** One row of "who to contact": named `contacts.0.name`, `contacts.0.howToReach`, … on the page. */
const contactRow = z.strictObject({ name: optionalText(200), howToReach: optionalText(200) });

export const crisisFormSchema = z
  .strictObject({
    intent: saveIntent,
    version,
    earlySigns: optionalText(2000),
    whatHelps: optionalText(2000),
    contacts: z.array(contactRow).max(CRISIS_CONTACT_SLOTS).default([]),
    doNotWant: optionalText(2000),
    preferredPlace: optionalText(200),
  })
  .superRefine((v, ctx) => {
    // A blank pair is ignored; half a pair is named so nobody is left without a way to reach them.
    v.contacts.forEach(({ name, howToReach }, i) => {
      if (name && !howToReach)
        ctx.addIssue({
          code: "custom",
          path: ["contacts", i, "howToReach"],
          message: "plan:errors.contactHowToReachRequired",
        });
      if (howToReach && !name)
        ctx.addIssue({ code: "custom", path: ["contacts", i, "name"], message: "plan:errors.contactNameRequired" });
    });
  });
export type CrisisForm = z.infer<typeof crisisFormSchema>;

export function crisisFromForm(form: CrisisForm): CrisisPlan {
  return {
    earlySigns: form.earlySigns ?? "",
    whatHelps: form.whatHelps ?? "",
    contacts: form.contacts.flatMap(({ name, howToReach }) => (name && howToReach ? [{ name, howToReach }] : [])),
    doNotWant: form.doNotWant ?? "",
    preferredPlace: form.preferredPlace ?? "",
  };
}

export function crisisToValues(crisis: CrisisPlan): FormValues {
  const values: FormValues = {
    earlySigns: crisis.earlySigns,
    whatHelps: crisis.whatHelps,
    doNotWant: crisis.doNotWant,
    preferredPlace: crisis.preferredPlace,
  };
  crisis.contacts.slice(0, CRISIS_CONTACT_SLOTS).forEach((contact, i) => {
    values[contactField(i, "name")] = contact.name;
    values[contactField(i, "howToReach")] = contact.howToReach;
  });
  return values;
}

// ---- decisions: who decides, how the money is managed, and "if I become unwell" ----

const DETAIL_KEYS: Record<"representative" | "trustees" | "organisation" | "managedBy", string> = {
  representative: "plan:errors.representativeRequired",
  trustees: "plan:errors.trusteesRequired",
  organisation: "plan:errors.organisationRequired",
  managedBy: "plan:errors.managedByRequired",
};

export const decisionsFormSchema = z
  .strictObject({
    intent: saveIntent,
    version,
    whoDecidesWhat: optionalText(2000),
    management: optionalChoice(MANAGEMENT_OPTIONS, "plan:errors.managementInvalid"),
    representative: optionalText(200),
    /** One trustee a line. */
    trustees: optionalText(2000),
    organisation: optionalText(200),
    managedBy: optionalText(200),
    support: optionalText(200),
    unwellWhatChanges: optionalText(2000),
    unwellWho: optionalText(200),
    unwellBack: optionalText(2000),
    unwellSwitchTo: optionalChoice(MANAGEMENT_OPTIONS, "plan:errors.managementInvalid"),
  })
  .superRefine((v, ctx) => {
    if (v.management) {
      for (const field of MANAGEMENT_NEEDS[v.management]) {
        if (!v[field]) ctx.addIssue({ code: "custom", path: [field], message: DETAIL_KEYS[field] });
      }
    }
    // "If I become unwell" is optional, but once begun it needs all three parts to be clear.
    const begun = Boolean(v.unwellWhatChanges || v.unwellWho || v.unwellBack || v.unwellSwitchTo);
    if (begun) {
      if (!v.unwellWhatChanges)
        ctx.addIssue({
          code: "custom",
          path: ["unwellWhatChanges"],
          message: "plan:errors.ifUnwellWhatChangesRequired",
        });
      if (!v.unwellWho)
        ctx.addIssue({ code: "custom", path: ["unwellWho"], message: "plan:errors.ifUnwellWhoRequired" });
      if (!v.unwellBack)
        ctx.addIssue({ code: "custom", path: ["unwellBack"], message: "plan:errors.ifUnwellBackRequired" });
    }
  });
export type DecisionsForm = z.infer<typeof decisionsFormSchema>;

const lines = (text: string | undefined) =>
  (text ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

export function decisionsFromForm(form: DecisionsForm): Decisions {
  const management: Management | null = form.management ?? null;
  const trustees = lines(form.trustees);
  const details: Decisions["managementDetails"] = {};
  if (form.representative) details.representative = form.representative;
  if (trustees.length > 0) details.trustees = trustees.slice(0, 10);
  if (form.organisation) details.organisation = form.organisation;
  if (form.managedBy) details.managedBy = form.managedBy;
  if (form.support) details.support = form.support;
  const decisions: Decisions = { whoDecidesWhat: form.whoDecidesWhat ?? "", management, managementDetails: details };
  if (form.unwellWhatChanges && form.unwellWho && form.unwellBack) {
    decisions.ifUnwell = {
      whatChanges: form.unwellWhatChanges,
      whoMaySwitchOn: form.unwellWho,
      howSwitchedBack: form.unwellBack,
      ...(form.unwellSwitchTo ? { switchTo: form.unwellSwitchTo } : {}),
    };
  }
  return decisions;
}

export function decisionsToValues(decisions: Decisions): FormValues {
  const d = decisions.managementDetails;
  const values: FormValues = { whoDecidesWhat: decisions.whoDecidesWhat };
  if (decisions.management) values.management = decisions.management;
  if (d.representative) values.representative = d.representative;
  if (d.trustees?.length) values.trustees = d.trustees.join("\n");
  if (d.organisation) values.organisation = d.organisation;
  if (d.managedBy) values.managedBy = d.managedBy;
  if (d.support) values.support = d.support;
  if (decisions.ifUnwell) {
    values.unwellWhatChanges = decisions.ifUnwell.whatChanges;
    values.unwellWho = decisions.ifUnwell.whoMaySwitchOn;
    values.unwellBack = decisions.ifUnwell.howSwitchedBack;
    if (decisions.ifUnwell.switchTo) values.unwellSwitchTo = decisions.ifUnwell.switchTo;
  }
  return values;
}

/** After a conflict: keep what is saved and drop nothing (the other text stays in the history). */
export const keepTheirsSchema = z.strictObject({ intent: z.literal("keep-theirs") });

// ---- the over-budget reason, for the lead professional ----

export const overBudgetReasonFormSchema = z.strictObject({
  intent: z.enum(["over-budget-reason", "save"]),
  version,
  overBudgetReason: optionalText(2000),
});

// ---- stage 5: organising ----

export const arrangementFormSchema = withDateInputs(
  ["startDate"],
  z.strictObject({
    intent: z.literal("arrange"),
    itemId: entryId,
    provider: optionalText(200),
    startDate: optionalCalendarDate("journey-ui:errors.dateInvalid"),
    howPaid: optionalChoice(HOW_PAID, "journey-ui:errors.howPaidRequired"),
  }),
);

// ---- stage 6: moving money between items ----

const chosenItem = z.string({ error: "journey-ui:errors.chooseItem" }).min(1, "journey-ui:errors.chooseItem").max(64);

export const moveMoneyFormSchema = z
  .strictObject({
    intent: z.literal("move"),
    fromItemId: chosenItem,
    toItemId: chosenItem,
    amount: pounds("journey-ui:errors.amountInvalid"),
  })
  .superRefine((v, ctx) => {
    if (v.fromItemId === v.toItemId)
      ctx.addIssue({ code: "custom", path: ["toItemId"], message: "journey-ui:errors.sameItem" });
    if (v.amount <= 0) ctx.addIssue({ code: "custom", path: ["amount"], message: "journey-ui:errors.amountInvalid" });
  });

// ---- stage 7: reflecting ----

/** Built for the outcomes in view: one "where I am now" box for each, blank allowed. */
export function reflectionFormSchema(outcomeIds: readonly string[]) {
  const ratings = Object.fromEntries(
    outcomeIds.map((id) => [
      ratingField(id),
      z.preprocess(blankToUndefined, wholeNumber(1, 10, "plan:errors.ratingRange").optional()),
    ]),
  );
  return z.strictObject({
    intent: z.enum(["save", "autosave"]),
    version,
    working: optionalText(2000),
    notWorking: optionalText(2000),
    ...ratings,
  });
}
