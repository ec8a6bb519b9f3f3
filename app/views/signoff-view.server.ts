import type { TFunction } from "i18next";
import { content } from "~/content/content.server";
import type { Language } from "~/domain/languages";
import { findEntry } from "~/domain/menu";
import { CRITERIA, changeNeedsSignOff } from "~/domain/plan-criteria";
import { yearlyCostPence } from "~/domain/plan";
import { agreedPlan, isWaiting, moveMoney } from "~/domain/plan-stages";
import { formatDate, formatDateTime, formatMoney } from "~/lib/format";
import { currentPlan, loadPlan } from "~/models/plan.server";
import { needAreaTitle } from "./budget-view.server";
import { menuAsPublished, ruleChangesSince } from "~/models/menu.server";
import {
  changeLogOf,
  itemsNeedingAgreement,
  signedOffVersion,
  type DecisionRow,
  type Snapshot,
} from "~/models/signoff.server";
import { userNames } from "~/models/users.server";

/** A frozen plan version as the pages show it: words, items and figures, formatted for one language. */
export async function snapshotView(snapshot: Snapshot, lang: Language, t: TFunction) {
  // Titles from the menu as published (entries added in the portal too, retired ones kept).
  const menu = await menuAsPublished();
  const outcomes = new Map(snapshot.plan.outcomes.map((o) => [o.id, o.words]));
  const needing = itemsNeedingAgreement(snapshot.plan).map((i) => i.id);
  return {
    outcomes: snapshot.plan.outcomes.map((o) => ({
      id: o.id,
      words: o.words,
      ratings: t("signoff:plan.outcomeRatings", { now: o.now, hope: o.hope }),
    })),
    items: await Promise.all(
      snapshot.plan.items.map(async (item) => ({
        id: item.id,
        what: item.what,
        entry:
          item.kind === "something-else"
            ? (item.somethingElse ?? "")
            : item.menuEntryId
              ? (findEntry(menu, item.menuEntryId)?.title[lang] ?? item.menuEntryId)
              : "",
        line: t("signoff:plan.itemLine", {
          provider: item.provider,
          frequency: item.frequency,
          yearly: formatMoney(item.yearlyCostPence, lang),
          kind: t(`plan:itemKinds.${item.kind}`),
        }),
        serves: item.outcomeIds.map((id) => outcomes.get(id)).filter((w): w is string => Boolean(w)),
        flagged: (item.flaggedEntryIds ?? []).length > 0,
        // The plan stays as it was checked; the lead professional is told when the item's rule changed since.
        ruleChanges: item.menuEntryId
          ? (
              await ruleChangesSince(
                item.menuVersion,
                item.menuEntryId,
                item.kind === "controlled-treatment" ? item.providerId : undefined,
              )
            ).map((c) =>
              t("signoff:plan.ruleChanged", {
                version: c.version,
                date: formatDate(c.madeAt, lang),
                change: t(`signoff:plan.ruleChange.${c.change}`, {
                  parts: (c.parts ?? []).map((p) => t(`menu:changes.parts.${p}`)).join(", "),
                }),
                why: c.why,
              }),
            )
          : [],
        agreementIndex: needing.indexOf(item.id),
      })),
    ),
    budget: {
      known: snapshot.budget.basis !== null,
      total: formatMoney(snapshot.budget.totalPence, lang),
      committed: formatMoney(snapshot.budget.committedPence, lang),
      self: snapshot.budget.selfTotalPence === null ? null : formatMoney(snapshot.budget.selfTotalPence, lang),
      agreed: snapshot.budget.agreedTotalPence === null ? null : formatMoney(snapshot.budget.agreedTotalPence, lang),
      ratings: snapshot.budget.agreedRatings.map((r) =>
        t("signoff:plan.agreedRating", { area: needAreaTitle(r.needArea, lang), rating: r.rating, reason: r.reason }),
      ),
    },
    notMet: snapshot.notMet.map((c) => t(`plan:criteria.${c}.name`)),
  };
}

/** What the menu suggests instead of an exclusion the item may match, if it matched one. */
function helpInstead(entryIds: string[] | undefined, lang: Language): string | null {
  const entry = entryIds?.[0] ? findEntry(content().menu, entryIds[0]) : undefined;
  return entry?.kind === "absolute-exclusion" ? entry.helpInstead.text[lang] : null;
}

