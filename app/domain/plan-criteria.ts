import { z } from "zod";
import planCheckJson from "../../content/plan-check.json";
import { missingManagementDetails, yearlyCostPence, type Item, type Plan, type PlanSection } from "~/domain/plan";

/**
 * The plan check: the six criteria of a good plan (docs/domain-guide.md, "A good plan: six criteria"), applied proportionately
 * ("simple interventions or strategies will normally only require simple plans"). Which checks
 * relax for a small plan, and the threshold, are content (`content/plan-check.json`), not code.
 * Nothing here says "failed": a criterion is met or "not yet".
 */

export const CRITERIA = [
  "outcomes",
  "effective-treatment",
  "integrated-support",
  "managed-risks",
  "resource-efficiency",
  "clear-decisions",
] as const;
export type Criterion = (typeof CRITERIA)[number];

/** Every check, the criterion it belongs to, and whether content may relax it for a small plan. */
const CHECKS = {
  "no-outcomes": { criterion: "outcomes", relaxable: false },
  "no-support": { criterion: "effective-treatment", relaxable: false },
  "item-serves-no-outcome": { criterion: "effective-treatment", relaxable: false },
  "item-excluded": { criterion: "effective-treatment", relaxable: false },
  "item-needs-accredited-provider": { criterion: "effective-treatment", relaxable: false },
  "no-support-beyond-budget": { criterion: "integrated-support", relaxable: true },
  "no-risks": { criterion: "managed-risks", relaxable: true },
  "no-crisis-contact": { criterion: "managed-risks", relaxable: false },
  "no-early-signs": { criterion: "managed-risks", relaxable: true },
  "no-what-helps": { criterion: "managed-risks", relaxable: true },
  "over-budget": { criterion: "resource-efficiency", relaxable: false },
  "item-may-be-excluded": { criterion: "resource-efficiency", relaxable: false },
  "nothing-planned": { criterion: "resource-efficiency", relaxable: false },
  "no-help-at-all": { criterion: "integrated-support", relaxable: false },
  "no-management": { criterion: "clear-decisions", relaxable: false },
  "management-details-missing": { criterion: "clear-decisions", relaxable: false },
  "no-who-decides": { criterion: "clear-decisions", relaxable: true },
} as const satisfies Record<string, { criterion: Criterion; relaxable: boolean }>;
export type CheckId = keyof typeof CHECKS;
export const CHECK_IDS = Object.keys(CHECKS) as CheckId[];

// The floor of every plan, however small (outcomes in the person's words, nothing excluded, a crisis
// contact, a decision on the money, within budget), cannot be relaxed by content.
const RELAXABLE = CHECK_IDS.filter((id) => CHECKS[id].relaxable) as [CheckId, ...CheckId[]];

export const planCheckFileSchema = z
  .object({
    translationStatus: z.string().min(1),
    /** A plan spending less than this a year is a small plan. */
    smallPlanUnderPence: z.number().int().min(0),
    relaxedForSmallPlans: z.array(z.enum(RELAXABLE)),
    /** Stage 6: money moved between items up to this share of the budget needs no new sign-off. */
    minorChangePercent: z.number().int().min(0).max(100),
  })
  .strict();
export type PlanCheckRules = z.infer<typeof planCheckFileSchema>;

/** The shipped rules. Bundled so the check runs in the browser too; a server with its own content passes its own. */
export const defaultPlanCheck: PlanCheckRules = planCheckFileSchema.parse(planCheckJson);

export type Problem = {
  check: CheckId;
  key: string;
  params?: Record<string, string | number>;
  /** Anchor of the section that mends it. "budget" is the budget summary with the over-budget reason. */
  fix: PlanSection | "budget";
};
export type CriterionResult = { criterion: Criterion; met: boolean; problems: Problem[] };

/**
 * What the lead professional decides on an item that needs agreement: agree it, agree it with an
 * adaptation, or not agree it (not funded). Stored keyed by item id.
 */
