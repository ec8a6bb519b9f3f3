import { z } from "zod";
import { CRITERIA, type Criterion } from "~/domain/plan-criteria";
import {
  blankToUndefined,
  calendarDate,
  checkbox,
  optionalCalendarDate,
  optionalText,
  requiredText,
  wholeNumber,
} from "~/lib/forms";

/**
 * The sign-off forms: one strict schema each (an unknown field is refused, never applied). What only
 * the server can judge (is the plan check met, is a date after today, which items need agreement)
 * is checked again in the model through planTransition.
 */

const isoDate = optionalCalendarDate;

/**
 * The person (or someone acting for them) sends the plan, or saves the reason for sending without
 * sending ("save", also what the comparison page's "keep mine" posts). The reason is a whole text
 * like any other: the form carries the version it was loaded at, so a reason someone else saved
 * meanwhile is never overwritten blind.
 */
export const submitPlanSchema = z
  .strictObject({
    intent: z.enum(["send", "save"]).default("send"),
    version: wholeNumber(0, 1_000_000_000, "journey-ui:errors.reload"),
    consent: checkbox,
    reason: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.intent === "send" && !v.consent)
      ctx.addIssue({ code: "custom", path: ["consent"], message: "signoff:errors.consent" });
  });

/** The most items one review form can carry an agreement for (the plan allows 50 outcomes, items are fewer in practice). */
export const MAX_AGREEMENT_ITEMS = 60;

export const DECISIONS = ["sign-off", "request-changes", "refer-to-panel"] as const;
export type DecisionChoice = (typeof DECISIONS)[number];

export const metField = (c: Criterion) => `met-${c}` as const;
export const commentField = (c: Criterion) => `comment-${c}` as const;
export const agreeField = (i: number) => `agree-${i}` as const;
export const adaptField = (i: number) => `adapt-${i}` as const;

const shape: Record<string, z.ZodType> = {
  submissionId: z.string().min(1).max(64),
  decision: z.enum(DECISIONS, { error: "signoff:errors.chooseDecision" }),
  reviewDate: isoDate("signoff:errors.reviewDate"),
  risk: optionalText(2000),
  reason: optionalText(2000),
};
for (const c of CRITERIA) {
  shape[metField(c)] = z.enum(["met", "not-yet"], { error: "signoff:errors.chooseMet" });
  shape[commentField(c)] = optionalText(2000);
}
for (let i = 0; i < MAX_AGREEMENT_ITEMS; i++) {
  shape[agreeField(i)] = z.preprocess(
    blankToUndefined,
    z.enum(["agree", "adapt", "not-agree"], { error: "signoff:errors.chooseAgreement" }).optional(),
  );
  shape[adaptField(i)] = optionalText(1000);
}

export type DecisionForm = {
  submissionId: string;
  decision: DecisionChoice;
  reviewDate?: string;
  risk?: string;
  reason?: string;
} & Record<string, string | undefined>;

/** The lead professional's decision on one submitted version. */
export const decisionSchema = z.strictObject(shape).superRefine((raw, ctx) => {
  const v = raw as DecisionForm;
  const add = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (v.decision === "request-changes") {
    const notYet = CRITERIA.filter((c) => v[metField(c)] === "not-yet");
    if (notYet.length === 0) add("decision", "signoff:errors.changesNeedNotYet");
    for (const c of notYet) if (!v[commentField(c)]) add(commentField(c), "signoff:errors.reasonForCriterion");
  }
  if (v.decision === "sign-off" && !v.reviewDate) add("reviewDate", "signoff:errors.reviewDate");
  // An adaptation says what changes; "not agreed" says why, so the person reads a reason.
  for (let i = 0; i < MAX_AGREEMENT_ITEMS; i++) {
    const choice = v[agreeField(i)];
    if ((choice === "adapt" || choice === "not-agree") && !v[adaptField(i)])
      add(
        adaptField(i),
        choice === "adapt" ? "signoff:errors.adaptationNeeded" : "signoff:errors.notAgreedReasonNeeded",
      );
  }
  if (v.decision === "refer-to-panel") {
    if (!v.risk) add("risk", "signoff:errors.riskNeeded");
    if (!v.reason) add("reason", "signoff:errors.panelReasonNeeded");
  }
  for (let i = 0; i < MAX_AGREEMENT_ITEMS; i++) {
    if (v[agreeField(i)] === "adapt" && !v[adaptField(i)]) add(adaptField(i), "signoff:errors.adaptationNeeded");
  }
}) as unknown as z.ZodType<DecisionForm, Record<string, unknown>>;

/** "Ask us to think again", in the person's own words. */
export const thinkAgainSchema = z.strictObject({
  reasons: requiredText(2000, "signoff:errors.thinkAgainReasons"),
});

/**
 * The person (or someone acting for them) asks for an early review. Only the lead professional's
 * review meeting opens the next cycle; nobody else closes or opens one.
 */
export const askForReviewSchema = z.strictObject({
  intent: z.literal("ask-for-review"),
  reason: optionalText(2000),
});

/** Before a decision, the person (or someone acting for them) takes the plan back to change it. */
export const withdrawSchema = z.strictObject({ intent: z.literal("withdraw") });

/** The lead professional's answer to a change after sign-off that waits for them: agreed or not, with reasons. */
export const changeDecisionSchema = z.strictObject({
  changeId: z.string().min(1).max(64),
  decision: z.enum(["agree", "not-agree"], { error: "signoff:errors.chooseChangeDecision" }),
  reason: requiredText(2000, "signoff:errors.changeReason"),
});

/** Stage 7: the review the lead professional holds with the person. */
export const reviewMeetingSchema = z.strictObject({
  whatIsWorking: requiredText(4000, "signoff:errors.whatIsWorking"),
  whatIsNot: requiredText(4000, "signoff:errors.whatIsNot"),
  changesAgreed: requiredText(4000, "signoff:errors.changesAgreed"),
  nextReviewDate: calendarDate("signoff:errors.nextReviewDate"),
});

/** Notifications: mark everything read. */
export const markReadSchema = z.strictObject({ intent: z.literal("read-all") });
