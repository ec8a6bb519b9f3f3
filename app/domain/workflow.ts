import type { Criterion, SubmitCheck } from "./plan-criteria";
import { isCalendarDate, toIsoDate } from "./dates";
import type { Standing } from "./access";

/**
 * The plan's journey through stage 4 (negotiating and agreeing) to review (stage 7), as a pure state
 * machine. The lead professional assesses, signs off and reviews; a positive risk panel is used
 * sparingly; the person's consent is required to send the plan (docs/domain-guide.md, "Sign-off and review").
 * Every accepted step returns an audit record: who, when, as what, and why.
 */

export const PLAN_STATES = [
  "draft",
  "submitted",
  "changes-requested",
  "referred-to-panel",
  "signed-off",
  "in-review",
  "closed", // a finished cycle: the next one starts at stage 1, this one stays readable
] as const;
export type PlanState = (typeof PLAN_STATES)[number];

/**
 * The lead professional's queue's lists, in the order offered, the first shown when none is asked for:
 * plans waiting for a decision, plans with the positive risk panel, signed-off plans by review date.
 */
export const QUEUE_LISTS = ["waiting", "panel", "reviews"] as const;
export type QueueList = (typeof QUEUE_LISTS)[number];

export const PLAN_ACTIONS = [
  "submit",
  "withdraw",
  "request-changes",
  "sign-off",
  "refer-to-panel",
  "ask-to-think-again",
  "ask-for-review",
  "start-review",
  "complete-review",
  "edit",
  "record-use",
  "change-after-sign-off",
  "decide-change",
] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

/** Anyone who may take part in a step: every standing but "none" (an unlinked person can do nothing). */
export type Who = Exclude<Standing, "none">;

export type Transition = { from: PlanState; action: PlanAction; to: PlanState; who: readonly Who[] };

const SENDERS = ["self", "acting-for"] as const;
const WRITERS = ["self", "acting-for", "supporting", "peer-broker"] as const;
const LEAD = ["lead-professional"] as const;
// A referred plan is decided by the positive-risk panel (a panel member of the person's team), not by the
// lead professional who referred it: that is what the referral is for.
const PANEL = ["team-member"] as const;

export const TRANSITIONS: readonly Transition[] = [
  // Writing the plan: only while it is a draft, or after changes were asked for.
  { from: "draft", action: "edit", to: "draft", who: WRITERS },
  { from: "changes-requested", action: "edit", to: "draft", who: WRITERS },
  // Stages 5 to 7 (organising, using, reflecting) are recorded while the cycle is open and nobody is deciding.
  { from: "draft", action: "record-use", to: "draft", who: WRITERS },
  { from: "changes-requested", action: "record-use", to: "changes-requested", who: WRITERS },
  { from: "signed-off", action: "record-use", to: "signed-off", who: WRITERS },
  { from: "in-review", action: "record-use", to: "in-review", who: WRITERS },
  { from: "draft", action: "submit", to: "submitted", who: SENDERS },
  { from: "changes-requested", action: "submit", to: "submitted", who: SENDERS },
  // Before a decision the person may take the plan back to change it; the lead professional is told.
  { from: "submitted", action: "withdraw", to: "draft", who: SENDERS },
  { from: "changes-requested", action: "ask-to-think-again", to: "submitted", who: SENDERS },
  // After sign-off: a change of support, compared with the signed-off plan (applied at once when small).
  { from: "signed-off", action: "change-after-sign-off", to: "signed-off", who: WRITERS },
  // A change beyond the allowed share waits for the lead professional, who agrees it or not, with reasons;
  // the signed-off plan stays in force until then.
  { from: "signed-off", action: "decide-change", to: "signed-off", who: LEAD },
  // The person (or someone acting for them) may ask for an early review; the lead professional answers it.
  { from: "signed-off", action: "ask-for-review", to: "signed-off", who: SENDERS },
  { from: "submitted", action: "request-changes", to: "changes-requested", who: LEAD },
  { from: "referred-to-panel", action: "request-changes", to: "changes-requested", who: PANEL },
  { from: "submitted", action: "sign-off", to: "signed-off", who: LEAD },
  { from: "referred-to-panel", action: "sign-off", to: "signed-off", who: PANEL },
  { from: "submitted", action: "refer-to-panel", to: "referred-to-panel", who: LEAD },
  { from: "signed-off", action: "start-review", to: "in-review", who: ["lead-professional", "self"] },
  { from: "in-review", action: "complete-review", to: "closed", who: LEAD },
];

/** Whether the plan's own parts can be changed in this state (by someone who may write). */
export function isEditable(state: PlanState): boolean {
  return TRANSITIONS.some((row) => row.action === "edit" && row.from === state);
}

