import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readContentJson } from "~/content/read.server";
import { planSchema, type Plan } from "~/domain/plan";
import { agreedPlan, isWaiting, moveMoney, type ChangeEntry } from "~/domain/plan-stages";
import {
  budgetInView,
  canSubmit,
  changeNeedsSignOff,
  CHECK_IDS,
  CRITERIA,
  defaultPlanCheck,
  planCheckFileSchema,
  planCriteria,
  type Criterion,
} from "~/domain/plan-criteria";

const BUDGET = { totalPence: 500_000 }; // £5,000 a year

/** A full plan: £3,720 a year, above the small-plan threshold, every section filled. */
function completePlan(): Plan {
  return planSchema.parse({
    outcomes: [{ id: "o1", words: "Get out of the house three times a week", lifeAreaId: "days", now: 3, hope: 7 }],
    items: [
      {
        id: "pa",
        what: "Personal assistant",
        outcomeIds: ["o1"],
        provider: "Employed directly",
        menuEntryId: "personal-assistant",
        kind: "co-designed",
        frequency: "4 hours a week",
        unitCostPence: 1_500,
        unitsPerYear: 200,
        menuVersion: "2026-1",
      },
      {
        id: "cbt",
        what: "Cognitive behavioural therapy",
        outcomeIds: ["o1"],
        provider: "Example Therapy Rooms",
        providerId: "example-therapy-rooms",
        menuEntryId: "cbt",
        kind: "controlled-treatment",
        frequency: "monthly",
        unitCostPence: 6_000,
        unitsPerYear: 12,
      },
    ],
    freeSupport: [{ id: "f1", who: "My sister", what: "Walks with me on Sundays", howOften: "weekly" }],
    risks: [{ id: "r1", risk: "I stop going out when my mood drops", howManaged: "My PA calls me the next day" }],
    crisis: {
      earlySigns: "Not sleeping, not answering the phone",
      whatHelps: "Quiet, someone I know sitting with me",
      contacts: [{ name: "Crisis team", howToReach: "0000 000 000 (example)" }],
      doNotWant: "Being taken to A&E",
      preferredPlace: "At home",
    },
    decisions: {
      whoDecidesWhat: "I decide day to day; my sister helps with the money",
      management: "indirect-payment",
      managementDetails: { representative: "My sister" },
    },
    resources: [{ id: "x1", heading: "connections", source: "family-friends", what: "My sister nearby" }],
    overBudgetReason: "",
  });
}

/** A simple plan: one gym membership, £1,560 a year, a crisis contact, a direct payment. Nothing else. */
function smallPlan(): Plan {
  return planSchema.parse({
    outcomes: [{ id: "o1", words: "Feel stronger", lifeAreaId: "physical-health", now: 4, hope: 7 }],
    items: [
      {
        id: "gym",
        what: "Gym membership",
        outcomeIds: ["o1"],
        provider: "Leisure centre",
        menuEntryId: "gym",
        kind: "citizen-led",
        frequency: "monthly",
        unitCostPence: 13_000,
        unitsPerYear: 12,
      },
    ],
    freeSupport: [],
    risks: [],
    crisis: {
      earlySigns: "",
      whatHelps: "",
      contacts: [{ name: "GP surgery", howToReach: "Phone" }],
      doNotWant: "",
      preferredPlace: "",
    },
    decisions: { whoDecidesWhat: "", management: "direct-payment", managementDetails: {} },
    resources: [],
    overBudgetReason: "",
  });
}

const notMet = (plan: Plan, budget = BUDGET, rules = defaultPlanCheck): Criterion[] =>
  planCriteria(plan, budget, rules)
    .filter((result) => !result.met)
    .map((result) => result.criterion);

const problemKeys = (plan: Plan, budget = BUDGET) =>
  planCriteria(plan, budget).flatMap((result) => result.problems.map((problem) => problem.key));