/** Every decision in plain words: what, by whom, when, and every reason. */
export async function decisionsView(
  rows: (DecisionRow & { cycle: number; version: number })[],
  lang: Language,
  t: TFunction,
) {
  const names = await userNames([...new Set(rows.map((r) => r.decidedBy))]);
  return rows.map((d) => {
    const criteria = JSON.parse(d.criteria) as Partial<
      Record<(typeof CRITERIA)[number], { met: boolean; comment?: string }>
    >;
    const items = JSON.parse(d.itemAgreements) as Record<
      string,
      {
        what: string;
        agreement: "agree" | "adapt" | "not-agree";
        adaptation?: string;
        reason?: string;
        flaggedEntryIds?: string[];
      }
    >;
    return {
      id: d.id,
      decision: d.decision,
      heading: t("signoff:decision.decided", {
        decision: t(`signoff:decision.kinds.${d.decision}`),
        by: names.get(d.decidedBy) ?? "—",
        date: formatDate(d.decidedAt, lang),
      }),
      cycleVersion: t("signoff:decision.cycleVersion", { cycle: d.cycle, version: d.version }),
      criteria: CRITERIA.filter((c) => criteria[c]).map((c) => ({
        criterion: c,
        line: t("signoff:decision.criterionLine", {
          criterion: t(`plan:criteria.${c}.name`),
          state: criteria[c]!.met ? t("signoff:review.met") : t("signoff:review.notYet"),
        }),
        met: criteria[c]!.met,
        comment: criteria[c]!.comment ?? null,
      })),
      items: Object.values(items).map((i) =>
        i.agreement === "adapt"
          ? t("signoff:decision.adapted", { item: i.what, adaptation: i.adaptation ?? "" })
          : i.agreement === "not-agree"
            ? `${t("signoff:decision.notAgreed", { item: i.what, reason: i.reason ?? "" })} ${t("signoff:decision.notAgreedInstead", { instead: helpInstead(i.flaggedEntryIds, lang) ?? t("signoff:decision.notAgreedInsteadDefault") })}`
            : t("signoff:decision.agreed", { item: i.what }),
      ),
      reason: d.reason,
      risk: d.risk,
      panelSat: d.panelSat,
      reviewDate: d.reviewDate ? formatDate(d.reviewDate, lang) : null,
      budget: d.confirmedBudgetPence === null ? null : formatMoney(d.confirmedBudgetPence, lang),
    };
  });
}

/**
 * The items of the signed-off version whose menu rule has changed since they were checked. The plan
 * itself never changes; the lead professional is told, to talk it through at the review.
 */
export async function ruleChangesView(snapshot: Snapshot, lang: Language, t: TFunction) {
  const view = await snapshotView(snapshot, lang, t);
  return view.items
    .filter((item) => item.ruleChanges.length > 0)
    .map((item) => ({ id: item.id, what: item.what, entry: item.entry, changes: item.ruleChanges }));
}

/**
 * The lead professional's view of the changes waiting for them after sign-off: each with what would
 * change (every item's yearly cost now and after), why it needs them, and how much would have moved
 * since the plan as agreed; and the changes already decided, newest first.
 */
export async function changeRequestsView(personId: string, lang: Language) {
  const row = await currentPlan(personId);
  const log = await changeLogOf(personId);
  const { plan } = await loadPlan(personId);
  const signedOff = row ? await signedOffVersion(row.id) : null;
  const money = (pence: number) => formatMoney(pence, lang);
  const names = await userNames(log.flatMap((c) => [c.by, c.decision?.by ?? c.by]));
  const percent = content().planCheck.minorChangePercent;
  const budgetPence = signedOff?.budgetPence ?? 0;
  const waiting = log.filter(isWaiting).map((c) => {
    const moved = moveMoney(plan, c.fromItemId, c.toItemId, c.amountPence);
    const check =
      signedOff && moved.ok
        ? changeNeedsSignOff(agreedPlan(signedOff.plan, log), moved.plan, budgetPence, content().planCheck)
        : null;
    const after = moved.ok ? moved.plan : plan;
    return {
      id: c.id,
      amount: money(c.amountPence),
      from: c.fromWhat,
      to: c.toWhat,
      when: formatDateTime(c.at, lang),
      by: names.get(c.by) ?? "",
      reasons: c.reasons,
      possible: moved.ok,
      items: plan.items
        .filter((item) => item.id === c.fromItemId || item.id === c.toItemId)
        .map((item) => ({
          what: item.what,
          now: money(yearlyCostPence(item)),
          after: money(yearlyCostPence(after.items.find((i) => i.id === item.id) ?? item)),
        })),
      movedSoFar: check ? money(check.movedPence) : null,
    };
  });
  const decided = log
    .filter((c) => c.decision)
    .map((c) => ({
      id: c.id,
      amount: money(c.amountPence),
      from: c.fromWhat,
      to: c.toWhat,
      agreed: c.decision!.outcome === "agreed",
      reason: c.decision!.reason,
      by: names.get(c.decision!.by) ?? "",
      when: formatDateTime(c.decision!.at, lang),
    }))
    .reverse();
  return {
    waiting,
    decided,
    percent,
    budget: money(budgetPence),
    allowed: money(Math.floor((budgetPence * percent) / 100)),
  };
}
