import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { readContentJson } from "~/content/read.server";
import {
  crisisPlanSchema,
  decisionsSchema,
  emptyPlan,
  filledSections,
  freeSupportSchema,
  itemSchema,
  lifeAreasFileSchema,
  outcomeSchema,
  overBudgetReasonSchema,
  planSchema,
  resourceSchema,
  riskSchema,
  yearlyCostPence,
} from "~/domain/plan";
import { MANAGEMENT_OPTIONS, REAL_WEALTH, SOURCES_OF_HELP } from "~/domain/choices";

type Locale = Record<string, unknown>;
const locales = Object.fromEntries(
  ["en", "ur", "pl"].map((lang) => [
    lang,
    JSON.parse(readFileSync(`content/locales/${lang}/plan.json`, "utf8")) as Locale,
  ]),
);
const lookup = (locale: Locale, key: string): unknown =>
  key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], locale);

/** Every message a schema gave, with the path it belongs to. */
function messages(schema: z.ZodType, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join(".") || "(form)", issue.message]));
}

const OUTCOME = { id: "o1", words: "Sleep better", lifeAreaId: "physical-health", now: 3, hope: 8 };
const ITEM = {
  id: "i1",
  what: "Swimming",
  outcomeIds: ["o1"],
  provider: "Leisure centre",
  menuEntryId: "swimming",
  kind: "citizen-led",
  frequency: "weekly",
  unitCostPence: 450,
  unitsPerYear: 50,
};
const FREE = { id: "f1", who: "My neighbour", what: "Coffee on Fridays", howOften: "weekly" };
const RISK = { id: "r1", risk: "Missing meals", howManaged: "Batch cooking with my brother" };
const CRISIS = {
  earlySigns: "",
  whatHelps: "",
  contacts: [{ name: "Sam", howToReach: "07000 000000" }],
  doNotWant: "",
  preferredPlace: "",
};
const DECISIONS = { whoDecidesWhat: "", management: "direct-payment", managementDetails: {} };
const RESOURCE = { id: "x1", heading: "capacities", what: "I can cook" };

const FORMS: [string, z.ZodType, Record<string, unknown>][] = [
  ["outcome", outcomeSchema, OUTCOME],
  ["item", itemSchema, ITEM],
  ["free support", freeSupportSchema, FREE],
  ["risk", riskSchema, RISK],
  ["crisis plan", crisisPlanSchema, CRISIS],
  ["decisions", decisionsSchema, DECISIONS],
  ["resource", resourceSchema, RESOURCE],
  ["over-budget reason", overBudgetReasonSchema, { overBudgetReason: "" }],
  ["plan", planSchema, emptyPlan()],
];