describe("planCriteria", () => {
  it("gives the six criteria in order, all met for a complete plan", () => {
    const results = planCriteria(completePlan(), BUDGET);
    expect(results.map((result) => result.criterion)).toEqual([...CRITERIA]);
    expect(results.every((result) => result.met && result.problems.length === 0)).toBe(true);
  });

  it("names outcomes (and the items left serving nothing) when there are no outcomes", () => {
    const plan = { ...completePlan(), outcomes: [] };
    expect(notMet(plan)).toEqual(["outcomes", "effective-treatment"]);
    const outcomes = planCriteria(plan, BUDGET)[0];
    expect(outcomes?.problems).toEqual([{ check: "no-outcomes", key: "problems.noOutcomes", fix: "outcomes" }]);
  });

  it("names resource efficiency when the costs exceed the budget, with the amount over in exact pence", () => {
    const plan = completePlan();
    expect(notMet(plan, { totalPence: 300_000 })).toEqual(["resource-efficiency"]);
    const efficiency = planCriteria(plan, { totalPence: 300_000 })[4];
    expect(efficiency?.problems).toEqual([
      { check: "over-budget", key: "problems.overBudget", fix: "budget", params: { amountPence: 72_000 } },
    ]);
  });

  it("names managed risks when the crisis plan has no contact", () => {
    const plan = completePlan();
    plan.crisis.contacts = [];
    expect(notMet(plan)).toEqual(["managed-risks"]);
    expect(problemKeys(plan)).toEqual(["problems.noCrisisContact"]);
  });

  it("names clear decisions when nobody has decided how the money is managed", () => {
    const plan = completePlan();
    plan.decisions = { ...plan.decisions, management: null, managementDetails: {} };
    expect(notMet(plan)).toEqual(["clear-decisions"]);
    expect(problemKeys(plan)).toEqual(["problems.noManagement"]);
  });

  it("names clear decisions when the chosen option lacks its details", () => {
    const plan = completePlan();
    plan.decisions = { ...plan.decisions, management: "individual-trust", managementDetails: {} };
    expect(problemKeys(plan)).toEqual(["problems.managementDetailsMissing"]);
  });

  it("names the item that serves no outcome, including one pointing at a deleted outcome", () => {
    const plan = completePlan();
    plan.items = plan.items.map((item) => (item.id === "cbt" ? { ...item, outcomeIds: ["gone"] } : item));
    expect(notMet(plan)).toEqual(["effective-treatment"]);
    const treatment = planCriteria(plan, BUDGET)[1];
    expect(treatment?.problems).toEqual([
      {
        check: "item-serves-no-outcome",
        key: "problems.itemServesNoOutcome",
        fix: "items",
        params: { item: "Cognitive behavioural therapy" },
      },
    ]);
  });

  it("names integrated support and managed risks for a larger plan using only the budget, with no risks", () => {
    const plan = { ...completePlan(), freeSupport: [], resources: [], risks: [] };
    expect(notMet(plan)).toEqual(["integrated-support", "managed-risks"]);
    expect(problemKeys(plan)).toEqual(["problems.noSupportBeyondBudget", "problems.noRisks"]);
  });

  it("counts resources from sources other than the budget as support beyond it", () => {
    const plan = { ...completePlan(), freeSupport: [] };
    expect(notMet(plan)).toEqual([]);
    plan.resources = [{ id: "x1", heading: "control", source: "personal-budget", what: "The budget" }];
    expect(notMet(plan)).toEqual(["integrated-support"]);
  });

  it("passes a small simple plan under £2,000 that has fewer details", () => {
    expect(notMet(smallPlan())).toEqual([]);
  });

  it("asks the same plan for more once it spends £2,000 or more a year", () => {
    const plan = smallPlan();
    plan.items = plan.items.map((item) => ({ ...item, unitsPerYear: 16, yearlyCostPence: 208_000 }));
    expect(notMet(plan)).toEqual(["integrated-support", "managed-risks", "clear-decisions"]);
    expect(problemKeys(plan)).toEqual([
      "problems.noSupportBeyondBudget",
      "problems.noRisks",
      "problems.noEarlySigns",
      "problems.noWhatHelps",
      "problems.noWhoDecides",
    ]);
  });

  it("takes which checks relax, and below what, from the rules", () => {
    const strictRules = { ...defaultPlanCheck, relaxedForSmallPlans: [] };
    expect(notMet(smallPlan(), BUDGET, strictRules)).toEqual([
      "integrated-support",
      "managed-risks",
      "clear-decisions",
    ]);
    const noSmallPlans = { ...defaultPlanCheck, smallPlanUnderPence: 0 };
    expect(notMet(smallPlan(), BUDGET, noSmallPlans)).toEqual([
      "integrated-support",
      "managed-risks",
      "clear-decisions",
    ]);
  });

  it("never relaxes the floor: a small plan still needs outcomes, a crisis contact and a money decision", () => {
    const plan = smallPlan();
    plan.outcomes = [];
    plan.crisis.contacts = [];
    plan.decisions = { ...plan.decisions, management: null };
    expect(notMet(plan)).toEqual(["outcomes", "effective-treatment", "managed-risks", "clear-decisions"]);
  });

  it("names an empty plan's gaps without blame", () => {
    const plan = planSchema.parse({
      ...completePlan(),
      outcomes: [],
      items: [],
      freeSupport: [],
      risks: [],
      resources: [],
      crisis: { earlySigns: "", whatHelps: "", contacts: [], doNotWant: "", preferredPlace: "" },
      decisions: { whoDecidesWhat: "", management: null, managementDetails: {} },
    });
    // £0 is a small plan, so only the floor shows; and no part with nothing in it reads as done.
    expect(problemKeys(plan)).toEqual([
      "problems.noOutcomes",
      "problems.noSupport",
      "problems.noHelpAtAll",
      "problems.noCrisisContact",
      "problems.nothingPlanned",
      "problems.noManagement",
    ]);
  });
});