export const ITEM_AGREEMENTS = ["agree", "adapt", "not-agree"] as const;
export type ItemAgreement = (typeof ITEM_AGREEMENTS)[number];
export type ItemAgreements = Readonly<Record<string, ItemAgreement>>;

/**
 * The budget a plan is judged against, and the lead professional's decisions on its items: they
 * decide what counts as planned spending (an item not agreed, or one that may be an exclusion and is
 * not agreed yet, stays in the plan but is not funded).
 */
export type Budget = { totalPence: number; agreements?: ItemAgreements };

/** Free text that matches an exclusion is kept, marked, and not funded until the lead professional agrees it. */
export function mayBeExcluded(item: Item, agreements: ItemAgreements = {}): boolean {
  const agreed = agreements[item.id] === "agree" || agreements[item.id] === "adapt";
  return (item.flaggedEntryIds ?? []).length > 0 && !agreed;
}

/** Whether an item counts in planned spending: not refused by the lead professional, not a likely exclusion. */
export function isFunded(item: Item, agreements: ItemAgreements = {}): boolean {
  return agreements[item.id] !== "not-agree" && !mayBeExcluded(item, agreements);
}

export function committedPence(plan: Plan, agreements: ItemAgreements = {}): number {
  return plan.items.reduce((sum, item) => sum + (isFunded(item, agreements) ? yearlyCostPence(item) : 0), 0);
}

export function budgetInView(plan: Plan, budget: Budget) {
  const committed = committedPence(plan, budget.agreements);
  const overByPence = Math.max(0, committed - budget.totalPence);
  return {
    committedPence: committed,
    remainingPence: Math.max(0, budget.totalPence - committed),
    overBudget: overByPence > 0,
    overByPence,
  };
}

/** Problems of every check, before proportionality. */
function findProblems(plan: Plan, budget: Budget): Problem[] {
  const problems: Problem[] = [];
  const add = (check: CheckId, fix: Problem["fix"], params?: Problem["params"]) =>
    problems.push({ check, key: `problems.${camel(check)}`, fix, ...(params && { params }) });

  if (plan.outcomes.length === 0) add("no-outcomes", "outcomes");
  // A part with nothing in it is never "done".
  if (plan.items.length === 0 && plan.freeSupport.length === 0) {
    add("nothing-planned", "items");
    if (plan.resources.length === 0) add("no-help-at-all", "free-support");
  }

  if (plan.items.length === 0 && plan.freeSupport.length === 0) add("no-support", "items");
  const outcomeIds = new Set(plan.outcomes.map((outcome) => outcome.id));
  for (const item of plan.items) {
    if (!item.outcomeIds.some((id) => outcomeIds.has(id))) add("item-serves-no-outcome", "items", { item: item.what });
    if (item.kind === "absolute-exclusion") add("item-excluded", "items", { item: item.what });
    if (mayBeExcluded(item, budget.agreements))
      add("item-may-be-excluded", "items", { item: item.what, entry: item.flaggedEntryIds?.[0] ?? "" });
    if (item.kind === "controlled-treatment" && !item.providerId) {
      add("item-needs-accredited-provider", "items", { item: item.what });
    }
  }

  const helpBeyondBudget =
    plan.freeSupport.length > 0 || plan.resources.some((resource) => resource.source !== "personal-budget");
  if (!helpBeyondBudget) add("no-support-beyond-budget", "free-support");

  if (plan.risks.length === 0) add("no-risks", "risks");
  if (plan.crisis.contacts.length === 0) add("no-crisis-contact", "crisis");
  if (!plan.crisis.earlySigns) add("no-early-signs", "crisis");
  if (!plan.crisis.whatHelps) add("no-what-helps", "crisis");

  const view = budgetInView(plan, budget);
  // Exact pence; the page formats it in the reader's language (app/lib/format.ts, the one money formatter).
  if (view.overBudget) add("over-budget", "budget", { amountPence: view.overByPence });

  if (!plan.decisions.management) add("no-management", "decisions");
  else if (missingManagementDetails(plan.decisions).length > 0) add("management-details-missing", "decisions");
  if (!plan.decisions.whoDecidesWhat) add("no-who-decides", "decisions");

  return problems;
}

