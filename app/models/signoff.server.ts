import { and, asc, desc, eq, inArray, isNull, notInArray, or, isNotNull, sql } from "drizzle-orm";
import { keptCaseloadList } from "./caseload.server";
import { randomUUID } from "node:crypto";
import {
  helpers,
  persons,
  planDecisions,
  planReviews,
  plans,
  planSectionHistory,
  planSubmissions,
} from "../../db/schema";
import { content } from "~/content/content.server";
import { judgedBudget } from "~/domain/allocation";
import { toIsoDate } from "~/domain/dates";
import { slicePage } from "~/domain/paging";
import {
  CRITERIA,
  canSubmit,
  committedPence,
  type Criterion,
  type ItemAgreement,
  type ItemAgreements,
} from "~/domain/plan-criteria";
import { itemField } from "~/forms/field-names";
import type { Plan } from "~/domain/plan";
import { changesSchema, isWaiting, moveMoney, readStage, type ChangeEntry } from "~/domain/plan-stages";
import type { Standing } from "~/domain/access";
import {
  defaultReviewDate,
  planTransition,
  type PlanAction,
  type PlanState,
  type QueueList,
  type TransitionPayload,
} from "~/domain/workflow";
import { db, firstRow, preparedQuery, transaction, rows } from "~/lib/db.server";
import { agreedOf, currentAssessment, latestBudgets, startAssessmentForCycle } from "./assessment.server";
import { audit } from "./audit.server";
import { notifyOnce, notifyWithEmail } from "./notifications.server";
import {
  allPlans,
  currentPlan,
  ensurePlan,
  loadPlan,
  openNextCycle,
  saveSection,
  setPlanState,
  type PlanRow,
  type SaveResult,
} from "./plan.server";

/**
 * The sign-off workflow's records. Every step asks planTransition first; only an allowed step
 * writes, and every write is audited with who, for whom, when, why and the plan version.
 */

export type SubmissionRow = typeof planSubmissions.$inferSelect;
export type DecisionRow = typeof planDecisions.$inferSelect;

/** Who is acting, on whose record, and how they stand. A RecordAccess fits. */
export interface Actor {
  actor: { id: string; name: string };
  person: { id: string; userId: string; leadProfessionalId: string | null };
  personName: string;
  standing: Standing;
}

/** What the lead professional sees: the plan exactly as sent, and the budget it was judged against. */
export interface Snapshot {
  cycle: number;
  version: number;
  plan: Plan;
  budget: {
    totalPence: number;
    basis: "self" | "agreed" | null;
    selfTotalPence: number | null;
    agreedTotalPence: number | null;
    committedPence: number;
    agreedRatings: { needArea: string; rating: number; reason: string }[];
  };
  notMet: Criterion[];
  /** The version of the reason for sending that went with this plan (the reason itself is on the submission). */
  reasonVersion?: number;
}

export type StepResult = { ok: true; version: number } | { ok: false; reason: string; field?: string };

const refusedStep = (reason: string, field = "_form"): StepResult => ({ ok: false, reason, field });

/** Everyone who has helped with this plan: anyone ever let in as a helper, and anyone who saved a part of it as a writer. */
export async function helperIdsFor(personId: string, planId: string | undefined): Promise<string[]> {
  const ids = new Set(
    (await db().select({ id: helpers.helperUserId }).from(helpers).where(eq(helpers.personId, personId))).map(
      (r) => r.id,
    ),
  );
  if (planId) {
    const person = await firstRow(
      db().select({ userId: persons.userId }).from(persons).where(eq(persons.id, personId)),
    );
    // A lead professional's own steps (an agreed change applied, a cycle carried forward at their
    // review) are decisions, not help with writing the plan.
    for (const r of await db()
      .selectDistinct({ id: planSectionHistory.savedBy })
      .from(planSectionHistory)
      .where(
        and(
          eq(planSectionHistory.planId, planId),
          or(
            isNull(planSectionHistory.capacity),
            notInArray(planSectionHistory.capacity, ["lead-professional", "carried-forward"]),
          ),
        ),
      )) {
      if (r.id !== person?.userId) ids.add(r.id);
    }
  }
  return [...ids];
}

/** The people told about the plan: the person and the helpers who may see the record now. */
async function peopleToTell(personId: string, personUserId: string): Promise<string[]> {
  const current = (
    await db()
      .select({ id: helpers.helperUserId })
      .from(helpers)
      .where(
        and(
          eq(helpers.personId, personId),
          isNull(helpers.removedAt),
          or(eq(helpers.kind, "peer-broker"), isNotNull(helpers.authority)),
        ),
      )
  ).map((r) => r.id);
  return [personUserId, ...current];
}

/** Tells the person's lead professional (if they have one) that something about this person needs them. */
export async function tellLeadProfessional(who: Actor, kind: string, page: string): Promise<void> {
  if (who.person.leadProfessionalId)
    await notifyWithEmail(
      who.person.leadProfessionalId,
      kind,
      { name: who.personName },
      `/people/${who.person.id}${page}`,
    );
}

