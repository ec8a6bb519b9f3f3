import type { TFunction } from "i18next";
import { content } from "~/content/content.server";
import {
  ACTUAL_KINDS,
  actualSpendFigures,
  budgetFigures,
  csvLine,
  DECISION_KINDS,
  FUNDED_KINDS,
  grantFigures,
  outcomeFigures,
  peopleIn,
  VOUCHER_TAKE_UP,
  voucherFigures,
  SECTORS,
  signOffFigures,
  spendFigures,
  stageFiguresAt,
  stageSteps,
  type Count,
  type Figure,
  type Period,
  type Spread,
} from "~/domain/insights";
import { parseCalendarDate, toIsoDate } from "~/domain/dates";
import {
  ABOUT_THE_BUDGET_PERCENT,
  COMPARISONS,
  learningLoop,
  outcomeChangeByPerson,
  SIMILAR_SPREAD_PERCENT,
  type BudgetComparison,
  type RuleSetLearning,
} from "~/domain/learning-loop";
import { GRANT_STATES } from "~/domain/grants";
import type { Language } from "~/domain/languages";
import { PART_FIELD } from "~/forms/insights-address";
import { periodSchema } from "~/forms/insights";
import { formatDate, formatDateTime, formatFigure, formatMoney } from "~/lib/format";
import type { FormErrors, FormValues } from "~/lib/form-messages";
import { parseFormValues } from "~/lib/forms.server";
import { insightsRows, type InsightsRows, type InsightsScope } from "~/models/insights.server";

// ---------------------------------------------------------------- the period asked for

/** Unless asked otherwise: the year up to today. */
export function defaultPeriod(now = new Date()): Period {
  const from = new Date(now);
  from.setUTCFullYear(from.getUTCFullYear() - 1);
  from.setUTCDate(from.getUTCDate() + 1);
  return { from: toIsoDate(from), to: toIsoDate(now) };
}

/** The period from the address (?from=…&to=…), or the default with the reasons it was not taken. */
export function periodFrom(url: URL, now = new Date()): { period: Period; values: FormValues; errors: FormErrors } {
  if (!url.searchParams.has("from") && !url.searchParams.has("to")) {
    const period = defaultPeriod(now);
    return { period, values: { ...period }, errors: {} };
  }
  const form = new FormData();
  // The part of the page shown travels with the period in the address; it is not part of the period.
  for (const [name, value] of url.searchParams) if (name !== PART_FIELD) form.append(name, value);
  const parsed = parseFormValues(form, periodSchema);
  if (parsed.ok) return { period: parsed.data, values: parsed.values, errors: {} };
  return { period: defaultPeriod(now), values: parsed.values, errors: parsed.errors };
}

// ---------------------------------------------------------------- the figures

/** Every figure for one scope and period, already through disclosure control. */
export async function insightsReport(
  period: Period,
  scope: InsightsScope,
  now = new Date(),
  { fresh = false }: { fresh?: boolean } = {},
) {
  const end = parseCalendarDate(period.to)!;
  end.setUTCDate(end.getUTCDate() + 1);
  const asOf = (end < now ? end : now).toISOString();
  // The rows may be kept from an earlier request (nobody's records changed since); so are the figures
  // worked out from them, but for how long people have been at their stage, which is measured to now.
  const { rows, workedOutAt } = await insightsRows(period, scope, { fresh, now });
  let figures = figuresOfRows.get(rows);
  if (!figures) figuresOfRows.set(rows, (figures = figuresOf(rows)));
  const { stageSteps: steps, ...rest } = figures;
  return { period, workedOutAt: workedOutAt.toISOString(), stages: stageFiguresAt(steps, asOf), ...rest };
}

/** The figures of kept rows, worked out once for as long as the rows are kept. */
const figuresOfRows = new WeakMap<InsightsRows, ReturnType<typeof figuresOf>>();

