import type { TFunction } from "i18next";
import { content } from "~/content/content.server";
import type { Language } from "~/domain/languages";
import { judgedBudget } from "~/domain/allocation";
import { budgetInView, isSmallPlan, planCriteria } from "~/domain/plan-criteria";
import type { Plan } from "~/domain/plan";
import { formatMoney } from "~/lib/format";
import { latestBudgets } from "~/models/assessment.server";
import type { LoadedPlan } from "~/models/plan.server";

/** The budget a plan is judged against: the agreed calculation if there is one, else the person's own. */
export function budgetForPlan(personId: string): { totalPence: number } | null {
  const budget = judgedBudget(latestBudgets(personId));
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

/** Amounts in a problem's values (`…Pence`) as the reader writes money: `amountPence` becomes `amount`. */
function moneyParams(params: Record<string, string | number> | undefined, lang: Language) {
  if (!params) return undefined;
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) =>
      k.endsWith("Pence") && typeof v === "number" ? [k.slice(0, -"Pence".length), formatMoney(v, lang)] : [k, v],
    ),
  );
}

/** The six criteria, each met or not yet, with plain reasons and where to fix them. */
export function planCheckView(plan: Plan, budgetPence: number, lang: Language, t: TFunction) {
  const rules = content().planCheck;
  return {
    small: isSmallPlan(plan, rules),
    smallNote: t("plan:submit.smallPlan", { amount: formatMoney(rules.smallPlanUnderPence, lang) }),
    criteria: planCriteria(plan, { totalPence: budgetPence }, rules).map((c) => ({
      criterion: c.criterion,
      name: t(`plan:criteria.${c.criterion}.name`),
      met: c.met,
      problems: c.problems.map((p) => ({
        text: t(`plan:${p.key}`, moneyParams(p.params, lang)),
        fix: p.fix,
      })),
    })),
  };
}

/** Every part of a plan in one language, ready to read or print (the printable page and earlier cycles). */
export function planDocumentView(personId: string, loaded: LoadedPlan, lang: Language, t: TFunction) {
  const { plan } = loaded;
  const areas = content().lifeAreas.areas;
  const areaName = (id: string) => areas.find((a) => a.id === id)?.name[lang] ?? id;
  const budget = budgetForPlan(personId);
  const d = plan.decisions;
  return {
    cycle: loaded.row?.cycle ?? 1,
    state: loaded.row?.state ?? "draft",
    outcomes: plan.outcomes.map((o) => ({
      id: o.id,
      words: o.words,
      area: areaName(o.lifeAreaId),
      now: o.now,
      hope: o.hope,
    })),
    items: plan.items.map((item) => ({
      id: item.id,
      what: item.what,
      kind: item.kind,
      provider: item.provider,
      frequency: item.frequency,
      yearly: formatMoney(item.yearlyCostPence, lang),
      serves: plan.outcomes.filter((o) => item.outcomeIds.includes(o.id)).map((o) => o.words),
    })),
    freeSupport: plan.freeSupport,
    risks: plan.risks,
    crisis: plan.crisis,
    decisions: {
      whoDecidesWhat: d.whoDecidesWhat,
      management: d.management,
      details: Object.entries(d.managementDetails).map(([field, value]) => ({
        field,
        value: Array.isArray(value) ? value.join(", ") : String(value ?? ""),
      })),
      ifUnwell: d.ifUnwell ?? null,
    },
    resources: plan.resources,
    overBudgetReason: plan.overBudgetReason,
    figures: budget ? budgetFigures(plan, budget.totalPence, lang) : null,
    check: planCheckView(plan, budget?.totalPence ?? 0, lang, t),
  };
}
export type PlanDocument = ReturnType<typeof planDocumentView>;
