import { readFileSync } from "node:fs";
import { toIsoDate } from "~/domain/dates";
import { describe, expect, it } from "vitest";
import { mayActOnRecord, STANDINGS } from "~/domain/access";
import {
  canWithdraw,
  defaultReviewDate,
  isEditable,
  isOpenCycle,
  mayDecideOnPlans,
  PLAN_ACTIONS,
  PLAN_STATES,
  planTransition,
  TRANSITIONS,
  type PlanAction,
  type PlanState,
  type TransitionPayload,
  type Who,
} from "~/domain/workflow";

const AT = new Date("2026-03-10T10:00:00Z");
const ALL_WHO: Who[] = ["self", "acting-for", "supporting", "peer-broker", "lead-professional", "team-member"];

/** A payload that satisfies each action. */
const GOOD: Record<PlanAction, TransitionPayload> = {
  submit: {
    consent: true,
    check: { allowed: true, missing: [], notMet: [] },
    leadLinked: true,
    budgetWorkedOut: true,
    hasOutcome: true,
  },
  withdraw: {},
  "ask-for-review": {},
  "record-use": {},
  "change-after-sign-off": {},
  "request-changes": {
    unmetCriteria: ["managed-risks"],
    reasons: { "managed-risks": "Please add who to call at night" },
  },
  "sign-off": { reviewDate: "2026-06-10" },
  "refer-to-panel": {
    risk: "Lives alone and has stopped eating when unwell",
    reason: "A new kind of support I have not seen",
  },
  "ask-to-think-again": { reason: "My sister covers nights; it is in the free support" },
  "start-review": {},
  "complete-review": { nextReviewDate: "2027-03-10" },
  "decide-change": { changeDecision: "agree", reason: "The gym helps more than the swimming now" },
  edit: {},
};

function attempt(
  state: PlanState,
  action: PlanAction,
  who: Who | "none",
  options: { payload?: TransitionPayload; helperIds?: string[] } = {},
) {
  return planTransition(state, action, {
    actorId: "actor-1",
    standing: who,
    helperIds: options.helperIds ?? ["helper-9"],
    payload: options.payload ?? GOOD[action],
    at: AT,
  });
}

function refusal(result: ReturnType<typeof attempt>) {
  return result.ok ? "accepted" : result.reason;
}