function figuresOf(rows: InsightsRows) {
  const { spend, signOff, budgets, learning, outcomes, stages, actual, grants, vouchers } = rows;
  const outcomeChange = outcomeChangeByPerson(outcomes);
  return {
    stageSteps: stageSteps(stages),
    budgets: budgetFigures(budgets),
    spend: spendFigures(spend.items, spend.plans),
    actual: actualSpendFigures(actual),
    learning: learningLoop(
      learning.map((row) => ({
        ...row,
        outcomeChange: row.personKey === null ? null : (outcomeChange.get(row.personKey) ?? null),
      })),
      peopleIn(budgets.filter((row) => !row.eligible)),
    ),
    signOff: signOffFigures(signOff.decisions, signOff.people, signOff.reconsiderations),
    grants: grantFigures(grants),
    vouchers: voucherFigures(vouchers),
    outcomes: outcomeFigures(
      outcomes,
      content().lifeAreas.areas.map((area) => area.id),
    ),
  };
}
export type InsightsReport = Awaited<ReturnType<typeof insightsReport>>;

// ---------------------------------------------------------------- downloads: one flat list of figures

/** What a withheld figure reads as in a download: a small count, or a figure from too few people. */
export const FEWER_THAN_5 = "fewer than 5";
export const WITHHELD = "withheld";

export interface InsightsRecord {
  figure: string;
  group: string;
  measure: string;
  unit:
    | "people"
    | "plans"
    | "decisions"
    | "versions"
    | "pence a year"
    | "pence"
    | "days"
    | "rating points"
    | "applications"
    | "vouchers"
    | "percent";
  value: number | typeof FEWER_THAN_5 | typeof WITHHELD;
}

const countValue = (c: Count) => (c.shown ? c.value : FEWER_THAN_5);
const figureValue = (f: Figure) => (f.shown ? Math.round(f.value * 10) / 10 : WITHHELD);

function spreadRecords(
  figure: string,
  group: string,
  spread: Spread,
  unit: InsightsRecord["unit"],
  people: InsightsRecord["unit"] = "people",
): InsightsRecord[] {
  return [
    { figure, group, measure: "count", unit: people, value: countValue(spread.people) },
    { figure, group, measure: "median", unit, value: figureValue(spread.median) },
    { figure, group, measure: "lower quartile", unit, value: figureValue(spread.lowerQuartile) },
    { figure, group, measure: "upper quartile", unit, value: figureValue(spread.upperQuartile) },
    { figure, group, measure: "90th percentile", unit, value: figureValue(spread.ninetieth) },
  ];
}