const submissionsQuery = preparedQuery((d) =>
  d
    .select()
    .from(planSubmissions)
    .where(eq(planSubmissions.planId, sql.placeholder("planId")))
    .orderBy(asc(planSubmissions.version))
    .prepare(),
);

export async function submissionsOf(planId: string): Promise<SubmissionRow[]> {
  return await submissionsQuery().execute({ planId });
}

/** A plan's latest submission: asked for each plan on a caseload page, so built and prepared once. */
const latestSubmissionQuery = preparedQuery((d) =>
  d
    .select()
    .from(planSubmissions)
    .where(eq(planSubmissions.planId, sql.placeholder("planId")))
    .orderBy(desc(planSubmissions.version))
    .limit(1)
    .prepare(),
);

export async function latestSubmission(planId: string): Promise<SubmissionRow | undefined> {
  return await firstRow(latestSubmissionQuery().execute({ planId }));
}

const decisionsQuery = preparedQuery((d) =>
  d
    .select()
    .from(planDecisions)
    .where(eq(planDecisions.planId, sql.placeholder("planId")))
    .orderBy(asc(planDecisions.decidedAt))
    .prepare(),
);

/** A plan's decisions, oldest first: asked by every page that shows what was agreed, so built once. */
export async function decisionsOf(planId: string): Promise<DecisionRow[]> {
  return await decisionsQuery().execute({ planId });
}

export function parseSnapshot(submission: SubmissionRow): Snapshot {
  return JSON.parse(submission.snapshot) as Snapshot;
}

/**
 * The lead professional's decisions on the items of a plan, newest last (a later decision on an item
 * replaces an earlier one): they decide what counts as planned spending.
 */
export async function agreementsOf(planId: string): Promise<ItemAgreements> {
  const merged: Record<string, ItemAgreement> = {};
  for (const d of await decisionsOf(planId)) {
    const items = JSON.parse(d.itemAgreements) as Record<string, { agreement?: ItemAgreement }>;
    for (const [id, a] of Object.entries(items)) if (a.agreement) merged[id] = a.agreement;
  }
  return merged;
}

/** The plan in force: the version of the newest sign-off, and the budget confirmed with it. Null before sign-off. */
export async function signedOffVersion(
  planId: string,
): Promise<{ plan: Plan; budgetPence: number; version: number } | null> {
  const decision = await firstRow(
    db()
      .select()
      .from(planDecisions)
      .where(and(eq(planDecisions.planId, planId), eq(planDecisions.decision, "signed-off")))
      .orderBy(desc(planDecisions.decidedAt)),
  );
  if (!decision) return null;
  const submission = await firstRow(
    db().select().from(planSubmissions).where(eq(planSubmissions.id, decision.submissionId)),
  );
  if (!submission) return null;
  const snapshot = parseSnapshot(submission);
  return {
    plan: snapshot.plan,
    budgetPence: decision.confirmedBudgetPence ?? snapshot.budget.totalPence,
    version: submission.version,
  };
}

/** The review date of a plan's latest sign-off, if it was signed off (prepared once: many pages ask it). */
const reviewDateQuery = preparedQuery((d) =>
  d
    .select({ date: planDecisions.reviewDate })
    .from(planDecisions)
    .where(and(eq(planDecisions.planId, sql.placeholder("planId")), eq(planDecisions.decision, "signed-off")))
    .orderBy(desc(planDecisions.decidedAt))
    .limit(1)
    .prepare(),
);

export async function reviewDateOf(planId: string): Promise<string | null> {
  return (await firstRow(reviewDateQuery().execute({ planId })))?.date ?? null;
}

/** `reviewDateOf` for each of a page of plans (a caseload page), in one statement: plan id to review date. */
export async function reviewDatesOf(planIds: readonly string[]): Promise<Map<string, string | null>> {
  const latest = new Map<string, { decidedAt: string; date: string | null }>();
  if (planIds.length === 0) return new Map();
  // Only the plans' own decisions (a few each) through the plan index; the kind is checked here, because
  // SQLite would otherwise read every sign-off of the scheme through the index on the kind of decision.
  for (const d of await db()
    .select({
      planId: planDecisions.planId,
      decision: planDecisions.decision,
      decidedAt: planDecisions.decidedAt,
      date: planDecisions.reviewDate,
    })
    .from(planDecisions)
    .where(inArray(planDecisions.planId, [...planIds]))) {
    if (d.decision !== "signed-off") continue;
    const seen = latest.get(d.planId);
    if (!seen || d.decidedAt > seen.decidedAt) latest.set(d.planId, d);
  }
  return new Map([...latest].map(([planId, d]) => [planId, d.date]));
}

/** The first review comes 3 months after sign-off; later ones yearly. */
export async function suggestedReviewDate(personId: string, now = new Date()): Promise<string> {
  // Has any cycle of theirs been reviewed? One question, answered by the first review found.
  const reviewed = await firstRow(
    db()
      .select({ id: planReviews.id })
      .from(planReviews)
      .innerJoin(plans, eq(plans.id, planReviews.planId))
      .where(eq(plans.personId, personId)),
  );
  return toIsoDate(defaultReviewDate(now, !reviewed));
}