/** Whether stages 5 to 7 can be recorded in this state: the cycle is open and nobody is deciding on the plan. */
export function isOpenCycle(state: PlanState): boolean {
  return TRANSITIONS.some((row) => row.action === "record-use" && row.from === state);
}

/** Whether the person (or someone acting for them) may take the plan back in this state. */
export function canWithdraw(state: PlanState): boolean {
  return TRANSITIONS.some((row) => row.action === "withdraw" && row.from === state);
}

/** Judging the plan: nobody does this for a plan they helped to write. */
const DECISIONS: readonly PlanAction[] = ["sign-off", "request-changes", "refer-to-panel", "decide-change"];

/**
 * Who may sign off (and ask for changes, refer, decide a change): whoever some decision row of TRANSITIONS
 * names. The record permission "sign-off" (access.ts) is read from here, so this file alone answers it.
 */
export function mayDecideOnPlans(standing: Standing): boolean {
  return TRANSITIONS.some(
    (row) => DECISIONS.includes(row.action) && (row.who as readonly Standing[]).includes(standing),
  );
}

export type TransitionPayload = {
  /** submit: the person's consent to send the plan. */
  consent?: boolean;
  /** submit: canSubmit(plan, budget, reason) for the version being sent. */
  check?: SubmitCheck;
  /** submit: the person has a lead professional to send the plan to. */
  leadLinked?: boolean;
  /** submit: a budget has been worked out for this cycle. */
  budgetWorkedOut?: boolean;
  /** submit: the plan names at least one outcome. */
  hasOutcome?: boolean;
  /** submit (when the check is not met), refer-to-panel, ask-to-think-again, withdraw, ask-for-review: in the actor's words. */
  reason?: string;
  /** request-changes: the criteria the lead professional finds not yet met, each with a reason. */
  unmetCriteria?: Criterion[];
  reasons?: Partial<Record<Criterion, string>>;
  /** sign-off: YYYY-MM-DD, after today. defaultReviewDate() gives the usual one. */
  reviewDate?: string;
  /** refer-to-panel: the risk the panel is asked to look at. */
  risk?: string;
  /** complete-review: YYYY-MM-DD, after today. */
  nextReviewDate?: string;
  /** decide-change: the lead professional's answer to a change waiting for them (with a reason). */
  changeDecision?: "agree" | "not-agree";
  note?: string;
};

export type TransitionInput = {
  actorId: string;
  standing: Standing;
  /** Everyone who has helped with this plan (representatives, peer brokers, anyone invited). */
  helperIds: readonly string[];
  payload?: TransitionPayload;
  at?: Date;
};

export type PlanAudit = {
  action: PlanAction;
  from: PlanState;
  to: PlanState;
  actorId: string;
  /** "acting-for" reads "by X on behalf of the person". */
  actingAs: Who;
  at: string;
  reason?: string;
  reasons?: Partial<Record<Criterion, string>>;
  /** submit: the criteria not yet met when the person sent the plan. */
  notMet?: Criterion[];
  risk?: string;
  reviewDate?: string;
  note?: string;
  /** ask-to-think-again: the person asks the lead professional to reconsider, not a new plan. */
  reconsideration?: true;
  /** complete-review: the next cycle begins at stage 1. */
  opensNextCycle?: true;
  /** decide-change: agreed or not. */
  changeDecision?: "agree" | "not-agree";
};

export type TransitionResult = { ok: true; next: PlanState; audit: PlanAudit } | { ok: false; reason: string };

export function planTransition(state: PlanState, action: PlanAction, input: TransitionInput): TransitionResult {
  const refuse = (reason: string): TransitionResult => ({ ok: false, reason: `workflow.${reason}` });
  const who = input.standing;
  if (who === "none") return refuse("notLinked");
  if (!PLAN_ACTIONS.includes(action)) return refuse("notNow");

  const rows = TRANSITIONS.filter((row) => row.action === action);
  if (!rows.some((row) => row.who.includes(who))) return refuse(roleRefusal(action, who));
  if (DECISIONS.includes(action) && input.helperIds.includes(input.actorId)) return refuse("helperCannotDecide");

  const row = rows.find((candidate) => candidate.from === state);
  if (!row) return refuse(stateRefusal(action, state));
  if (!row.who.includes(who)) return refuse("panelOnlyWhenReferred");

  const at = input.at ?? new Date();
  const payload = input.payload ?? {};
  const missing = payloadRefusal(action, payload, toIsoDate(at));
  if (missing) return refuse(missing);

  const audit: PlanAudit = {
    action,
    from: state,
    to: row.to,
    actorId: input.actorId,
    actingAs: who,
    at: at.toISOString(),
  };
  const text = (value: string | undefined) => value?.trim() || undefined;
  const reason = text(payload.reason);
  const note = text(payload.note);
  if (reason) audit.reason = reason;
  if (note) audit.note = note;
  if (action === "submit" && payload.check?.notMet.length) audit.notMet = payload.check.notMet;
  if (action === "request-changes") audit.reasons = payload.reasons;
  if (action === "refer-to-panel") audit.risk = text(payload.risk);
  if (action === "sign-off") audit.reviewDate = payload.reviewDate;
  if (action === "complete-review") {
    audit.reviewDate = payload.nextReviewDate;
    audit.opensNextCycle = true;
  }
  if (action === "ask-to-think-again") audit.reconsideration = true;
  if (action === "decide-change") audit.changeDecision = payload.changeDecision;
  return { ok: true, next: row.to, audit };
}

