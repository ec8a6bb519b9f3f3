import type { TFunction } from "i18next";
import { content } from "~/content/content.server";
import type { Language } from "~/domain/languages";
import { budgetInView, isSmallPlan, planCriteria } from "~/domain/plan-criteria";
import type { Plan } from "~/domain/plan";
import { formatMoney } from "~/lib/format";
import { latestBudgets } from "./assessment.server";

/** The budget a plan is judged against: the agreed calculation if there is one, else the person's own. */
export function budgetForPlan(personId: string): { totalPence: number } | null {
  const { self, agreed } = latestBudgets(personId);
  const budget = agreed ?? self;
  return budget ? { totalPence: budget.totalPence } : null;
}

export function budgetFigures(plan: Plan, budgetPence: number, lang: Language) {
  const view = budgetInView(plan, { totalPence: budgetPence });
  return {
    budgetPence,
    committedPence: view.committedPence,
    budget: formatMoney(budgetPence, lang),
    committed: formatMoney(view.committedPence, lang),
    remaining: formatMoney(Math.max(0, view.remainingPence), lang),
    over: view.overBudget ? formatMoney(view.overByPence, lang) : null,
  };
}

/** The six criteria, each met or not yet, with plain reasons and where to fix them. */
export function planCheckView(plan: Plan, budgetPence: number, lang: Language, t: TFunction) {
  const rules = content().planCheck;
  return {
    small: isSmallPlan(plan, rules),
    smallNote: t("plan:submit.smallPlan", { amount: rules.smallPlanUnderPence / 100 }),
    criteria: planCriteria(plan, { totalPence: budgetPence }, rules).map((c) => ({
      criterion: c.criterion,
      name: t(`plan:criteria.${c.criterion}.name`),
      met: c.met,
      problems: c.problems.map((p) => ({
        text: t(`plan:${p.key}`, p.params),
        fix: p.fix,
      })),
    })),
  };
}