async function budgetSnapshot(personId: string, plan: Plan, agreements: ItemAgreements): Promise<Snapshot["budget"]> {
  const { self, agreed } = await latestBudgets(personId);
  const chosen = judgedBudget({ self, agreed });
  const assessment = await currentAssessment(personId);
  const ratings = assessment
    ? [...(await agreedOf(assessment.id))].map(([needArea, r]) => ({ needArea, rating: r.rating, reason: r.reason }))
    : [];
  return {
    totalPence: chosen?.totalPence ?? 0,
    basis: chosen?.basis ?? null,
    selfTotalPence: self?.totalPence ?? null,
    agreedTotalPence: agreed?.totalPence ?? null,
    committedPence: committedPence(plan, agreements),
    agreedRatings: ratings,
  };
}

async function transition(who: Actor, row: PlanRow, action: PlanAction, payload: TransitionPayload) {
  return planTransition(row.state as PlanState, action, {
    actorId: who.actor.id,
    standing: who.standing,
    helperIds: await helperIdsFor(who.person.id, row.id),
    payload,
  });
}

/** What sending needs beyond consent and the plan check: someone to send it to, a budget, an outcome. */
async function sendingNeeds(who: Actor, plan: Plan) {
  return {
    leadLinked: Boolean(who.person.leadProfessionalId),
    budgetWorkedOut:
      (await latestBudgets(who.person.id)).self !== undefined ||
      (await latestBudgets(who.person.id)).agreed !== undefined,
    hasOutcome: plan.outcomes.length > 0,
  };
}

/** What the submit page shows before sending: would planTransition accept it, and if not, why. */
export async function submitRefusal(who: Actor): Promise<string | null> {
  const row = await currentPlan(who.person.id);
  const { plan } = await loadPlan(who.person.id);
  const result = planTransition((row?.state ?? "draft") as PlanState, "submit", {
    actorId: who.actor.id,
    standing: who.standing,
    helperIds: [],
    payload: { consent: true, check: { allowed: true, missing: [], notMet: [] }, ...(await sendingNeeds(who, plan)) },
  });
  return result.ok ? null : `plan:${result.reason}`;
}

/** The reason for sending as saved now (a draft beside the plan), and its version. */
export async function submitReasonOf(personId: string): Promise<{ reason: string; version: number }> {
  const { stages, versions } = await loadPlan(personId);
  return { reason: typeof stages.submitReason === "string" ? stages.submitReason : "", version: versions.submitReason };
}

/** A save of the reason for sending that met a newer one: both texts, for the comparison page. */
export type ReasonConflict = Extract<SaveResult, { conflict: unknown }>;

/**
 * Saves the reason for sending against the version the form was loaded at (inside the caller's
 * transaction when sending). Unchanged words are not saved again; words that differ from a reason
 * someone else saved meanwhile are kept in the history as a conflict and handed back.
 */
export async function saveSubmitReason(who: Actor, reason: string, expectedVersion: number): Promise<SaveResult> {
  const stored = await submitReasonOf(who.person.id);
  if (reason.trim() === stored.reason.trim()) return { ok: true, version: stored.version };
  return await saveSection(
    who.person.id,
    "submitReason",
    reason.trim(),
    expectedVersion,
    { userId: who.actor.id, capacity: who.standing === "none" ? "self" : who.standing },
    "edit",
  );
}

/**
 * The person (or someone acting for them) sends the plan. The plan is read, checked and frozen in one
 * transaction, so the version sent is exactly the one checked. The reason for sending is saved with
 * its version in the same transaction (a newer reason by someone else stops the sending and comes
 * back to compare), and the submission names that version. The snapshot is a string, never rewritten.
 */
export async function submitPlan(
  who: Actor,
  input: { consent: boolean; reason?: string; reasonVersion: number },
): Promise<StepResult | ReasonConflict> {
  await ensurePlan(who.person.id);
  const done = await transaction(async (): Promise<StepResult | ReasonConflict> => {
    const row = (await currentPlan(who.person.id))!;
    const { plan } = await loadPlan(who.person.id);
    const agreements = await agreementsOf(row.id);
    const budget = await budgetSnapshot(who.person.id, plan, agreements);
    const check = canSubmit(
      plan,
      { totalPence: budget.totalPence, agreements },
      input.reason ?? "",
      content().planCheck,
    );
    const result = await transition(who, row, "submit", {
      consent: input.consent,
      check,
      reason: input.reason,
      ...(await sendingNeeds(who, plan)),
    });
    if (!result.ok) {
      await audit({
        actorId: who.actor.id,
        personId: who.person.id,
        action: "plan-submit",
        target: row.id,
        result: "refused",
        detail: { reason: result.reason },
      });
      if (result.reason === "workflow.reasonNeeded") {
        const overBudget = check.missing.includes("submit.overBudgetReasonNeeded") && check.missing.length === 1;
        return refusedStep(
          overBudget ? "plan:submit.overBudgetReasonNeeded" : "plan:submit.reasonNeeded",
          overBudget ? "_form" : "reason",
        );
      }
      return refusedStep(`plan:${result.reason}`, result.reason === "workflow.consentNeeded" ? "consent" : "_form");
    }
    const reasonSaved = await saveSubmitReason(who, input.reason ?? "", input.reasonVersion);
    if (!reasonSaved.ok) {
      if ("conflict" in reasonSaved) return reasonSaved;
      return refusedStep(`plan:workflow.alreadySent`);
    }
    const version = ((await latestSubmission(row.id))?.version ?? 0) + 1;
    const at = result.audit.at;
    const snapshot: Snapshot = {
      cycle: row.cycle,
      version,
      plan,
      budget,
      notMet: check.notMet,
      reasonVersion: reasonSaved.version,
    };
    await db()
      .insert(planSubmissions)
      .values({
        id: randomUUID(),
        planId: row.id,
        personId: who.person.id,
        version,
        snapshot: JSON.stringify(snapshot),
        consent: true,
        reason: input.reason ?? null,
        submittedBy: who.actor.id,
        submittedAt: at,
      });
    await setPlanState(row.id, row.state, result.next);
    await audit({
      actorId: who.actor.id,
      personId: who.person.id,
      action: "plan-submit",
      target: row.id,
      result: "ok",
      detail: { ...result.audit, version, cycle: row.cycle, reasonVersion: reasonSaved.version },
    });
    return { ok: true as const, version };
  });
  if (done.ok) await tellLeadProfessional(who, "plan-waiting", "/plan/review");
  return done;
}