/** Every figure of the report as a row: the same numbers, the same suppression, for JSON and CSV. */
export function insightsRecords(report: InsightsReport): InsightsRecord[] {
  const records: InsightsRecord[] = [];
  const { stages, budgets, spend, signOff, outcomes } = report;
  records.push({ figure: "stages", group: "all", measure: "count", unit: "people", value: countValue(stages.total) });
  for (const s of stages.stages) {
    records.push({ figure: "stages", group: s.stage, measure: "count", unit: "people", value: countValue(s.people) });
    for (const r of spreadRecords("days since last step", s.stage, s.daysSinceLastStep, "days").slice(1))
      records.push(r);
  }
  records.push({
    figure: "budgets",
    group: "all",
    measure: "count",
    unit: "people",
    value: countValue(budgets.people),
  });
  records.push({
    figure: "budgets",
    group: "below threshold",
    measure: "count",
    unit: "people",
    value: countValue(budgets.belowThreshold),
  });
  records.push({
    figure: "budgets",
    group: "below threshold with help that costs nothing",
    measure: "count",
    unit: "people",
    value: countValue(budgets.belowWithFreeSupport),
  });
  for (const row of [...budgets.byRuleSet, { ruleSetId: "all rule sets", ...budgets.all }]) {
    records.push(...spreadRecords("budget", row.ruleSetId, row.total, "pence"));
    records.push({
      figure: "budget",
      group: row.ruleSetId,
      measure: "NHS part, sum",
      unit: "pence",
      value: figureValue(row.nhsPence),
    });
    records.push({
      figure: "budget",
      group: row.ruleSetId,
      measure: "council part, sum",
      unit: "pence",
      value: figureValue(row.councilPence),
    });
  }
  records.push({
    figure: "planned spend",
    group: "all",
    measure: "count",
    unit: "plans",
    value: countValue(spend.plans),
  });
  records.push({
    figure: "planned spend",
    group: "all",
    measure: "sum",
    unit: "pence a year",
    value: figureValue(spend.totalPence),
  });
  for (const kind of FUNDED_KINDS) {
    records.push({
      figure: "planned spend by kind",
      group: kind,
      measure: "count",
      unit: "people",
      value: countValue(spend.byKind[kind].people),
    });
    records.push({
      figure: "planned spend by kind",
      group: kind,
      measure: "sum",
      unit: "pence a year",
      value: figureValue(spend.byKind[kind].pence),
    });
  }
  for (const sector of SECTORS) {
    records.push({
      figure: "planned spend by provision",
      group: sector,
      measure: "count",
      unit: "people",
      value: countValue(spend.bySector[sector].people),
    });
    records.push({
      figure: "planned spend by provision",
      group: sector,
      measure: "sum",
      unit: "pence a year",
      value: figureValue(spend.bySector[sector].pence),
    });
  }
  const { actual } = report;
  records.push({
    figure: "actual spend",
    group: "all",
    measure: "count",
    unit: "people",
    value: countValue(actual.people),
  });
  records.push({
    figure: "actual spend",
    group: "all",
    measure: "sum",
    unit: "pence",
    value: figureValue(actual.totalPence),
  });
  for (const [figure, keys, cells] of [
    ["actual spend by kind", ACTUAL_KINDS, actual.byKind],
    ["actual spend by provision", SECTORS, actual.bySector],
  ] as const)
    for (const key of keys) {
      const cell = (cells as Record<string, { people: Count; pence: Figure }>)[key]!;
      records.push({ figure, group: key, measure: "count", unit: "people", value: countValue(cell.people) });
      records.push({ figure, group: key, measure: "sum", unit: "pence", value: figureValue(cell.pence) });
    }
  for (const ruleSet of report.learning) records.push(...learningRecords(ruleSet));
  records.push({
    figure: "decisions",
    group: "all",
    measure: "count",
    unit: "decisions",
    value: countValue(signOff.decisions),
  });
  for (const kind of DECISION_KINDS)
    records.push({
      figure: "decisions",
      group: kind,
      measure: "count",
      unit: "decisions",
      value: countValue(signOff.byDecision[kind]),
    });
  records.push(...spreadRecords("days from submission to decision", "all", signOff.daysToDecision, "days"));
  records.push({
    figure: "reconsiderations",
    group: "all",
    measure: "count",
    unit: "versions",
    value: countValue(signOff.reconsiderations),
  });
  records.push({
    figure: "small grants",
    group: "all",
    measure: "count",
    unit: "applications",
    value: countValue(report.grants.applications),
  });
  for (const state of GRANT_STATES)
    records.push({
      figure: "small grants",
      group: state,
      measure: "count",
      unit: "applications",
      value: countValue(report.grants.byState[state]),
    });
  records.push({
    figure: "small grants",
    group: "granted",
    measure: "sum",
    unit: "pence",
    value: figureValue(report.grants.grantedPence),
  });
  records.push({
    figure: "treatment vouchers",
    group: "all",
    measure: "count",
    unit: "vouchers",
    value: countValue(report.vouchers.issued),
  });
  for (const takeUp of VOUCHER_TAKE_UP)
    records.push({
      figure: "treatment vouchers",
      group: takeUp,
      measure: "count",
      unit: "vouchers",
      value: countValue(report.vouchers.byTakeUp[takeUp]),
    });
  records.push(
    ...spreadRecords("days from voucher to first session", "all", report.vouchers.daysToFirstSession, "days"),
  );
  for (const area of outcomes)
    records.push(...spreadRecords("change in outcome rating", area.lifeAreaId, area.change, "rating points"));
  return records;
}

