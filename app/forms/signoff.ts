import { z } from "zod";
import { CRITERIA, ITEM_AGREEMENTS } from "~/domain/plan-criteria";
import {
  blankToUndefined,
  calendarDate,
  checkbox,
  optionalCalendarDate,
  optionalText,
  requiredText,
  wholeNumber,
  withDateInputs,
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

/** A row or group left out (a gap in a list) reads as nothing chosen, so each error stands by its own field. */
const orEmpty = (v: unknown) => v ?? {};

const criterionRow = z.strictObject({
  met: z.enum(["met", "not-yet"], { error: "signoff:errors.chooseMet" }).transform((v) => v === "met"),
  comment: optionalText(2000),
});

const itemRow = z.strictObject({
  // An unchosen radio group is absent from the form data, and null in react-hook-form's values.
  agreement: z.preprocess(
    (v) => (v === null ? undefined : blankToUndefined(v)),
    z.enum(ITEM_AGREEMENTS, { error: "signoff:errors.chooseAgreement" }).optional(),
  ),
  adaptation: optionalText(1000),
});

/** The lead professional's (or the positive-risk panel's) decision on one submitted version. */
export const decisionSchema = withDateInputs(
  ["reviewDate"],
  z
    .strictObject({
      submissionId: z.string().min(1).max(64),
      // Every criterion, and no other key: a record keyed by the criteria's list is exhaustive and strict.
      criteria: z.preprocess(
        orEmpty,
        z.record(z.enum(CRITERIA), z.preprocess(orEmpty, criterionRow), { error: "signoff:errors.chooseMet" }),
      ),
      items: z.array(z.preprocess(orEmpty, itemRow)).max(MAX_AGREEMENT_ITEMS).default([]),
      decision: z.enum(DECISIONS, { error: "signoff:errors.chooseDecision" }),
      reviewDate: isoDate("signoff:errors.reviewDate"),
      risk: optionalText(2000),
      reason: optionalText(2000),
      // A positive-risk panel's decision names who sat (required there: the model checks the plan's state).
      panelSat: optionalText(500),
    })
    .superRefine((v, ctx) => {
      const add = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
      if (v.decision === "request-changes") {
        const notYet = CRITERIA.filter((c) => !v.criteria[c].met);
        if (notYet.length === 0) add(["decision"], "signoff:errors.changesNeedNotYet");
        for (const c of notYet)
          if (!v.criteria[c].comment) add(["criteria", c, "comment"], "signoff:errors.reasonForCriterion");
      }
      if (v.decision === "sign-off" && !v.reviewDate) add(["reviewDate"], "signoff:errors.reviewDate");
      // An adaptation says what changes; "not agreed" says why, so the person reads a reason.
      v.items.forEach(({ agreement, adaptation }, i) => {
        if (agreement === "adapt" && !adaptation) add(["items", i, "adaptation"], "signoff:errors.adaptationNeeded");
        if (agreement === "not-agree" && !adaptation)
          add(["items", i, "adaptation"], "signoff:errors.notAgreedReasonNeeded");
      });
      if (v.decision === "refer-to-panel") {
        if (!v.risk) add(["risk"], "signoff:errors.riskNeeded");
        if (!v.reason) add(["reason"], "signoff:errors.panelReasonNeeded");
      }
    }),
);

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
export const reviewMeetingSchema = withDateInputs(
  ["nextReviewDate"],
  z.strictObject({
    whatIsWorking: requiredText(4000, "signoff:errors.whatIsWorking"),
    whatIsNot: requiredText(4000, "signoff:errors.whatIsNot"),
    changesAgreed: requiredText(4000, "signoff:errors.changesAgreed"),
    nextReviewDate: calendarDate("signoff:errors.nextReviewDate"),
  }),
);

/** Notifications: mark everything read. */
export const markReadSchema = z.strictObject({ intent: z.literal("read-all") });

/** Notifications: open one (marks it read, then goes where it points). */
export const openNotificationSchema = z.strictObject({ intent: z.literal("open"), id: z.string().min(1).max(64) });
