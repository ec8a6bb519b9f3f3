import { content } from "~/content/content.server";
import { STAGES, type Stage } from "~/domain/journey";
import type { PlanState } from "~/domain/workflow";
import type { Language } from "~/domain/languages";
import { formatDate } from "~/lib/format";
import { currentHelpers } from "~/models/helpers.server";
import { currentJourneyOf, currentJourneysOf } from "~/models/journey.server";
import { keptCaseloadFacts } from "~/models/caseload.server";
import { unreadCount } from "~/models/notifications.server";
import { latestSubmission, reviewDateOf, reviewDatesOf } from "~/models/signoff.server";
import { leadProfessionalNameOf } from "~/models/users.server";

const DAY = 24 * 60 * 60 * 1000;

/** Where each stage's next step is, under /people/:id. */
const NEXT_STEP: Record<Stage, string> = {
  "identifying-need": "assessment",
  "mapping-resources": "budget",
  "designing-plan": "plan",
  "agreeing-support": "plan/decision",
  "organising-support": "plan/organising",
  "using-support": "plan/using",
  reflecting: "plan/reflecting",
};

function stageName(stage: Stage, lang: Language): string {
  return content().journey.stages.find((s) => s.id === stage)?.name[lang] ?? stage;
}

/** The person's home: where they are, the next step, what is waiting, who is helping. */
export async function personHomeView(personId: string, userId: string, lang: Language) {
  const { journey, plan } = await currentJourneyOf(personId);
  const state = plan?.state ?? null;
  const base = `/people/${personId}`;
  const reviewDate = plan ? await reviewDateOf(plan.id) : null;
  const submitted = plan && state === "submitted" ? await latestSubmission(plan.id) : undefined;
  const lead = await leadProfessionalNameOf(personId);
  // A plan sent, or changes asked for, is the thing to look at first.
  const nextHref =
    state === "changes-requested" || state === "signed-off" || state === "referred-to-panel"
      ? `${base}/plan/decision`
      : state === "submitted"
        ? `${base}/plan`
        : `${base}/${NEXT_STEP[journey.current]}`;
  return {
    base,
    stage: { number: STAGES.indexOf(journey.current) + 1, name: stageName(journey.current, lang) },
    total: STAGES.length,
    nextHref,
    nextStage: journey.current,
    planState: state,
    sentOn: submitted ? formatDate(submitted.submittedAt, lang) : null,
    reviewDate: reviewDate ? formatDate(reviewDate, lang) : null,
    unread: await unreadCount(userId),
    lead,
    helpers: (await currentHelpers(personId)).map((h) => ({ name: h.name, kind: h.kind })),
  };
}

export type CaseloadSort = "needs" | "name" | "stage" | "state" | "waiting" | "review";
export const CASELOAD_SORTS: readonly CaseloadSort[] = ["needs", "name", "stage", "state", "waiting", "review"];

/** What a caseload row says of one person, worked out from their records (not from the day or the language). */
interface CaseloadFacts {
  stage: Stage;
  state: PlanState | null;
  submittedAt: string | null;
  reviewIso: string | null;
}

/** The facts of each of a page of people: a few statements for the page, not a few a person. */
async function caseloadFacts(personIds: readonly string[]): Promise<Map<string, CaseloadFacts>> {
  const journeys = await currentJourneysOf(personIds);
  const reviewDates = await reviewDatesOf(
    [...journeys.values()]
      .map(({ plan }) => plan)
      .filter((plan) => plan?.state === "signed-off" || plan?.state === "in-review")
      .map((plan) => plan!.id),
  );
  const facts = new Map<string, CaseloadFacts>();
  for (const id of personIds) {
    const { journey, plan } = journeys.get(id)!;
    const state = plan?.state ?? null;
    const submission = plan && state === "submitted" ? await latestSubmission(plan.id) : undefined;
    facts.set(id, {
      stage: journey.current,
      state,
      submittedAt: submission?.submittedAt ?? null,
      reviewIso: plan ? (reviewDates.get(plan.id) ?? null) : null,
    });
  }
  return facts;
}

/**
 * A lead professional's caseload, one row a person: stage, plan state, days waiting, review date.
 * By default what needs them first: plans waiting (longest first), then reviews coming due, then the rest.
 * `leadId`: the people are this lead professional's caseload, whose facts are kept while its records are
 * unchanged (models/caseload.server.ts); a helper's people are worked out each time.
 */
export async function caseloadView(
  people: { personId: string; name: string }[],
  lang: Language,
  sort: CaseloadSort,
  { leadId, now = new Date() }: { leadId?: string; now?: Date } = {},
) {
  const soon = new Date(now.getTime() + 28 * DAY).toISOString().slice(0, 10);
  const ids = people.map((p) => p.personId);
  const facts = leadId ? await keptCaseloadFacts(leadId, ids, caseloadFacts) : await caseloadFacts(ids);
  const rows = people.map((p) => {
    const { stage, state, submittedAt, reviewIso } = facts.get(p.personId)!;
    const daysWaiting =
      submittedAt !== null ? Math.max(0, Math.floor((now.getTime() - Date.parse(submittedAt)) / DAY)) : null;
    const reviewDue = reviewIso !== null && reviewIso <= soon;
    return {
      personId: p.personId,
      name: p.name,
      stageNumber: STAGES.indexOf(stage) + 1,
      stage: stageName(stage, lang),
      state,
      daysWaiting,
      reviewIso,
      reviewDate: reviewIso ? formatDate(reviewIso, lang) : null,
      reviewDue,
      needsYou: daysWaiting !== null || reviewDue,
      action: daysWaiting !== null ? ("review-plan" as const) : reviewDue ? ("hold-review" as const) : null,
    };
  });
  type Row = (typeof rows)[number];
  const byName = (a: Row, b: Row) => a.name.localeCompare(b.name);
  const order: Record<CaseloadSort, (a: Row, b: Row) => number> = {
    needs: (a, b) =>
      (b.daysWaiting ?? -1) - (a.daysWaiting ?? -1) ||
      Number(b.reviewDue) - Number(a.reviewDue) ||
      (a.reviewIso ?? "9999").localeCompare(b.reviewIso ?? "9999") ||
      byName(a, b),
    name: byName,
    stage: (a, b) => a.stageNumber - b.stageNumber || byName(a, b),
    state: (a, b) => (a.state ?? "").localeCompare(b.state ?? "") || byName(a, b),
    waiting: (a, b) => (b.daysWaiting ?? -1) - (a.daysWaiting ?? -1) || byName(a, b),
    review: (a, b) => (a.reviewIso ?? "9999").localeCompare(b.reviewIso ?? "9999") || byName(a, b),
  };
  return rows.sort(order[sort]);
}