const COMPARISON_MEASURE = {
  less: `less than ${100 - ABOUT_THE_BUDGET_PERCENT}% of budget`,
  about: `within ${ABOUT_THE_BUDGET_PERCENT}% of budget`,
  more: `more than ${100 + ABOUT_THE_BUDGET_PERCENT}% of budget`,
} as const;

/** The learning loop of one rule set as rows: its people, each points band, and planned and actual spend beside budgets. */
function learningRecords(l: RuleSetLearning): InsightsRecord[] {
  const records: InsightsRecord[] = [
    { figure: "learning loop", group: l.ruleSetId, measure: "count", unit: "people", value: countValue(l.people) },
  ];
  for (const band of l.bands) {
    const group = `${l.ruleSetId} ${band.fromPoints} to ${band.toPoints} points`;
    records.push(...spreadRecords("budget by points band", group, band.budget, "pence"));
    records.push(
      {
        figure: "budget by points band",
        group,
        measure: "middle half as percent of median",
        unit: "percent",
        value: figureValue(band.spreadPercent),
      },
      {
        figure: "budget by points band",
        group,
        measure: "planned spend as percent of budget, median",
        unit: "percent",
        value: figureValue(band.plannedPercent),
      },
      {
        figure: "budget by points band",
        group,
        measure: "change in outcome rating, median",
        unit: "rating points",
        value: figureValue(band.outcomeChange),
      },
    );
  }
  for (const [figure, comparison] of [
    ["planned spend beside budget", l.planned],
    ["actual spend beside budget", l.actual],
  ] as const) {
    records.push(
      { figure, group: l.ruleSetId, measure: "count", unit: "people", value: countValue(comparison.people) },
      {
        figure,
        group: l.ruleSetId,
        measure: "percent of budget, median",
        unit: "percent",
        value: figureValue(comparison.medianPercent),
      },
    );
    for (const c of COMPARISONS)
      records.push({
        figure,
        group: l.ruleSetId,
        measure: COMPARISON_MEASURE[c],
        unit: "people",
        value: countValue(comparison.byComparison[c]),
      });
  }
  records.push(...spreadRecords("change in outcome rating by rule set", l.ruleSetId, l.outcomeChange, "rating points"));
  return records;
}

export function insightsCsv(records: readonly InsightsRecord[]): string {
  return [
    csvLine(["figure", "group", "measure", "unit", "value"]),
    ...records.map((r) => csvLine([r.figure, r.group, r.measure, r.unit, r.value])),
  ].join("");
}

// ---------------------------------------------------------------- the page

/**
 * The page shows its figures a part at a time, a few related figures each, with a sub-navigation
 * naming every part (docs/decisions/2026-12-04-insights-a-part-at-a-time.md). The downloads have every figure.
 */
export const INSIGHTS_PARTS = ["people", "planned", "actual", "support", "decisions", "learning"] as const;
export type InsightsPart = (typeof INSIGHTS_PARTS)[number];

/**
 * Which part each figure is shown in (each rule set's learning loop: "learning"). A figure's id is one of
 * these (FigureId), so a new figure without a part does not type-check rather than showing in none.
 */
const PART_OF_FIGURE = {
  stages: "people",
  budgets: "people",
  "spend-kind": "planned",
  "spend-sector": "planned",
  "spend-actual-kind": "actual",
  "spend-actual-sector": "actual",
  grants: "support",
  vouchers: "support",
  "sign-off": "decisions",
  outcomes: "decisions",
} as const satisfies Record<string, InsightsPart>;

type FigureId = keyof typeof PART_OF_FIGURE | `learning-${string}`;

export function partOfFigure(id: FigureId): InsightsPart {
  return id in PART_OF_FIGURE ? PART_OF_FIGURE[id as keyof typeof PART_OF_FIGURE] : "learning";
}

/** The part asked for in the address (?part=…); none, or one that does not exist, is the first. */
export function insightsPartFrom(url: URL): InsightsPart {
  const asked = url.searchParams.get(PART_FIELD);
  return INSIGHTS_PARTS.find((part) => part === asked) ?? INSIGHTS_PARTS[0];
}