describe("canSubmit", () => {
  it("lets a plan meeting every criterion go without a reason", () => {
    expect(canSubmit(completePlan(), BUDGET)).toEqual({ allowed: true, missing: [], notMet: [] });
  });

  it("lets a plan with criteria not yet met go when the person gives a reason", () => {
    const plan = { ...completePlan(), risks: [] };
    expect(canSubmit(plan, BUDGET)).toEqual({
      allowed: false,
      missing: ["submit.reasonNeeded"],
      notMet: ["managed-risks"],
    });
    expect(canSubmit(plan, BUDGET, "   ").allowed).toBe(false);
    expect(canSubmit(plan, BUDGET, "I will talk about risks at our meeting").allowed).toBe(true);
  });

  it("needs the over-budget reason in the plan for an over-budget plan; resource efficiency stays not yet", () => {
    const budget = { totalPence: 300_000 };
    const plan = completePlan();
    expect(canSubmit(plan, budget, "a general reason")).toEqual({
      allowed: false,
      missing: ["submit.overBudgetReasonNeeded"],
      notMet: ["resource-efficiency"],
    });
    const withReason = { ...plan, overBudgetReason: "Therapy costs more where I live" };
    expect(canSubmit(withReason, budget)).toEqual({ allowed: true, missing: [], notMet: ["resource-efficiency"] });
    expect(notMet(withReason, budget)).toEqual(["resource-efficiency"]);
  });
});

describe("budgetInView", () => {
  it("adds up unit cost × units for every item", () => {
    expect(budgetInView(completePlan(), BUDGET)).toEqual({
      committedPence: 372_000,
      remainingPence: 128_000,
      overBudget: false,
      overByPence: 0,
    });
  });

  it("shows an over-budget plan with nothing remaining", () => {
    expect(budgetInView(completePlan(), { totalPence: 300_000 })).toEqual({
      committedPence: 372_000,
      remainingPence: 0,
      overBudget: true,
      overByPence: 72_000,
    });
  });

  it("is exactly at budget without being over", () => {
    expect(budgetInView(completePlan(), { totalPence: 372_000 })).toMatchObject({
      remainingPence: 0,
      overBudget: false,
    });
  });
});