/**
 * Before a decision, the person (or someone acting for them) takes the plan back to change it.
 * The version sent stays in the record as it was; the lead professional is told it was withdrawn.
 */
export async function withdrawPlan(who: Actor): Promise<StepResult> {
  const row = await currentPlan(who.person.id);
  if (!row) return refusedStep("plan:workflow.notSubmitted");
  const result = await transition(who, row, "withdraw", {});
  const version = (await latestSubmission(row.id))?.version ?? 0;
  if (!result.ok || !(await setPlanState(row.id, row.state, result.next))) {
    await audit({
      actorId: who.actor.id,
      personId: who.person.id,
      action: "plan-withdraw",
      target: row.id,
      result: "refused",
      detail: { reason: result.ok ? "moved-meanwhile" : result.reason },
    });
    return refusedStep(result.ok ? "plan:workflow.notSubmitted" : `plan:${result.reason}`);
  }
  await audit({
    actorId: who.actor.id,
    personId: who.person.id,
    action: "plan-withdraw",
    target: row.id,
    result: "ok",
    detail: { ...result.audit, version, cycle: row.cycle },
  });
  await tellLeadProfessional(who, "plan-withdrawn", "/plan");
  return { ok: true, version };
}

/** The person (or someone acting for them) asks for an early review; the lead professional answers it by holding one. */
export async function askForReview(who: Actor, reason: string): Promise<StepResult> {
  const row = await currentPlan(who.person.id);
  if (!row) return refusedStep("plan:workflow.notSignedOff");
  const result = await transition(who, row, "ask-for-review", { reason });
  if (!result.ok) return refusedStep(`plan:${result.reason}`);
  await audit({
    actorId: who.actor.id,
    personId: who.person.id,
    action: "plan-ask-for-review",
    target: row.id,
    result: "ok",
    detail: { ...result.audit, cycle: row.cycle },
  });
  await tellLeadProfessional(who, "review-asked", "/plan/review-meeting");
  return { ok: true, version: (await latestSubmission(row.id))?.version ?? 0 };
}

/** Every change logged after sign-off in the current cycle, oldest first (waiting ones included). */
export async function changeLogOf(personId: string): Promise<ChangeEntry[]> {
  return readStage(changesSchema, (await loadPlan(personId)).stages.changes, []);
}

/**
 * The lead professional decides on a change that waited for them (planTransition "decide-change":
 * only them, never someone who helped with the plan, always with a reason). Agreed, the money moves
 * in the plan in force; not agreed, the plan stays as it is. Either way the log keeps the request and
 * the decision, in one transaction with the check that it is still waiting; the person is told.
 */