export interface Bar {
  label: string;
  /** null: withheld, so no bar is drawn. */
  value: number | null;
  display: string;
}

export interface FigureView {
  id: FigureId;
  title: string;
  how: string;
  chartTitle: string;
  bars: Bar[];
  columns: string[];
  rows: { label: string; cells: string[] }[];
  notes: string[];
}

/** Everything the page shows, in the reader's language: words and formatted numbers only. */
export function insightsView(report: InsightsReport, lang: Language, t: TFunction) {
  const c = content();
  const fewer = t("insights:fewerThan5");
  const withheld = t("insights:withheld");
  const number = { format: (value: number) => formatFigure(value, lang) };
  const count = (x: Count) => (x.shown ? number.format(x.value) : fewer);
  const days = (x: Figure) => (x.shown ? number.format(x.value) : withheld);
  const money = (x: Figure) => (x.shown ? formatMoney(Math.round(x.value), lang) : withheld);
  const change = (x: Figure) => (x.shown ? `${x.value > 0 ? "+" : ""}${number.format(x.value)}` : withheld);
  const countBar = (label: string, x: Count): Bar => ({ label, value: x.shown ? x.value : null, display: count(x) });
  const { stages, budgets, spend, actual, signOff, outcomes } = report;
  const isFunded = (kind: string): kind is (typeof FUNDED_KINDS)[number] =>
    (FUNDED_KINDS as readonly string[]).includes(kind);
  const stageName = (id: string) => c.journey.stages.find((s) => s.id === id)?.name[lang] ?? id;
  const ruleSetName = (id: string) => c.ruleSets.get(id)?.label[lang] ?? id;
  const areaName = (id: string) => c.lifeAreas.areas.find((a) => a.id === id)?.name[lang] ?? id;
  const share = (part: Figure) =>
    part.shown && spend.totalPence.shown && spend.totalPence.value > 0
      ? `${number.format(Math.round((part.value / spend.totalPence.value) * 1000) / 10)}%`
      : withheld;

  const figures: FigureView[] = [
    {
      id: "stages",
      title: t("insights:stages.title"),
      how: t("insights:stages.how"),
      chartTitle: t("insights:stages.chart"),
      bars: stages.stages.map((s) => countBar(stageName(s.stage), s.people)),
      columns: [t("insights:stages.stage"), t("insights:people"), t("insights:stages.median"), t("insights:quartiles")],
      rows: [
        ...stages.stages.map((s) => ({
          label: stageName(s.stage),
          cells: [count(s.people), days(s.daysSinceLastStep.median), quartiles(s.daysSinceLastStep, days, withheld)],
        })),
        { label: t("insights:total"), cells: [count(stages.total), "", ""] },
      ],
      notes: [],
    },
    {
      id: "budgets",
      title: t("insights:budgets.title"),
      how: t("insights:budgets.how"),
      chartTitle: t("insights:budgets.chart"),
      bars: [
        ...budgets.byRuleSet.map((r) => countBar(ruleSetName(r.ruleSetId), r.people)),
        countBar(t("insights:budgets.below"), budgets.belowThreshold),
      ],
      columns: [
        t("insights:budgets.ruleSet"),
        t("insights:people"),
        t("insights:median"),
        t("insights:quartiles"),
        t("insights:budgets.nhs"),
        t("insights:budgets.council"),
      ],
      rows: [
        ...[...budgets.byRuleSet, { ruleSetId: "", ...budgets.all }].map((r) => ({
          label: r.ruleSetId ? ruleSetName(r.ruleSetId) : t("insights:budgets.allRuleSets"),
          cells: [
            count(r.people),
            money(r.total.median),
            quartiles(r.total, money, withheld),
            money(r.nhsPence),
            money(r.councilPence),
          ],
        })),
        { label: t("insights:budgets.below"), cells: [count(budgets.belowThreshold), "", "", "", ""] },
        { label: t("insights:total"), cells: [count(budgets.people), "", "", "", ""] },
      ],
      notes: [
        t("insights:budgets.offered"),
        t("insights:budgets.belowWithFreeSupport", { n: count(budgets.belowWithFreeSupport) }),
      ],
    },
    {
      id: "spend-kind",
      title: t("insights:spendKind.title"),
      how: t("insights:spendKind.how"),
      chartTitle: t("insights:spendKind.chart"),
      bars: FUNDED_KINDS.map((kind) => ({
        label: t(`insights:kinds.${kind}`),
        value: spend.byKind[kind].pence.shown ? spend.byKind[kind].pence.value : null,
        display: money(spend.byKind[kind].pence),
      })),
      columns: [t("insights:spendKind.kind"), t("insights:people"), t("insights:plannedYear"), t("insights:share")],
      rows: [
        ...FUNDED_KINDS.map((kind) => ({
          label: t(`insights:kinds.${kind}`),
          cells: [count(spend.byKind[kind].people), money(spend.byKind[kind].pence), share(spend.byKind[kind].pence)],
        })),
        { label: t("insights:spendKind.plans"), cells: [count(spend.plans), money(spend.totalPence), ""] },
      ],
      notes: [t("insights:spendKind.exclusions")],
    },
    {
      id: "spend-sector",
      title: t("insights:spendSector.title"),
      how: t("insights:spendSector.how"),
      chartTitle: t("insights:spendSector.chart"),
      bars: SECTORS.map((sector) => ({
        label: t(`insights:sectors.${sector}`),
        value: spend.bySector[sector].pence.shown ? spend.bySector[sector].pence.value : null,
        display: money(spend.bySector[sector].pence),
      })),
      columns: [t("insights:spendSector.sector"), t("insights:people"), t("insights:plannedYear"), t("insights:share")],
      rows: SECTORS.map((sector) => ({
        label: t(`insights:sectors.${sector}`),
        cells: [
          count(spend.bySector[sector].people),
          money(spend.bySector[sector].pence),
          share(spend.bySector[sector].pence),
        ],
      })),
      notes: [],
    },
    {
      id: "spend-actual-kind",
      title: t("insights:actualKind.title"),
      how: t("insights:actualKind.how"),
      chartTitle: t("insights:actualKind.chart"),
      bars: ACTUAL_KINDS.map((kind) => ({
        label: t(`insights:actualKinds.${kind}`),
        value: actual.byKind[kind].pence.shown ? actual.byKind[kind].pence.value : null,
        display: money(actual.byKind[kind].pence),
      })),
      columns: [
        t("insights:spendKind.kind"),
        t("insights:actualPeople"),
        t("insights:spentInPeriod"),
        t("insights:plannedYear"),
      ],
      rows: [
        ...ACTUAL_KINDS.map((kind) => ({
          label: t(`insights:actualKinds.${kind}`),
          cells: [
            count(actual.byKind[kind].people),
            money(actual.byKind[kind].pence),
            isFunded(kind) ? money(spend.byKind[kind].pence) : "",
          ],
        })),
        {
          label: t("insights:total"),
          cells: [count(actual.people), money(actual.totalPence), money(spend.totalPence)],
        },
      ],
      notes: [],
    },
    {
      id: "spend-actual-sector",
      title: t("insights:actualSector.title"),
      how: t("insights:actualSector.how"),
      chartTitle: t("insights:actualSector.chart"),
      bars: SECTORS.map((sector) => ({
        label: t(`insights:sectors.${sector}`),
        value: actual.bySector[sector].pence.shown ? actual.bySector[sector].pence.value : null,
        display: money(actual.bySector[sector].pence),
      })),
      columns: [
        t("insights:spendSector.sector"),
        t("insights:actualPeople"),
        t("insights:spentInPeriod"),
        t("insights:plannedYear"),
      ],
      rows: SECTORS.map((sector) => ({
        label: t(`insights:sectors.${sector}`),
        cells: [
          count(actual.bySector[sector].people),
          money(actual.bySector[sector].pence),
          money(spend.bySector[sector].pence),
        ],
      })),
      notes: [],
    },
    {
      id: "sign-off",
      title: t("insights:signOff.title"),
      how: t("insights:signOff.how"),
      chartTitle: t("insights:signOff.chart"),
      bars: DECISION_KINDS.map((kind) => countBar(t(`insights:decisions.${kind}`), signOff.byDecision[kind])),
      columns: [t("insights:signOff.what"), t("insights:signOff.number")],
      rows: [
        ...DECISION_KINDS.map((kind) => ({
          label: t(`insights:decisions.${kind}`),
          cells: [count(signOff.byDecision[kind])],
        })),
        { label: t("insights:total"), cells: [count(signOff.decisions)] },
        { label: t("insights:signOff.reconsiderations"), cells: [count(signOff.reconsiderations)] },
        { label: t("insights:signOff.medianDays"), cells: [days(signOff.daysToDecision.median)] },
        { label: t("insights:signOff.ninetiethDays"), cells: [days(signOff.daysToDecision.ninetieth)] },
        { label: t("insights:signOff.people"), cells: [count(signOff.daysToDecision.people)] },
      ],
      notes: [],
    },
    {
      id: "grants",
      title: t("grants:insights.title"),
      how: t("grants:insights.how"),
      chartTitle: t("grants:insights.chart"),
      bars: GRANT_STATES.map((state) => countBar(t(`grants:insights.states.${state}`), report.grants.byState[state])),
      columns: [t("grants:insights.what"), t("grants:insights.number")],
      rows: [
        ...GRANT_STATES.map((state) => ({
          label: t(`grants:insights.states.${state}`),
          cells: [count(report.grants.byState[state])],
        })),
        { label: t("insights:total"), cells: [count(report.grants.applications)] },
        { label: t("grants:insights.grantedPeople"), cells: [count(report.grants.grantedPeople)] },
        { label: t("grants:insights.grantedSum"), cells: [money(report.grants.grantedPence)] },
      ],
      notes: [],
    },
    {
      id: "vouchers",
      title: t("vouchers:insights.title"),
      how: t("vouchers:insights.how"),
      chartTitle: t("vouchers:insights.chart"),
      bars: VOUCHER_TAKE_UP.map((k) => countBar(t(`vouchers:insights.takeUp.${k}`), report.vouchers.byTakeUp[k])),
      columns: [t("vouchers:insights.what"), t("vouchers:insights.number")],
      rows: [
        ...VOUCHER_TAKE_UP.map((k) => ({
          label: t(`vouchers:insights.takeUp.${k}`),
          cells: [count(report.vouchers.byTakeUp[k])],
        })),
        { label: t("insights:total"), cells: [count(report.vouchers.issued)] },
        { label: t("vouchers:insights.medianDays"), cells: [days(report.vouchers.daysToFirstSession.median)] },
      ],
      notes: [],
    },
    {
      id: "outcomes",
      title: t("insights:outcomes.title"),
      how: t("insights:outcomes.how"),
      chartTitle: t("insights:outcomes.chart"),
      bars: outcomes.map((o) => ({
        label: areaName(o.lifeAreaId),
        value: o.change.median.shown ? o.change.median.value : null,
        display: change(o.change.median),
      })),
      columns: [
        t("insights:outcomes.area"),
        t("insights:people"),
        t("insights:outcomes.median"),
        t("insights:quartiles"),
      ],
      rows: outcomes.map((o) => ({
        label: areaName(o.lifeAreaId),
        cells: [count(o.change.people), change(o.change.median), quartiles(o.change, change, withheld)],
      })),
      notes: [],
    },
    ...report.learning.map((l) => learningFigure(l, ruleSetName(l.ruleSetId), { count, money, change, number }, t)),
  ];
  return {
    period: {
      from: formatDate(report.period.from, lang),
      to: formatDate(report.period.to, lang),
    },
    workedOut: formatDateTime(report.workedOutAt, lang),
    figures,
  };
}