describe("changeNeedsSignOff", () => {
  const signedOff = completePlan(); // £5,000 budget: 10% is £500
  const withItems = (items: Plan["items"]): Plan => ({ ...signedOff, items });
  const [pa, cbt] = signedOff.items as [Plan["items"][number], Plan["items"][number]];

  it("allows moving money between existing items within 10% of the budget", () => {
    // PA up 33 hours (+£495), CBT down 6 sessions (-£360).
    const changed = withItems([
      { ...pa, unitsPerYear: 233 },
      { ...cbt, unitsPerYear: 6 },
    ]);
    expect(changeNeedsSignOff(signedOff, changed, 500_000)).toEqual({
      needsSignOff: false,
      reasons: [],
      movedPence: 49_500,
    });
  });

  it("allows exactly 10%", () => {
    const changed = withItems([{ ...pa, unitCostPence: 1_750 }, cbt]); // +£2.50 × 200 = +£500
    expect(changeNeedsSignOff(signedOff, changed, 500_000)).toEqual({
      needsSignOff: false,
      reasons: [],
      movedPence: 50_000,
    });
  });

  it("needs a new sign-off beyond 10%", () => {
    const changed = withItems([
      { ...pa, unitsPerYear: 234 },
      { ...cbt, unitsPerYear: 1 },
    ]); // +£510
    expect(changeNeedsSignOff(signedOff, changed, 500_000)).toEqual({
      needsSignOff: true,
      reasons: ["change.tooMuchMoved"],
      movedPence: 51_000,
    });
  });

  it("allows a new item of a kind already in the plan, counting its cost as moved", () => {
    const art = { ...pa, id: "art", what: "Art therapy group", unitCostPence: 2_000, unitsPerYear: 10 };
    const changed = withItems([pa, { ...cbt, unitsPerYear: 8 }, art]);
    expect(changeNeedsSignOff(signedOff, changed, 500_000)).toEqual({
      needsSignOff: false,
      reasons: [],
      movedPence: 20_000,
    });
  });

  it("needs a new sign-off for a new kind of item, however small", () => {
    const swim = {
      ...pa,
      id: "swim",
      what: "Swimming",
      kind: "citizen-led" as const,
      unitCostPence: 500,
      unitsPerYear: 4,
    };
    const changed = withItems([pa, cbt, swim]);
    expect(changeNeedsSignOff(signedOff, changed, 500_000)).toEqual({
      needsSignOff: true,
      reasons: ["change.newKind"],
      movedPence: 2_000,
    });
  });

  it("needs a new sign-off when an item changes kind, the money goes over budget or its management changes", () => {
    const kindChanged = withItems([{ ...pa, kind: "controlled-treatment" }, cbt]);
    expect(changeNeedsSignOff(signedOff, kindChanged, 500_000).reasons).toEqual(["change.kindChanged"]);
    // Budget £3,800: +£100 is within 10%, but the total (£3,820) goes over.
    const over = withItems([{ ...pa, unitCostPence: 1_550 }, cbt]);
    expect(changeNeedsSignOff(signedOff, over, 380_000)).toEqual({
      needsSignOff: true,
      reasons: ["change.overBudget"],
      movedPence: 10_000,
    });
    const managed = { ...signedOff, decisions: { ...signedOff.decisions, management: "direct-payment" as const } };
    expect(changeNeedsSignOff(signedOff, managed, 500_000)).toEqual({
      needsSignOff: true,
      reasons: ["change.managementChanged"],
      movedPence: 0,
    });
  });

  it("lets money be taken away freely", () => {
    const changed = withItems([pa]);
    expect(changeNeedsSignOff(signedOff, changed, 500_000)).toEqual({
      needsSignOff: false,
      reasons: [],
      movedPence: 0,
    });
  });
});

describe("content/plan-check.json", () => {
  it("parses and holds the £2,000 threshold and the 10% rule", () => {
    const rules = readContentJson("plan-check.json", planCheckFileSchema);
    expect(rules).toEqual(defaultPlanCheck);
    expect(rules.smallPlanUnderPence).toBe(200_000);
    expect(rules.minorChangePercent).toBe(10);
    expect(rules.translationStatus).toBe("ur and pl await review by a native speaker");
  });

  it("refuses relaxing a check every plan needs", () => {
    const bad = { ...defaultPlanCheck, relaxedForSmallPlans: ["no-crisis-contact"] };
    expect(planCheckFileSchema.safeParse(bad).success).toBe(false);
  });

  it("has a kind sentence for every problem, in every language", () => {
    for (const lang of ["en", "ur", "pl"]) {
      const locale = JSON.parse(readFileSync(`content/locales/${lang}/plan.json`, "utf8")) as {
        problems: Record<string, string>;
        submit: Record<string, string>;
        change: Record<string, string>;
        criteria: Record<string, { name: string; description: string }>;
      };
      for (const id of CHECK_IDS) {
        const key = id.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
        expect(locale.problems[key], `${lang} problems.${key}`).toBeTruthy();
      }
      for (const criterion of CRITERIA) expect(locale.criteria[criterion]?.name, `${lang} ${criterion}`).toBeTruthy();
      for (const key of ["reasonNeeded", "overBudgetReasonNeeded"]) expect(locale.submit[key]).toBeTruthy();
      for (const key of ["newKind", "kindChanged", "tooMuchMoved", "overBudget", "managementChanged"]) {
        expect(locale.change[key], `${lang} change.${key}`).toBeTruthy();
      }
      expect(JSON.stringify(locale)).not.toMatch(/\bfail/i);
    }
  });
});