export async function decideChange(
  who: Actor,
  input: { changeId: string; decision: "agree" | "not-agree"; reason: string },
): Promise<StepResult> {
  const row = await currentPlan(who.person.id);
  if (!row) return refusedStep("plan:workflow.notSignedOff");
  const result = await transition(who, row, "decide-change", { changeDecision: input.decision, reason: input.reason });
  if (!result.ok) {
    await audit({
      actorId: who.actor.id,
      personId: who.person.id,
      action: "plan-decide-change",
      target: row.id,
      result: "refused",
      detail: { reason: result.reason, changeId: input.changeId },
    });
    return refusedStep(`plan:${result.reason}`, result.reason === "workflow.changeNeedsReason" ? "reason" : "_form");
  }
  const by = { userId: who.actor.id, capacity: "lead-professional" as const };
  const decision = {
    outcome: input.decision === "agree" ? ("agreed" as const) : ("not-agreed" as const),
    reason: input.reason.trim(),
    by: who.actor.id,
    at: result.audit.at,
  };
  const done = await transaction(async (): Promise<StepResult> => {
    const { plan, stages } = await loadPlan(who.person.id);
    const entry = readStage(changesSchema, stages.changes, []).find((c) => c.id === input.changeId);
    if (!entry || !isWaiting(entry)) return refusedStep("signoff:errors.changeNotWaiting");
    if (input.decision === "agree") {
      const moved = moveMoney(plan, entry.fromItemId, entry.toItemId, entry.amountPence);
      if (!moved.ok) return refusedStep(moved.error, "decision");
      const items = await saveSection(who.person.id, "items", moved.plan.items, "latest", by, "record-use");
      if (!items.ok) return refusedStep("plan:workflow.notSignedOff");
    }
    const log = await saveSection(
      who.person.id,
      "changes",
      (stored: unknown) =>
        readStage(changesSchema, stored, []).map((c) => (c.id === entry.id ? { ...c, decision } : c)),
      "latest",
      by,
      "record-use",
    );
    if (!log.ok) return refusedStep("plan:workflow.notSignedOff");
    await audit({
      actorId: who.actor.id,
      personId: who.person.id,
      action: "plan-decide-change",
      target: row.id,
      result: "ok",
      detail: { ...result.audit, changeId: entry.id, cycle: row.cycle },
    });
    return { ok: true, version: log.version };
  });
  if (done.ok)
    for (const userId of await peopleToTell(who.person.id, who.person.userId))
      await notifyWithEmail(userId, "change-decided", { by: who.actor.name }, `/people/${who.person.id}/plan/using`);
  return done;
}

/** Items the lead professional agrees one by one: co-designed support, and anything the person named themselves. */
export function itemsNeedingAgreement(plan: Plan) {
  return plan.items.filter((item) => item.kind === "co-designed" || item.kind === "something-else");
}

export interface DecisionInput {
  submissionId: string;
  decision: "sign-off" | "request-changes" | "refer-to-panel";
  criteria: Record<Criterion, { met: boolean; comment?: string }>;
  /**
   * By index into itemsNeedingAgreement(snapshot.plan): agree; agree with an adaptation (what changes); or
   * not agree (why, in the same words box): a not-agreed item is not funded. No agreement = not chosen.
   */
  items: { agreement?: ItemAgreement; adaptation?: string }[];
  reviewDate?: string;
  risk?: string;
  reason?: string;
  /** A positive-risk panel's decision: who sat. */
  panelSat?: string;
}

const DECISION_OF = {
  "sign-off": "signed-off",
  "request-changes": "changes-requested",
  "refer-to-panel": "referred-to-panel",
} as const;

/** The lead professional decides on the version sent. */
export async function decide(who: Actor, input: DecisionInput): Promise<StepResult> {
  const row = await currentPlan(who.person.id);
  if (!row) return refusedStep("plan:workflow.notSubmitted");
  const unmetCriteria = CRITERIA.filter((c) => !input.criteria[c].met);
  const reasons = Object.fromEntries(unmetCriteria.map((c) => [c, input.criteria[c].comment ?? ""]));
  const result = await transition(who, row, input.decision, {
    unmetCriteria,
    reasons,
    reviewDate: input.reviewDate,
    risk: input.risk,
    reason: input.reason,
  });
  if (!result.ok) {
    await audit({
      actorId: who.actor.id,
      personId: who.person.id,
      action: `plan-${input.decision}`,
      target: row.id,
      result: "refused",
      detail: { reason: result.reason },
    });
    const field = result.reason === "workflow.reviewDateNeeded" ? "reviewDate" : "_form";
    return refusedStep(`plan:${result.reason}`, field);
  }
  const submission = await latestSubmission(row.id);
  if (!submission || submission.id !== input.submissionId) return refusedStep("signoff:errors.staleVersion");
  const byPanel = row.state === "referred-to-panel";
  if (byPanel && !input.panelSat?.trim()) return refusedStep("signoff:errors.panelSatNeeded", "panelSat");
  const snapshot = parseSnapshot(submission);
  const needing = itemsNeedingAgreement(snapshot.plan);
  if (input.decision === "sign-off") {
    const missing = needing.findIndex((_, i) => !input.items[i]?.agreement);
    if (missing !== -1) return refusedStep("signoff:errors.chooseAgreement", itemField(missing, "agreement"));
  }
  const itemAgreements = Object.fromEntries(
    needing.flatMap((item, i) => {
      const a = input.items[i];
      return a?.agreement
        ? [
            [
              item.id,
              {
                what: item.what,
                agreement: a.agreement,
                adaptation: a.agreement === "adapt" ? a.adaptation : undefined,
                reason: a.agreement === "not-agree" ? a.adaptation : undefined,
                flaggedEntryIds: item.flaggedEntryIds,
              },
            ],
          ]
        : [];
    }),
  );
  await transaction(async () => {
    await db()
      .insert(planDecisions)
      .values({
        id: randomUUID(),
        planId: row.id,
        submissionId: submission.id,
        decision: DECISION_OF[input.decision],
        criteria: JSON.stringify(input.criteria),
        itemAgreements: JSON.stringify(itemAgreements),
        reason: input.reason ?? null,
        risk: input.decision === "refer-to-panel" ? (input.risk ?? null) : null,
        reviewDate: input.decision === "sign-off" ? (input.reviewDate ?? null) : null,
        confirmedBudgetPence: input.decision === "sign-off" ? snapshot.budget.totalPence : null,
        panelSat: byPanel ? input.panelSat!.trim() : null,
        decidedBy: who.actor.id,
        decidedAt: result.audit.at,
      });
    await setPlanState(row.id, row.state, result.next);
    await audit({
      actorId: who.actor.id,
      personId: who.person.id,
      action: `plan-${input.decision}`,
      target: row.id,
      result: "ok",
      detail: { ...result.audit, version: submission.version, cycle: row.cycle },
    });
  });
  for (const userId of await peopleToTell(who.person.id, who.person.userId)) {
    await notifyWithEmail(userId, "plan-decision", { by: who.actor.name }, `/people/${who.person.id}/plan/decision`);
  }
  // The lead professional who referred the plan hears the panel's outcome.
  if (byPanel) await tellLeadProfessional(who, "panel-decided", "/plan/decision");
  return { ok: true, version: submission.version };
}