describe("TRANSITIONS", () => {
  it("lists every state and action", () => {
    expect(new Set(TRANSITIONS.map((row) => row.action))).toEqual(new Set(PLAN_ACTIONS));
    const reached = new Set(TRANSITIONS.flatMap((row) => [row.from, row.to]));
    expect(reached).toEqual(new Set(PLAN_STATES));
  });

  for (const row of TRANSITIONS) {
    for (const who of row.who) {
      it(`${row.from} --${row.action}--> ${row.to} by ${who}`, () => {
        const result = attempt(row.from, row.action, who);
        expect(result).toMatchObject({ ok: true, next: row.to });
        if (result.ok) {
          expect(result.audit).toMatchObject({
            action: row.action,
            from: row.from,
            to: row.to,
            actorId: "actor-1",
            actingAs: who,
            at: AT.toISOString(),
          });
        }
      });
    }
  }

  it("refuses every state, action and actor the table does not list", () => {
    let refused = 0;
    for (const state of PLAN_STATES) {
      for (const action of PLAN_ACTIONS) {
        for (const who of ALL_WHO) {
          const listed = TRANSITIONS.some(
            (row) => row.from === state && row.action === action && row.who.includes(who),
          );
          const result = attempt(state, action, who);
          expect(result.ok, `${state} ${action} ${who}`).toBe(listed);
          if (!listed) refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(300);
  });
});

describe("refusals", () => {
  it("an unlinked professional can do nothing, in any state", () => {
    for (const state of PLAN_STATES) {
      for (const action of PLAN_ACTIONS) expect(refusal(attempt(state, action, "none"))).toBe("workflow.notLinked");
    }
  });

  it("a draft cannot be signed off", () => {
    expect(refusal(attempt("draft", "sign-off", "lead-professional"))).toBe("workflow.notSubmitted");
    expect(refusal(attempt("changes-requested", "sign-off", "lead-professional"))).toBe("workflow.notSubmitted");
  });

  it("a plan cannot be signed off twice", () => {
    expect(refusal(attempt("signed-off", "sign-off", "lead-professional"))).toBe("workflow.alreadySignedOff");
    expect(refusal(attempt("in-review", "sign-off", "lead-professional"))).toBe("workflow.alreadySignedOff");
    expect(refusal(attempt("closed", "sign-off", "lead-professional"))).toBe("workflow.cycleClosed");
  });

  it("a peer broker cannot submit, but can edit", () => {
    expect(refusal(attempt("draft", "submit", "peer-broker"))).toBe("workflow.peerBrokerCannotSubmit");
    expect(refusal(attempt("changes-requested", "ask-to-think-again", "peer-broker"))).toBe(
      "workflow.peerBrokerCannotSubmit",
    );
    expect(attempt("draft", "edit", "peer-broker").ok).toBe(true);
  });

  it("a supporting representative cannot submit, but can edit", () => {
    expect(refusal(attempt("draft", "submit", "supporting"))).toBe("workflow.supportingCannotSubmit");
    expect(attempt("draft", "edit", "supporting").ok).toBe(true);
  });

  it("a representative acting for the person can submit, recorded as acting for them", () => {
    const result = attempt("draft", "submit", "acting-for");
    expect(result).toMatchObject({ ok: true, next: "submitted", audit: { actingAs: "acting-for" } });
  });

  it("professionals cannot submit for the person", () => {
    expect(refusal(attempt("draft", "submit", "lead-professional"))).toBe("workflow.onlyPersonCanSend");
  });

  it("nobody signs off, asks for changes on or refers a plan they helped with", () => {
    const helper = { helperIds: ["actor-1"] };
    expect(refusal(attempt("submitted", "sign-off", "lead-professional", helper))).toBe("workflow.helperCannotDecide");
    expect(refusal(attempt("referred-to-panel", "sign-off", "team-member", helper))).toBe(
      "workflow.helperCannotDecide",
    );
    expect(refusal(attempt("submitted", "request-changes", "lead-professional", helper))).toBe(
      "workflow.helperCannotDecide",
    );
    expect(refusal(attempt("submitted", "refer-to-panel", "lead-professional", helper))).toBe(
      "workflow.helperCannotDecide",
    );
    expect(attempt("submitted", "sign-off", "lead-professional").ok).toBe(true);
  });

  it("only the lead professional decides, and a panel member only on a referred plan", () => {
    expect(refusal(attempt("submitted", "sign-off", "self"))).toBe("workflow.onlyLeadProfessional");
    expect(refusal(attempt("submitted", "sign-off", "peer-broker"))).toBe("workflow.onlyLeadProfessional");
    expect(refusal(attempt("submitted", "sign-off", "team-member"))).toBe("workflow.panelOnlyWhenReferred");
    expect(refusal(attempt("submitted", "refer-to-panel", "team-member"))).toBe("workflow.onlyLeadProfessional");
  });

  it("a professional does not edit the person's words", () => {
    expect(refusal(attempt("draft", "edit", "lead-professional"))).toBe("workflow.professionalCannotEdit");
    expect(refusal(attempt("draft", "edit", "team-member"))).toBe("workflow.professionalCannotEdit");
  });

  it("a sent plan stays as it was sent", () => {
    expect(refusal(attempt("submitted", "edit", "self"))).toBe("workflow.alreadySent");
    expect(refusal(attempt("referred-to-panel", "submit", "self"))).toBe("workflow.alreadySent");
    expect(refusal(attempt("signed-off", "edit", "self"))).toBe("workflow.signedOffChangesElsewhere");
  });

  it("a change waiting after sign-off is decided only by the lead professional, never a helper, always with a reason", () => {
    expect(attempt("signed-off", "decide-change", "lead-professional")).toMatchObject({
      ok: true,
      next: "signed-off",
      audit: { changeDecision: "agree", reason: "The gym helps more than the swimming now" },
    });
    for (const who of ["self", "acting-for", "supporting", "peer-broker", "team-member"] as const)
      expect(refusal(attempt("signed-off", "decide-change", who))).toBe("workflow.onlyLeadProfessional");
    expect(refusal(attempt("signed-off", "decide-change", "lead-professional", { helperIds: ["actor-1"] }))).toBe(
      "workflow.helperCannotDecide",
    );
    const noReason = { payload: { changeDecision: "not-agree" as const, reason: "  " } };
    expect(refusal(attempt("signed-off", "decide-change", "lead-professional", noReason))).toBe(
      "workflow.changeNeedsReason",
    );
    expect(refusal(attempt("signed-off", "decide-change", "lead-professional", { payload: { reason: "x" } }))).toBe(
      "workflow.changeDecisionNeeded",
    );
    expect(refusal(attempt("submitted", "decide-change", "lead-professional"))).toBe("workflow.notSignedOff");
  });

  it("names the state for review steps out of order", () => {
    expect(refusal(attempt("submitted", "start-review", "self"))).toBe("workflow.notSignedOff");
    expect(refusal(attempt("in-review", "start-review", "self"))).toBe("workflow.alreadyInReview");
    expect(refusal(attempt("signed-off", "complete-review", "lead-professional"))).toBe("workflow.notInReview");
    expect(refusal(attempt("draft", "ask-to-think-again", "self"))).toBe("workflow.noChangesAsked");
    expect(refusal(attempt("referred-to-panel", "refer-to-panel", "lead-professional"))).toBe(
      "workflow.alreadyWithPanel",
    );
  });
});

describe("one table owns whether a plan can change", () => {
  it("the plan's parts change only while it is written or after changes were asked for", () => {
    expect(PLAN_STATES.filter(isEditable)).toEqual(["draft", "changes-requested"]);
  });

  it("stages 5 to 7 are recorded while the cycle is open and nobody is deciding on the plan", () => {
    expect(PLAN_STATES.filter(isOpenCycle)).toEqual(["draft", "changes-requested", "signed-off", "in-review"]);
  });

  it("a plan is withdrawn only before a decision, by the person or someone acting for them", () => {
    expect(PLAN_STATES.filter(canWithdraw)).toEqual(["submitted"]);
    expect(refusal(attempt("submitted", "withdraw", "peer-broker"))).toBe("workflow.peerBrokerCannotSubmit");
    expect(refusal(attempt("submitted", "withdraw", "supporting"))).toBe("workflow.supportingCannotSubmit");
    expect(refusal(attempt("signed-off", "withdraw", "self"))).toBe("workflow.alreadySignedOff");
    expect(attempt("submitted", "withdraw", "acting-for")).toMatchObject({ ok: true, next: "draft" });
  });

  it("helpers never close or open a cycle: only the lead professional's review does", () => {
    for (const who of ["peer-broker", "supporting", "acting-for", "self"] as const)
      expect(attempt("in-review", "complete-review", who).ok).toBe(false);
    expect(refusal(attempt("signed-off", "ask-for-review", "peer-broker"))).toBe("workflow.peerBrokerCannotSubmit");
    expect(attempt("signed-off", "ask-for-review", "self")).toMatchObject({ ok: true, next: "signed-off" });
  });
});

describe("what each step needs", () => {
  it("submit needs consent, and a plan check allowing it (which needs the reason if criteria are not met)", () => {
    const noConsent = { ...GOOD.submit, consent: false };
    expect(refusal(attempt("draft", "submit", "self", { payload: noConsent }))).toBe("workflow.consentNeeded");
    const needs = { leadLinked: true, budgetWorkedOut: true, hasOutcome: true };
    const notAllowed: TransitionPayload = {
      ...needs,
      consent: true,
      check: { allowed: false, missing: ["submit.reasonNeeded"], notMet: ["managed-risks"] },
    };
    expect(refusal(attempt("draft", "submit", "self", { payload: notAllowed }))).toBe("workflow.reasonNeeded");
    expect(refusal(attempt("draft", "submit", "self", { payload: { ...needs, consent: true } }))).toBe(
      "workflow.reasonNeeded",
    );
    const withReason: TransitionPayload = {
      ...needs,
      consent: true,
      reason: "I want to talk about risks face to face",
      check: { allowed: true, missing: [], notMet: ["managed-risks"] },
    };
    const result = attempt("draft", "submit", "self", { payload: withReason });
    expect(result).toMatchObject({
      ok: true,
      audit: { reason: "I want to talk about risks face to face", notMet: ["managed-risks"] },
    });
  });

  it("a plan goes nowhere without a lead professional, a budget worked out and at least one outcome", () => {
    const without = (missing: "leadLinked" | "budgetWorkedOut" | "hasOutcome") => ({
      ...GOOD.submit,
      [missing]: false,
    });
    expect(refusal(attempt("draft", "submit", "self", { payload: without("leadLinked") }))).toBe(
      "workflow.noLeadProfessional",
    );
    expect(refusal(attempt("draft", "submit", "acting-for", { payload: without("budgetWorkedOut") }))).toBe(
      "workflow.noBudgetYet",
    );
    expect(refusal(attempt("changes-requested", "submit", "self", { payload: without("hasOutcome") }))).toBe(
      "workflow.noOutcomeYet",
    );
  });

  it("request-changes needs a reason for every criterion not met", () => {
    const none = { unmetCriteria: ["managed-risks" as const], reasons: {} };
    expect(refusal(attempt("submitted", "request-changes", "lead-professional", { payload: none }))).toBe(
      "workflow.reasonForEachCriterion",
    );
    const partly: TransitionPayload = {
      unmetCriteria: ["managed-risks", "clear-decisions"],
      reasons: { "managed-risks": "Add a night-time contact", "clear-decisions": "  " },
    };
    expect(refusal(attempt("submitted", "request-changes", "lead-professional", { payload: partly }))).toBe(
      "workflow.reasonForEachCriterion",
    );
    expect(refusal(attempt("submitted", "request-changes", "lead-professional", { payload: {} }))).toBe(
      "workflow.reasonForEachCriterion",
    );
    const result = attempt("submitted", "request-changes", "lead-professional");
    expect(result).toMatchObject({ ok: true, audit: { reasons: GOOD["request-changes"].reasons } });
  });

  it("sign-off needs a real review date after today", () => {
    for (const reviewDate of [undefined, "", "2026-02-30", "10/06/2026", "2026-03-10", "2025-12-01"]) {
      expect(
        refusal(attempt("submitted", "sign-off", "lead-professional", { payload: { reviewDate } })),
        reviewDate,
      ).toBe("workflow.reviewDateNeeded");
    }
    const result = attempt("submitted", "sign-off", "lead-professional");
    expect(result).toMatchObject({ ok: true, next: "signed-off", audit: { reviewDate: "2026-06-10" } });
  });

  it("refer-to-panel needs the risk and the reason", () => {
    for (const payload of [{}, { risk: "x" }, { reason: "y" }, { risk: " ", reason: "y" }]) {
      expect(refusal(attempt("submitted", "refer-to-panel", "lead-professional", { payload }))).toBe(
        "workflow.panelNeedsRiskAndReason",
      );
    }
    expect(attempt("submitted", "refer-to-panel", "lead-professional")).toMatchObject({
      ok: true,
      audit: { risk: GOOD["refer-to-panel"].risk, reason: GOOD["refer-to-panel"].reason },
    });
  });

  it("ask-to-think-again needs the person's reasons and is marked as a reconsideration", () => {
    expect(refusal(attempt("changes-requested", "ask-to-think-again", "self", { payload: {} }))).toBe(
      "workflow.thinkAgainNeedsReasons",
    );
    expect(attempt("changes-requested", "ask-to-think-again", "self")).toMatchObject({
      ok: true,
      next: "submitted",
      audit: { reconsideration: true },
    });
  });

  it("complete-review needs the next review date and opens the next cycle", () => {
    expect(refusal(attempt("in-review", "complete-review", "lead-professional", { payload: {} }))).toBe(
      "workflow.nextReviewDateNeeded",
    );
    expect(attempt("in-review", "complete-review", "lead-professional")).toMatchObject({
      ok: true,
      next: "closed",
      audit: { opensNextCycle: true, reviewDate: "2027-03-10" },
    });
  });

  it("editing a plan with changes asked for takes it back to draft", () => {
    expect(attempt("changes-requested", "edit", "self")).toMatchObject({ ok: true, next: "draft" });
  });
});

describe("defaultReviewDate", () => {
  const iso = (date: Date) => toIsoDate(date);
  it("is 3 months after sign-off for the first review, then yearly", () => {
    expect(iso(defaultReviewDate(new Date("2026-01-15T12:00:00Z"), true))).toBe("2026-04-15");
    expect(iso(defaultReviewDate(new Date("2026-01-15T12:00:00Z"), false))).toBe("2027-01-15");
    expect(iso(defaultReviewDate(new Date("2026-10-20T00:00:00Z"), true))).toBe("2027-01-20");
  });

  it("uses the month's last day when the day does not exist", () => {
    expect(iso(defaultReviewDate(new Date("2026-11-30T00:00:00Z"), true))).toBe("2027-02-28");
    expect(iso(defaultReviewDate(new Date("2028-02-29T00:00:00Z"), false))).toBe("2029-02-28");
  });

  it("gives a date sign-off accepts", () => {
    const reviewDate = iso(defaultReviewDate(AT, true));
    expect(attempt("submitted", "sign-off", "lead-professional", { payload: { reviewDate } }).ok).toBe(true);
  });
});

describe("plan.json", () => {
  it("has every refusal reason, state and action in every language", () => {
    const reasons = new Set<string>();
    for (const state of PLAN_STATES) {
      for (const action of PLAN_ACTIONS) {
        for (const who of [...ALL_WHO, "none" as const]) {
          for (const options of [{}, { payload: {} }, { helperIds: ["actor-1"] }]) {
            const result = attempt(state, action, who, options);
            if (!result.ok) reasons.add(result.reason);
          }
        }
      }
    }
    expect(reasons.size).toBeGreaterThan(20);
    for (const lang of ["en", "ur", "pl"]) {
      const locale = JSON.parse(readFileSync(`content/locales/${lang}/plan.json`, "utf8")) as Record<
        string,
        Record<string, string>
      >;
      for (const reason of reasons) {
        const [group, key] = reason.split(".") as [string, string];
        expect(locale[group]?.[key], `${lang} ${reason}`).toBeTruthy();
      }
      for (const state of PLAN_STATES) expect(locale.states?.[state], `${lang} ${state}`).toBeTruthy();
      for (const action of PLAN_ACTIONS) expect(locale.actions?.[action], `${lang} ${action}`).toBeTruthy();
    }
  });
});

describe("who may sign off: one answer, the workflow's decision rows", () => {
  it("the record permission 'sign-off' is exactly the standings some decision transition names", () => {
    const deciders = STANDINGS.filter((s) => mayActOnRecord(s, "sign-off"));
    expect(deciders).toEqual(["lead-professional", "team-member"]);
    for (const s of STANDINGS) expect(mayActOnRecord(s, "sign-off")).toBe(mayDecideOnPlans(s));
  });

  it("a panel member may do nothing else to a record", () => {
    const others = ["view-record", "edit-draft", "download-data", "view-audit", "assess", "review"] as const;
    for (const action of others) expect(mayActOnRecord("team-member", action)).toBe(false);
  });
});