describe("nothing is done that has nothing in it, and a likely exclusion is kept but not funded", () => {
  it("an empty plan has no criterion met", () => {
    const empty = planSchema.parse({
      outcomes: [],
      items: [],
      freeSupport: [],
      risks: [],
      crisis: { earlySigns: "", whatHelps: "", contacts: [], doNotWant: "", preferredPlace: "" },
      decisions: { whoDecidesWhat: "", management: null, managementDetails: {} },
      resources: [],
      overBudgetReason: "",
    });
    expect(planCriteria(empty, BUDGET).filter((c) => c.met)).toEqual([]);
  });

  it("free text that may be an exclusion stays in the plan, is not counted as planned, and keeps good use of money at not yet until agreed", () => {
    const plan = completePlan();
    const vodka = planSchema.parse({
      ...plan,
      items: [
        ...plan.items,
        {
          id: "v1",
          what: "A bottle of vodka",
          outcomeIds: ["o1"],
          provider: "Shop",
          kind: "something-else",
          somethingElse: "a bottle of vodka",
          frequency: "weekly",
          unitCostPence: 1_500,
          unitsPerYear: 52,
          flaggedEntryIds: ["alcohol"],
        },
      ],
    });
    expect(vodka.items).toHaveLength(3);
    expect(budgetInView(vodka, BUDGET).committedPence).toBe(budgetInView(plan, BUDGET).committedPence);
    const efficiency = planCriteria(vodka, BUDGET).find((c) => c.criterion === "resource-efficiency")!;
    expect(efficiency.met).toBe(false);
    expect(efficiency.problems).toMatchObject([
      { check: "item-may-be-excluded", params: { item: "A bottle of vodka", entry: "alcohol" } },
    ]);
    const agreed = { ...BUDGET, agreements: { v1: "agree" as const } };
    expect(planCriteria(vodka, agreed).find((c) => c.criterion === "resource-efficiency")!.met).toBe(true);
    expect(budgetInView(vodka, agreed).committedPence).toBe(budgetInView(plan, BUDGET).committedPence + 78_000);
  });

  it("an item the lead professional did not agree no longer counts as planned", () => {
    const plan = completePlan();
    const refused = { ...BUDGET, agreements: { pa: "not-agree" as const } };
    expect(budgetInView(plan, refused).committedPence).toBe(budgetInView(plan, BUDGET).committedPence - 300_000);
  });
});

describe("changes after sign-off compared with the plan as agreed", () => {
  const signedOff = completePlan(); // £5,000 budget: 10% is £500; the PA costs £3,000, CBT £720 a year
  const entry = (id: string, amountPence: number, decision?: "agreed" | "not-agreed"): ChangeEntry => ({
    id,
    at: "2027-01-10T10:00:00.000Z",
    by: "u1",
    fromItemId: "pa",
    toItemId: "cbt",
    fromWhat: "Personal assistant",
    toWhat: "Cognitive behavioural therapy",
    amountPence,
    applied: false,
    reasons: ["change.tooMuchMoved"],
    ...(decision ? { decision: { outcome: decision, reason: "Talked it through", by: "jo", at: "2027-01-11" } } : {}),
  });

  it("an agreed request is part of the plan as agreed; a refused or waiting one is not", () => {
    const log = [entry("a", 60_000, "agreed"), entry("b", 70_000, "not-agreed"), entry("c", 80_000)];
    const agreed = agreedPlan(signedOff, log);
    expect(agreed.items.map((i) => i.yearlyCostPence)).toEqual([240_000, 132_000]);
    expect(log.filter(isWaiting).map((c) => c.id)).toEqual(["c"]);
    // The agreed £600 does not count against the share again: a further £400 is a small change.
    const moved = moveMoney(agreed, "pa", "cbt", 40_000);
    expect(moved.ok && changeNeedsSignOff(agreed, moved.plan, 500_000).needsSignOff).toBe(false);
    expect(moved.ok && changeNeedsSignOff(signedOff, moved.plan, 500_000).needsSignOff).toBe(true);
  });
});