/** "Ask us to think again": the same version goes back to the queue, marked as a reconsideration, with the person's reasons. */
export async function askToThinkAgain(who: Actor, reasons: string): Promise<StepResult> {
  const row = await currentPlan(who.person.id);
  if (!row) return refusedStep("plan:workflow.noChangesAsked");
  const result = await transition(who, row, "ask-to-think-again", { reason: reasons });
  const previous = await latestSubmission(row.id);
  if (!result.ok || !previous) {
    await audit({
      actorId: who.actor.id,
      personId: who.person.id,
      action: "plan-ask-to-think-again",
      target: row.id,
      result: "refused",
      detail: { reason: result.ok ? "no-submission" : result.reason },
    });
    return refusedStep(
      result.ok ? "plan:workflow.noChangesAsked" : `plan:${result.reason}`,
      result.ok ? "_form" : result.reason === "workflow.thinkAgainNeedsReasons" ? "reasons" : "_form",
    );
  }
  const version = previous.version + 1;
  await transaction(async () => {
    await db().insert(planDecisions).values({
      id: randomUUID(),
      planId: row.id,
      submissionId: previous.id,
      decision: "think-again",
      reason: reasons,
      decidedBy: who.actor.id,
      decidedAt: result.audit.at,
    });
    await db().insert(planSubmissions).values({
      id: randomUUID(),
      planId: row.id,
      personId: who.person.id,
      version,
      snapshot: previous.snapshot, // the version the decision was about, exactly as it was sent
      consent: true,
      reason: previous.reason,
      submittedBy: who.actor.id,
      submittedAt: result.audit.at,
      reconsideration: true,
      reconsiderationReasons: reasons,
    });
    await setPlanState(row.id, row.state, result.next);
    await audit({
      actorId: who.actor.id,
      personId: who.person.id,
      action: "plan-ask-to-think-again",
      target: row.id,
      result: "ok",
      detail: { ...result.audit, version, cycle: row.cycle },
    });
  });
  await tellLeadProfessional(who, "plan-reconsider", "/plan/review");
  return { ok: true, version };
}

export interface ReviewInput {
  whatIsWorking: string;
  whatIsNot: string;
  changesAgreed: string;
  nextReviewDate: string;
}

/** Stage 7: the review is recorded, the cycle closes, and the next one opens with the plan carried forward. */
export async function holdReview(who: Actor, input: ReviewInput): Promise<StepResult & { cycle?: number }> {
  const row = await currentPlan(who.person.id);
  if (!row) return refusedStep("plan:workflow.notSignedOff");
  const start = await transition(who, row, "start-review", {});
  if (!start.ok) return refusedStep(`plan:${start.reason}`);
  const finish = await transition(who, { ...row, state: start.next }, "complete-review", {
    nextReviewDate: input.nextReviewDate,
    note: input.changesAgreed,
  });
  if (!finish.ok)
    return refusedStep(
      `plan:${finish.reason}`,
      finish.reason === "workflow.nextReviewDateNeeded" ? "nextReviewDate" : "_form",
    );
  const version = (await latestSubmission(row.id))?.version ?? 0;
  const next = await transaction(async () => {
    await db()
      .insert(planReviews)
      .values({ id: randomUUID(), planId: row.id, ...input, heldBy: who.actor.id, heldAt: finish.audit.at });
    await setPlanState(row.id, row.state, start.next);
    await audit({
      actorId: who.actor.id,
      personId: who.person.id,
      action: "plan-start-review",
      target: row.id,
      result: "ok",
      detail: { ...start.audit, version, cycle: row.cycle },
    });
    await setPlanState(row.id, start.next, finish.next);
    await audit({
      actorId: who.actor.id,
      personId: who.person.id,
      action: "plan-complete-review",
      target: row.id,
      result: "ok",
      detail: { ...finish.audit, version, cycle: row.cycle },
    });
    // The next cycle: the plan carried forward as a new draft, a new assessment (last cycle's
    // answers as a starting point) and a new budget calculation. Earlier cycles stay as they were.
    const opened = await openNextCycle(who.person.id, who.actor.id);
    await startAssessmentForCycle(who.person.id, opened.cycle, who.actor.id);
    return opened;
  });
  for (const userId of await peopleToTell(who.person.id, who.person.userId))
    await notifyWithEmail(userId, "review-held", { by: who.actor.name }, `/people/${who.person.id}/plan`);
  return { ok: true, version, cycle: next.cycle };
}