/**
 * The learning loop of one rule set: budgets by points band (the spread within each band says whether
 * similar needs get similar budgets), planned spend beside budgets in each band, and the change in
 * outcomes; below the table, what the figures say in plain words.
 */
function learningFigure(
  l: RuleSetLearning,
  name: string,
  f: {
    count: (x: Count) => string;
    money: (x: Figure) => string;
    change: (x: Figure) => string;
    number: { format: (value: number) => string };
  },
  t: TFunction,
): FigureView {
  const withheld = t("insights:withheld");
  const percent = (x: Figure) => (x.shown ? `${f.number.format(Math.round(x.value))}%` : withheld);
  const band = (b: RuleSetLearning["bands"][number]) =>
    t("insights:learning.band", { from: b.fromPoints, to: b.toPoints });
  const words: string[] = [];
  for (const b of l.bands)
    if (b.spreadPercent.shown)
      words.push(
        t(b.spreadPercent.value <= SIMILAR_SPREAD_PERCENT ? "insights:learning.similar" : "insights:learning.differ", {
          band: band(b),
          percent: percent(b.spreadPercent),
        }),
      );
  const comparisonWords = (c: BudgetComparison, which: "planned" | "actual") => {
    if (!c.medianPercent.shown) return t(`insights:learning.${which}.tooFew`, { n: f.count(c.people) });
    const leaning =
      c.medianPercent.value < 100 - ABOUT_THE_BUDGET_PERCENT
        ? "less"
        : c.medianPercent.value > 100 + ABOUT_THE_BUDGET_PERCENT
          ? "more"
          : "about";
    return [
      c.people.shown
        ? t(`insights:learning.${which}.median`, { n: f.count(c.people), percent: percent(c.medianPercent) })
        : t(`insights:learning.${which}.medianOnly`, { percent: percent(c.medianPercent) }),
      t(`insights:learning.${which}.${leaning}`),
      t(`insights:learning.counts`, {
        less: f.count(c.byComparison.less),
        about: f.count(c.byComparison.about),
        more: f.count(c.byComparison.more),
        low: 100 - ABOUT_THE_BUDGET_PERCENT,
        within: ABOUT_THE_BUDGET_PERCENT,
        high: 100 + ABOUT_THE_BUDGET_PERCENT,
      }),
    ].join(" ");
  };
  words.push(comparisonWords(l.planned, "planned"), comparisonWords(l.actual, "actual"));
  words.push(
    !l.outcomeChange.median.shown
      ? t("insights:learning.outcomesTooFew")
      : l.outcomeChange.people.shown
        ? t("insights:learning.outcomes", {
            n: f.count(l.outcomeChange.people),
            change: f.change(l.outcomeChange.median),
          })
        : t("insights:learning.outcomesOnly", { change: f.change(l.outcomeChange.median) }),
  );
  return {
    id: `learning-${l.ruleSetId}`,
    title: t("insights:learning.title", { ruleSet: name }),
    how: t("insights:learning.how", { width: l.bands[0] ? l.bands[0].toPoints - l.bands[0].fromPoints + 1 : 10 }),
    chartTitle: t("insights:learning.chart", { ruleSet: name }),
    bars: l.bands.map((b) => ({
      label: band(b),
      value: b.budget.median.shown ? b.budget.median.value : null,
      display: f.money(b.budget.median),
    })),
    columns: [
      t("insights:learning.bandColumn"),
      t("insights:people"),
      t("insights:learning.medianBudget"),
      t("insights:quartiles"),
      t("insights:learning.spread"),
      t("insights:learning.plannedShare"),
      t("insights:learning.outcomeChange"),
    ],
    rows: [
      ...l.bands.map((b) => ({
        label: band(b),
        cells: [
          f.count(b.people),
          f.money(b.budget.median),
          quartiles(b.budget, f.money, withheld),
          percent(b.spreadPercent),
          percent(b.plannedPercent),
          f.change(b.outcomeChange),
        ],
      })),
      { label: t("insights:total"), cells: [f.count(l.people), "", "", "", "", ""] },
    ],
    notes: words,
  };
}

function quartiles(spread: Spread, format: (f: Figure) => string, withheld: string): string {
  return spread.lowerQuartile.shown ? `${format(spread.lowerQuartile)} – ${format(spread.upperQuartile)}` : withheld;
}