describe("plan form schemas", () => {
  for (const [name, schema, valid] of FORMS) {
    it(`${name}: accepts a valid form and refuses status, personId and version`, () => {
      expect(schema.safeParse(valid).success).toBe(true);
      for (const extra of ["status", "personId", "version"]) {
        expect(messages(schema, { ...valid, [extra]: "x" })).toEqual({ "(form)": "errors.unknownField" });
      }
    });
  }

  it("outcome: the person's own words are required, at most 1000 characters; ratings are 1 to 10", () => {
    expect(messages(outcomeSchema, { ...OUTCOME, words: "   " })).toEqual({ words: "errors.outcomeRequired" });
    expect(messages(outcomeSchema, { ...OUTCOME, words: "a".repeat(1001) })).toEqual({
      words: "errors.outcomeTooLong",
    });
    expect(outcomeSchema.safeParse({ ...OUTCOME, words: "a".repeat(1000) }).success).toBe(true);
    expect(messages(outcomeSchema, { ...OUTCOME, now: 0, hope: 11 })).toEqual({
      now: "errors.ratingRange",
      hope: "errors.ratingRange",
    });
    expect(messages(outcomeSchema, { ...OUTCOME, now: 5.5, hope: "7" })).toEqual({
      now: "errors.ratingRange",
      hope: "errors.ratingRange",
    });
    expect(messages(outcomeSchema, { ...OUTCOME, lifeAreaId: "" })).toEqual({ lifeAreaId: "errors.lifeAreaRequired" });
  });

  it("item: the yearly cost is worked out, never taken from the form", () => {
    expect(itemSchema.parse({ ...ITEM, yearlyCostPence: 1 }).yearlyCostPence).toBe(22_500);
    expect(itemSchema.parse(ITEM).yearlyCostPence).toBe(yearlyCostPence(ITEM));
  });

  it("item: money is whole pence; units at least one a year", () => {
    expect(messages(itemSchema, { ...ITEM, unitCostPence: 4.5, unitsPerYear: 0 })).toEqual({
      unitCostPence: "errors.costInvalid",
      unitsPerYear: "errors.unitsInvalid",
    });
    expect(messages(itemSchema, { ...ITEM, unitCostPence: -1 })).toEqual({ unitCostPence: "errors.costInvalid" });
  });

  it("item: follows the menu's kinds", () => {
    expect(messages(itemSchema, { ...ITEM, kind: "absolute-exclusion" })).toEqual({ kind: "errors.itemExcluded" });
    expect(messages(itemSchema, { ...ITEM, kind: "controlled-treatment" })).toEqual({
      providerId: "errors.accreditedProviderRequired",
    });
    expect(itemSchema.safeParse({ ...ITEM, kind: "controlled-treatment", providerId: "example-clinic" }).success).toBe(
      true,
    );
    const { menuEntryId: _menuEntryId, ...offMenu } = ITEM;
    expect(messages(itemSchema, offMenu)).toEqual({ menuEntryId: "errors.menuEntryRequired" });
    expect(messages(itemSchema, { ...offMenu, kind: "something-else" })).toEqual({
      somethingElse: "errors.somethingElseRequired",
    });
    expect(itemSchema.safeParse({ ...offMenu, kind: "something-else", somethingElse: "A bike" }).success).toBe(true);
    expect(messages(itemSchema, { ...ITEM, kind: "voucher" })).toEqual({ kind: "errors.kindRequired" });
  });

  it("item: an item may be saved before it is linked to an outcome (the plan check names it)", () => {
    expect(itemSchema.safeParse({ ...ITEM, outcomeIds: [] }).success).toBe(true);
  });

  it("crisis plan: saved part-filled, but a contact needs a name and a way to reach them", () => {
    expect(crisisPlanSchema.safeParse({ ...CRISIS, contacts: [] }).success).toBe(true);
    expect(messages(crisisPlanSchema, { ...CRISIS, contacts: [{ name: "Sam", howToReach: "" }] })).toEqual({
      "contacts.0.howToReach": "errors.contactHowToReachRequired",
    });
  });

  it("decisions: each way of managing the money names what it needs", () => {
    const needs: Record<string, [string, string]> = {
      "indirect-payment": ["managementDetails.representative", "errors.representativeRequired"],
      "individual-trust": ["managementDetails.trustees", "errors.trusteesRequired"],
      "community-brokerage": ["managementDetails.organisation", "errors.organisationRequired"],
      "individual-service-fund": ["managementDetails.organisation", "errors.organisationRequired"],
      "professionally-managed": ["managementDetails.managedBy", "errors.managedByRequired"],
    };
    for (const management of MANAGEMENT_OPTIONS) {
      const expected = needs[management];
      expect(messages(decisionsSchema, { ...DECISIONS, management }), management).toEqual(
        expected ? { [expected[0]]: expected[1] } : {},
      );
    }
    expect(
      messages(decisionsSchema, { ...DECISIONS, management: "individual-trust", managementDetails: { trustees: [] } }),
    ).toEqual({
      "managementDetails.trustees": "errors.trusteesRequired",
    });
    const trust = { ...DECISIONS, management: "individual-trust", managementDetails: { trustees: ["Ann", "Bo"] } };
    expect(decisionsSchema.safeParse(trust).success).toBe(true);
    expect(decisionsSchema.safeParse({ ...DECISIONS, management: null }).success).toBe(true);
    expect(messages(decisionsSchema, { ...DECISIONS, management: "cash" })).toEqual({
      management: "errors.managementInvalid",
    });
  });

  it("decisions: a living will says what changes, who switches it on and how it switches back", () => {
    const ifUnwell = {
      whatChanges: "My brother pays the PA",
      whoMaySwitchOn: "My brother",
      howSwitchedBack: "I say so",
      switchTo: "indirect-payment",
    };
    expect(decisionsSchema.safeParse({ ...DECISIONS, ifUnwell }).success).toBe(true);
    expect(messages(decisionsSchema, { ...DECISIONS, ifUnwell: { ...ifUnwell, howSwitchedBack: "" } })).toEqual({
      "ifUnwell.howSwitchedBack": "errors.ifUnwellBackRequired",
    });
  });

  it("resource: one of the five headings of real wealth, optionally one of the six sources of help", () => {
    for (const heading of REAL_WEALTH) expect(resourceSchema.safeParse({ ...RESOURCE, heading }).success).toBe(true);
    for (const source of SOURCES_OF_HELP) expect(resourceSchema.safeParse({ ...RESOURCE, source }).success).toBe(true);
    expect(messages(resourceSchema, { ...RESOURCE, heading: "wealth", source: "lottery" })).toEqual({
      heading: "errors.headingRequired",
      source: "errors.sourceInvalid",
    });
  });

  it("plan: the empty plan parses; ids are unique within a section", () => {
    expect(planSchema.parse(emptyPlan())).toEqual(emptyPlan());
    expect(filledSections(emptyPlan())).toEqual([]);
    const twice = { ...emptyPlan(), outcomes: [OUTCOME, OUTCOME] };
    expect(messages(planSchema, twice)).toEqual({ "outcomes.1.id": "errors.duplicateId" });
  });

  it("plan: knows which sections hold something", () => {
    const plan = planSchema.parse({ ...emptyPlan(), outcomes: [OUTCOME], crisis: CRISIS, decisions: DECISIONS });
    expect(filledSections(plan)).toEqual(["outcomes", "crisis", "decisions"]);
  });

  it("every message is a key of the plan namespace, in every language", () => {
    const bad: [z.ZodType, unknown][] = [
      [outcomeSchema, { words: 1, lifeAreaId: 2, now: "x", hope: null, id: "" }],
      [outcomeSchema, "not an object"],
      [itemSchema, { ...ITEM, what: "", provider: "", frequency: "", outcomeIds: "o1", what2: 1 }],
      [itemSchema, { ...ITEM, what: "x".repeat(201), menuVersion: "" }],
      [freeSupportSchema, { id: "f", who: "", what: "" }],
      [riskSchema, { id: "r", risk: "", howManaged: "" }],
      [crisisPlanSchema, { earlySigns: 1, contacts: [{ name: "", howToReach: "" }] }],
      [decisionsSchema, { whoDecidesWhat: 3, management: "x", managementDetails: { trustees: [""] }, ifUnwell: {} }],
      [resourceSchema, {}],
      [planSchema, { ...emptyPlan(), items: [{}], overBudgetReason: "x".repeat(2001) }],
    ];
    const seen = new Set<string>();
    for (const [schema, value] of bad) {
      const result = schema.safeParse(value);
      expect(result.success).toBe(false);
      for (const issue of result.error?.issues ?? []) seen.add(issue.message);
    }
    expect(seen.size).toBeGreaterThan(15);
    for (const message of seen) {
      expect(message).toMatch(/^errors\.[a-zA-Z]+$/);
      for (const [lang, locale] of Object.entries(locales))
        expect(lookup(locale, message), `${lang} ${message}`).toBeTypeOf("string");
    }
  });
});