export async function reviewsOf(personId: string) {
  const perCycle = [];
  for (const p of await allPlans(personId))
    perCycle.push(
      (await db().select().from(planReviews).where(eq(planReviews.planId, p.id)).orderBy(asc(planReviews.heldAt))).map(
        (r) => ({ ...r, cycle: p.cycle }),
      ),
    );
  return perCycle.flat();
}

/** Every decision on every cycle's plan, newest first, with the version it was about. */
export async function decisionHistory(personId: string) {
  const perCycle = [];
  for (const p of await allPlans(personId)) {
    const versions = new Map((await submissionsOf(p.id)).map((s) => [s.id, s]));
    perCycle.push(
      (await decisionsOf(p.id)).map((d) => ({
        ...d,
        cycle: p.cycle,
        version: versions.get(d.submissionId)?.version ?? 0,
      })),
    );
  }
  return perCycle.flat().sort((a, b) => (a.decidedAt < b.decidedAt ? 1 : -1));
}

const DAY = 24 * 60 * 60 * 1000;
/** Reviews within this many days are "coming due": the lead professional and the person hear of it once. */
export const REVIEW_DUE_DAYS = 28;
/**
 * A review date more than this many days past no longer brings a notice: the portal sends each one as it
 * comes due, so only a portal stopped for weeks would miss one (the caseload still shows every overdue
 * review). It keeps each run's work to the reviews of about two months, whatever the number of people.
 */
const REVIEW_LOOKBACK_DAYS = REVIEW_DUE_DAYS;
const REVIEW_NOTICE_BATCH = 25; // about 35 ms of work at 100,000 people

/**
 * Review-due notices, from the scheduler (never from a page load): for every signed-off plan whose
 * review is within REVIEW_DUE_DAYS, the lead professional and the person are told once. The notice
 * key names the plan and its review date, so it is made once whatever the number of servers or runs;
 * a new review date (after the next sign-off) is a new notice.
 */
export async function sendReviewDueNotices(now = new Date()): Promise<number> {
  const soon = toIsoDate(new Date(now.getTime() + REVIEW_DUE_DAYS * DAY));
  const since = toIsoDate(new Date(now.getTime() - REVIEW_LOOKBACK_DAYS * DAY));
  // One set-based query (a query per person took 25 s at 100,000 people, at every start and every
  // hour): the latest sign-off of each person's current plan, with its review date in the window, whose
  // two notices are not both made yet. Indexed by plan_decisions(decision, review_date) and
  // notifications' unique notice_key.
  const due = await rows<{
    personId: string;
    userId: string;
    leadId: string;
    name: string;
    planId: string;
    reviewDate: string;
  }>(sql`select pe.id as "personId", pe.user_id as "userId", pe.lead_professional_id as "leadId", u.name as name,
              pl.id as "planId", d.review_date as "reviewDate"
         from plan_decisions d
         join plans pl on pl.id = d.plan_id
         join persons pe on pe.id = pl.person_id
         join users u on u.id = pe.user_id
        where d.decision = 'signed-off' and d.review_date between ${since} and ${soon}
          and pl.state in ('signed-off', 'in-review')
          and pe.lead_professional_id is not null
          and d.decided_at = (select max(d2.decided_at) from plan_decisions d2
                               where d2.plan_id = d.plan_id and d2.decision = 'signed-off')
          and pl.cycle = (select max(p2.cycle) from plans p2 where p2.person_id = pl.person_id)
          and (not exists (select 1 from notifications n
                            where n.notice_key = 'review-due:' || pl.id || ':' || d.review_date || ':lead')
               or not exists (select 1 from notifications n
                               where n.notice_key = 'review-due:' || pl.id || ':' || d.review_date || ':person'))`);
  let made = 0;
  // A batch of plans a transaction (one disk sync, not one a notice and email: thousands of notices are due
  // on a first start at 100,000 people), and requests are served between batches.
  for (let start = 0; start < due.length; start += REVIEW_NOTICE_BATCH) {
    made += await transaction(async () => {
      let inBatch = 0;
      for (const p of due.slice(start, start + REVIEW_NOTICE_BATCH)) {
        const key = `review-due:${p.planId}:${p.reviewDate}`;
        const lead = await notifyOnce(
          `${key}:lead`,
          p.leadId,
          "review-due",
          { name: p.name, date: p.reviewDate },
          `/people/${p.personId}/plan/review-meeting`,
        );
        const person = await notifyOnce(
          `${key}:person`,
          p.userId,
          "review-due",
          { date: p.reviewDate },
          `/people/${p.personId}/plan/decision`,
        );
        inBatch += Number(lead) + Number(person);
      }
      return inBatch;
    });
    await new Promise((resolve) => setImmediate(resolve));
  }
  return made;
}