function roleRefusal(action: PlanAction, who: Who): string {
  if (action === "submit" || action === "ask-to-think-again" || action === "withdraw" || action === "ask-for-review") {
    if (who === "peer-broker") return "peerBrokerCannotSubmit";
    if (who === "supporting") return "supportingCannotSubmit";
    return "onlyPersonCanSend";
  }
  if (action === "edit" || action === "record-use" || action === "change-after-sign-off")
    return "professionalCannotEdit";
  if (action === "start-review") return "notYourRole";
  return "onlyLeadProfessional";
}

function stateRefusal(action: PlanAction, state: PlanState): string {
  if (state === "closed") return "cycleClosed";
  const signedOff = state === "signed-off" || state === "in-review";
  const sent = state === "submitted" || state === "referred-to-panel";
  switch (action) {
    case "sign-off":
    case "request-changes":
    case "refer-to-panel":
      if (signedOff) return "alreadySignedOff";
      return state === "referred-to-panel" ? "alreadyWithPanel" : "notSubmitted";
    case "submit":
    case "edit":
      if (sent) return "alreadySent";
      return "signedOffChangesElsewhere";
    case "ask-to-think-again":
      return "noChangesAsked";
    case "withdraw":
      return signedOff ? "alreadySignedOff" : state === "referred-to-panel" ? "alreadyWithPanel" : "notSubmitted";
    case "record-use":
      return sent ? "alreadySent" : "notNow";
    case "change-after-sign-off":
    case "ask-for-review":
    case "decide-change":
      return "notSignedOff";
    case "start-review":
      return state === "in-review" ? "alreadyInReview" : "notSignedOff";
    case "complete-review":
      return "notInReview";
  }
}

function payloadRefusal(action: PlanAction, payload: TransitionPayload, today: string): string | null {
  const filled = (value: string | undefined) => Boolean(value?.trim());
  switch (action) {
    case "submit":
      if (payload.leadLinked !== true) return "noLeadProfessional";
      if (payload.budgetWorkedOut !== true) return "noBudgetYet";
      if (payload.hasOutcome !== true) return "noOutcomeYet";
      if (payload.consent !== true) return "consentNeeded";
      if (!payload.check?.allowed) return "reasonNeeded";
      return null;
    case "request-changes": {
      const unmet = payload.unmetCriteria ?? [];
      const given = Object.values(payload.reasons ?? {}).filter(filled);
      if (given.length === 0 || unmet.some((criterion) => !filled(payload.reasons?.[criterion]))) {
        return "reasonForEachCriterion";
      }
      return null;
    }
    case "sign-off":
      return futureDate(payload.reviewDate, today) ? null : "reviewDateNeeded";
    case "refer-to-panel":
      return filled(payload.risk) && filled(payload.reason) ? null : "panelNeedsRiskAndReason";
    case "ask-to-think-again":
      return filled(payload.reason) ? null : "thinkAgainNeedsReasons";
    case "complete-review":
      return futureDate(payload.nextReviewDate, today) ? null : "nextReviewDateNeeded";
    case "decide-change":
      if (payload.changeDecision !== "agree" && payload.changeDecision !== "not-agree") return "changeDecisionNeeded";
      return filled(payload.reason) ? null : "changeNeedsReason";
    case "start-review":
    case "edit":
    case "record-use":
    case "change-after-sign-off":
    case "withdraw":
    case "ask-for-review":
      return null;
  }
}

// ---- review dates ----

/** A real calendar date written YYYY-MM-DD, later than `today` (also YYYY-MM-DD). */
function futureDate(value: string | undefined, today: string): boolean {
  return isCalendarDate(value) && value > today;
}

/**
 * The usual review date: 3 months after sign-off for the first review, then yearly.
 * Calendar months in UTC; a day that does not exist (31 May + 3 months) becomes the month's last day.
 */
export function defaultReviewDate(signedOffOn: Date, isFirstReview: boolean): Date {
  const months = isFirstReview ? 3 : 12;
  const year = signedOffOn.getUTCFullYear();
  const month = signedOffOn.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(signedOffOn.getUTCDate(), lastDay)));
}