describe("plan.json locales", () => {
  const keys = (node: unknown, prefix = ""): string[] =>
    typeof node === "object" && node !== null
      ? Object.entries(node).flatMap(([key, value]) => keys(value, `${prefix}${key}.`))
      : [prefix.slice(0, -1)];

  it("have the same keys in English, Urdu and Polish", () => {
    const english = keys(locales.en).sort();
    expect(keys(locales.ur).sort()).toEqual(english);
    expect(keys(locales.pl).sort()).toEqual(english);
  });

  it("name every management option, real-wealth heading and source of help", () => {
    for (const locale of Object.values(locales)) {
      for (const id of MANAGEMENT_OPTIONS) expect(lookup(locale, `management.${id}.name`)).toBeTypeOf("string");
      for (const id of REAL_WEALTH) expect(lookup(locale, `realWealth.${id}.name`)).toBeTypeOf("string");
      for (const id of SOURCES_OF_HELP) expect(lookup(locale, `sources.${id}`)).toBeTypeOf("string");
    }
  });
});

describe("content/life-areas.json", () => {
  it("parses: 6 to 8 life areas in the portal's own words, in every language", () => {
    const file = readContentJson("life-areas.json", lifeAreasFileSchema);
    expect(file.areas.length).toBeGreaterThanOrEqual(6);
    expect(file.areas.length).toBeLessThanOrEqual(8);
    expect(file.areas.map((area) => area.name.en)).toContain("Feeling well in myself");
    expect(file.translationStatus).toBe("ur and pl await review by a native speaker");
  });
});
