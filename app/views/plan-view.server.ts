import type { TFunction } from "i18next";
import { content } from "~/content/content.server";
import type { Language } from "~/domain/languages";
import { judgedBudget } from "~/domain/allocation";
import { budgetInView, isSmallPlan, planCriteria, type ItemAgreements } from "~/domain/plan-criteria";
import { findEntry } from "~/domain/menu";
import type { Plan, PlanSection } from "~/domain/plan";
import { REAL_WEALTH } from "~/domain/choices";
import { formatMoney } from "~/lib/format";
import { latestBudgets } from "~/models/assessment.server";
import { currentPlan, type LoadedPlan } from "~/models/plan.server";
import { agreementsOf } from "~/models/signoff.server";

/**
 * The budget a plan is judged against (the agreed calculation if there is one, else the person's
 * own), with the lead professional's decisions on the current plan's items (what counts as planned).
 */
export async function budgetForPlan(
  personId: string,
): Promise<{ totalPence: number; agreements: ItemAgreements } | null> {
  const budget = judgedBudget(await latestBudgets(personId));
  if (!budget) return null;
  const row = await currentPlan(personId);
  return { totalPence: budget.totalPence, agreements: row ? await agreementsOf(row.id) : {} };
}

export function budgetFigures(plan: Plan, budgetPence: number, lang: Language, agreements: ItemAgreements = {}) {
  const view = budgetInView(plan, { totalPence: budgetPence, agreements });
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

/**
 * The six criteria, each met or not yet, with plain reasons and where to fix them. An item that may
 * be an exclusion is named with the menu's reason and what could help instead.
 */
export function planCheckView(
  plan: Plan,
  budgetPence: number,
  lang: Language,
  t: TFunction,
  agreements: ItemAgreements = {},
) {
  const { planCheck: rules, menu } = content();
  const exclusionWords = (entryId: unknown) => {
    const entry = typeof entryId === "string" ? findEntry(menu, entryId) : undefined;
    return entry?.kind === "absolute-exclusion"
      ? { why: entry.why[lang], instead: entry.helpInstead.text[lang] }
      : { why: "", instead: "" };
  };
  return {
    small: isSmallPlan(plan, rules, agreements),
    smallNote: t("plan:submit.smallPlan", { amount: formatMoney(rules.smallPlanUnderPence, lang) }),
    criteria: planCriteria(plan, { totalPence: budgetPence, agreements }, rules).map((c) => ({
      criterion: c.criterion,
      name: t(`plan:criteria.${c.criterion}.name`),
      met: c.met,
      problems: c.problems.map((p) => ({
        text:
          p.check === "item-may-be-excluded"
            ? t(`plan:${p.key}`, { ...moneyParams(p.params, lang), ...exclusionWords(p.params?.entry) })
            : t(`plan:${p.key}`, moneyParams(p.params, lang)),
        fix: p.fix,
      })),
    })),
  };
}

/** Every part of a plan in one language, ready to read or print (the printable page and earlier cycles). */
export async function planDocumentView(personId: string, loaded: LoadedPlan, lang: Language, t: TFunction) {
  return documentOf(
    loaded.plan,
    { cycle: loaded.row?.cycle ?? 1, state: loaded.row?.state ?? "draft", budget: await budgetForPlan(personId) },
    lang,
    t,
  );
}

/** A sent version of the plan, every part, judged against the budget it was sent with (the review screen). */
export function sentPlanDocumentView(
  plan: Plan,
  sent: { cycle: number; budgetPence: number; agreements: ItemAgreements },
  lang: Language,
  t: TFunction,
) {
  return documentOf(
    plan,
    { cycle: sent.cycle, state: "submitted", budget: { totalPence: sent.budgetPence, agreements: sent.agreements } },
    lang,
    t,
  );
}

function documentOf(
  plan: Plan,
  meta: { cycle: number; state: string; budget: { totalPence: number; agreements: ItemAgreements } | null },
  lang: Language,
  t: TFunction,
) {
  const areas = content().lifeAreas.areas;
  const areaName = (id: string) => areas.find((a) => a.id === id)?.name[lang] ?? id;
  const { budget } = meta;
  const d = plan.decisions;
  return {
    cycle: meta.cycle,
    state: meta.state,
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
    /** The headings resources are grouped under, in order (passed here so the page ships no plan schemas). */
    resourceHeadings: REAL_WEALTH.filter((h) => plan.resources.some((r) => r.heading === h)),
    overBudgetReason: plan.overBudgetReason,
    figures: budget ? budgetFigures(plan, budget.totalPence, lang, budget.agreements) : null,
    check: planCheckView(plan, budget?.totalPence ?? 0, lang, t, budget?.agreements),
  };
}

/** The parts of the plan that differ between two sent versions (by their stored content). */
export function changedParts(before: Plan | undefined, after: Plan): PlanSection[] {
  if (!before) return [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const parts: [PlanSection, keyof Plan][] = [
    ["outcomes", "outcomes"],
    ["items", "items"],
    ["free-support", "freeSupport"],
    ["risks", "risks"],
    ["crisis", "crisis"],
    ["decisions", "decisions"],
    ["resources", "resources"],
  ];
  return parts.filter(([, key]) => !same(before[key], after[key])).map(([section]) => section);
}
export type PlanDocument = Awaited<ReturnType<typeof planDocumentView>>;