interface QueueRow {
  personId: string;
  userId: string;
  name: string;
  state: string;
  planCreatedAt: string;
  submittedAt: string | null;
  version: number | null;
  reconsideration: number | null;
  lastDecidedAt: string | null;
  reviewDate: string | null;
}

/**
 * The positive-risk panel's list: the plans of one team's people that are referred to it now, the
 * longest waiting first (since the referral). One statement; only reads.
 */
export async function panelQueueFor(teamId: string) {
  return await rows<{ personId: string; name: string; since: string; leadName: string | null }>(sql`
    select p.id as "personId", u.name as name, lead.name as "leadName",
      (select d.decided_at from plan_decisions d where d.plan_id = pl.id and d.decision = 'referred-to-panel'
        order by d.decided_at desc limit 1) as since
    from persons p
    join users u on u.id = p.user_id
    left join users lead on lead.id = p.lead_professional_id
    join plans pl on pl.person_id = p.id
      and pl.cycle = (select max(c.cycle) from plans c where c.person_id = p.id)
    where p.team_id = ${teamId} and pl.state = 'referred-to-panel'
    order by since asc`);
}

/** Each of the lead professional's people whose plan is waiting, with the panel, or signed off: one statement. */
async function queueRows(leadId: string): Promise<QueueRow[]> {
  return await rows<QueueRow>(sql`
    select p.id as "personId", p.user_id as "userId", u.name as name, pl.state as state, pl.created_at as "planCreatedAt",
      s.submitted_at as "submittedAt", s.version as version, s.reconsideration as reconsideration,
      (select d.decided_at from plan_decisions d where d.plan_id = pl.id
        order by d.decided_at desc limit 1) as "lastDecidedAt",
      (select d.review_date from plan_decisions d where d.plan_id = pl.id and d.decision = 'signed-off'
        order by d.decided_at desc limit 1) as "reviewDate"
    from persons p
    join users u on u.id = p.user_id
    join plans pl on pl.person_id = p.id
      and pl.cycle = (select max(c.cycle) from plans c where c.person_id = p.id)
    left join plan_submissions s on s.plan_id = pl.id
      and s.version = (select max(v.version) from plan_submissions v where v.plan_id = pl.id)
    where p.lead_professional_id = ${leadId}
      and pl.state in ('submitted', 'referred-to-panel', 'signed-off', 'in-review')`);
}

/** The caseload's rows sorted into the queue's lists, each in its order; nothing here depends on the day. */
function queueListsOf(found: QueueRow[]) {
  const waiting: { personId: string; name: string; submittedAt: string; version: number; reconsideration: boolean }[] =
    [];
  const panel: { personId: string; name: string; since: string }[] = [];
  const reviews: { personId: string; name: string; reviewDate: string }[] = [];
  for (const p of found) {
    if (p.state === "submitted") {
      if (p.submittedAt !== null)
        waiting.push({
          personId: p.personId,
          name: p.name,
          submittedAt: p.submittedAt,
          version: p.version ?? 0,
          reconsideration: Boolean(p.reconsideration),
        });
    } else if (p.state === "referred-to-panel") {
      panel.push({ personId: p.personId, name: p.name, since: p.lastDecidedAt ?? p.planCreatedAt });
    } else if (p.reviewDate) {
      reviews.push({ personId: p.personId, name: p.name, reviewDate: p.reviewDate });
    }
  }
  waiting.sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : 1));
  panel.sort((a, b) => (a.since < b.since ? -1 : 1));
  reviews.sort((a, b) => (a.reviewDate < b.reviewDate ? -1 : 1));
  return { waiting, panel, reviews };
}

/**
 * One page of one list of the lead professional's queue, with each list's count: only their own people
 * (persons.leadProfessionalId = them). One statement for the whole caseload, each person's current plan with
 * its newest submission, newest decision and review date (index searches, never a query per person). Only reads.
 * How long each has waited, and whether a review is due, are worked out for the page's rows alone.
 */
export async function queuePage(leadId: string, list: QueueList, asked: string | null, now = new Date()) {
  // Sorted and kept while the caseload's records are unchanged (models/caseload.server.ts): the statement reads
  // the whole caseload for each list's order, and a lead professional opens the queue far more often than it changes.
  const lists = await keptCaseloadList(leadId, "queue", async () => queueListsOf(await queueRows(leadId)));
  const counts = { waiting: lists.waiting.length, panel: lists.panel.length, reviews: lists.reviews.length };
  if (list === "panel") return { counts, list: "panel" as const, ...slicePage(lists.panel, asked) };
  if (list === "reviews") {
    const soon = toIsoDate(new Date(now.getTime() + REVIEW_DUE_DAYS * DAY));
    const { items, page } = slicePage(lists.reviews, asked);
    return { counts, list: "reviews" as const, page, items: items.map((r) => ({ ...r, due: r.reviewDate <= soon })) };
  }
  const { items, page } = slicePage(lists.waiting, asked);
  const days = (sent: string) => Math.max(0, Math.floor((now.getTime() - Date.parse(sent)) / DAY));
  return { counts, list: "waiting" as const, page, items: items.map((w) => ({ ...w, days: days(w.submittedAt) })) };
}