export function isSmallPlan(
  plan: Plan,
  rules: PlanCheckRules = defaultPlanCheck,
  agreements?: ItemAgreements,
): boolean {
  return committedPence(plan, agreements) < rules.smallPlanUnderPence;
}

/** The six criteria in order, each met or not yet, with what would meet it and where. */
export function planCriteria(plan: Plan, budget: Budget, rules: PlanCheckRules = defaultPlanCheck): CriterionResult[] {
  const relaxed: ReadonlySet<CheckId> = new Set(
    isSmallPlan(plan, rules, budget.agreements) ? rules.relaxedForSmallPlans : [],
  );
  const problems = findProblems(plan, budget).filter((problem) => !relaxed.has(problem.check));
  return CRITERIA.map((criterion) => {
    const own = problems.filter((problem) => CHECKS[problem.check].criterion === criterion);
    return { criterion, met: own.length === 0, problems: own };
  });
}

export type SubmitCheck = {
  allowed: boolean;
  /** i18n keys of what is still needed before the plan can be sent. */
  missing: ("submit.reasonNeeded" | "submit.overBudgetReasonNeeded")[];
  notMet: Criterion[];
};

/**
 * Whether the plan may go to the lead professional. A plan that meets every criterion may; otherwise
 * the person says why (the plan is theirs, and the lead professional decides). Going over budget
 * needs its own reason, saved in the plan where the lead professional sees it beside the figures.
 */
export function canSubmit(
  plan: Plan,
  budget: Budget,
  reason = "",
  rules: PlanCheckRules = defaultPlanCheck,
): SubmitCheck {
  const results = planCriteria(plan, budget, rules);
  const problems = results.flatMap((result) => result.problems);
  const missing: SubmitCheck["missing"] = [];
  if (problems.some((problem) => problem.check !== "over-budget") && !reason.trim())
    missing.push("submit.reasonNeeded");
  if (problems.some((problem) => problem.check === "over-budget") && !plan.overBudgetReason.trim()) {
    missing.push("submit.overBudgetReasonNeeded");
  }
  return {
    allowed: missing.length === 0,
    missing,
    notMet: results.filter((result) => !result.met).map((result) => result.criterion),
  };
}

export type ChangeCheck = { needsSignOff: boolean; reasons: string[]; movedPence: number };

/**
 * Stage 6 ("changes made quickly as needs change"): moving money between the items of a signed-off
 * plan is allowed and logged while the increases add up to no more than the minor-change share of the
 * budget, no new kind of item appears and the total stays within budget. Anything else, or a new
 * way of managing the money, goes back to the lead professional.
 */
export function changeNeedsSignOff(
  signedOffPlan: Plan,
  changedPlan: Plan,
  budgetTotalPence: number,
  rules: PlanCheckRules = defaultPlanCheck,
): ChangeCheck {
  const before = new Map(signedOffPlan.items.map((item) => [item.id, item]));
  const kindsBefore = new Set(signedOffPlan.items.map((item) => item.kind));
  const reasons = new Set<string>();
  let movedPence = 0;

  for (const item of changedPlan.items) {
    const old = before.get(item.id);
    if (!kindsBefore.has(item.kind)) reasons.add("change.newKind");
    else if (old && old.kind !== item.kind) reasons.add("change.kindChanged");
    movedPence += Math.max(0, yearlyCostPence(item) - (old ? yearlyCostPence(old) : 0));
  }
  // Integer arithmetic: moved / total ≤ percent / 100.
  if (movedPence * 100 > budgetTotalPence * rules.minorChangePercent) reasons.add("change.tooMuchMoved");
  if (committedPence(changedPlan) > budgetTotalPence) reasons.add("change.overBudget");
  if (changedPlan.decisions.management !== signedOffPlan.decisions.management) reasons.add("change.managementChanged");

  return { needsSignOff: reasons.size > 0, reasons: [...reasons], movedPence };
}

function camel(id: string): string {
  return id.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
