import { describe, expect, it } from "vitest";
import { ruleSetInForce, ruleSetTransition, type RuleSetFacts } from "~/domain/rule-set-lifecycle";

const draft: RuleSetFacts = { status: "draft", createdBy: "morgan", approvalRequestedBy: null, effectiveFrom: null };
const asked: RuleSetFacts = { ...draft, approvalRequestedBy: "morgan", effectiveFrom: "2027-04-01" };

describe("the life of a rule set", () => {
  it("a draft may be edited; a published or retired one never", () => {
    expect(ruleSetTransition(draft, "edit", "morgan", "2027-01-01")).toEqual({ ok: true, status: "draft" });
    for (const status of ["published", "retired"] as const)
      expect(ruleSetTransition({ ...draft, status }, "edit", "morgan", "2027-01-01")).toEqual({
        ok: false,
        refusal: "lifecycle.notDraft",
      });
  });

  it("asking for approval needs an effective date not already past", () => {
    expect(ruleSetTransition(draft, "ask-approval", "morgan", "2027-01-01", "2026-12-31").ok).toBe(false);
    expect(ruleSetTransition(draft, "ask-approval", "morgan", "2027-01-01", "2027-01-01").ok).toBe(true);
  });

  it("publishing needs a second commissioner who neither made nor asked for it", () => {
    expect(ruleSetTransition(draft, "approve", "dana", "2027-01-01")).toEqual({
      ok: false,
      refusal: "lifecycle.notAsked",
    });
    expect(ruleSetTransition(asked, "approve", "morgan", "2027-01-01")).toEqual({
      ok: false,
      refusal: "lifecycle.sameCommissioner",
    });
    expect(ruleSetTransition({ ...asked, approvalRequestedBy: "dana" }, "approve", "dana", "2027-01-01").ok).toBe(
      false,
    );
    expect(ruleSetTransition(asked, "approve", "dana", "2027-01-01")).toEqual({ ok: true, status: "published" });
    // Approved too late: the date asked for has passed, so it must be asked again.
    expect(ruleSetTransition(asked, "approve", "dana", "2027-04-02").ok).toBe(false);
  });

  it("only a published rule set can be retired", () => {
    expect(ruleSetTransition(draft, "retire", "morgan", "2027-01-01").ok).toBe(false);
    expect(ruleSetTransition({ ...draft, status: "published" }, "retire", "dana", "2027-01-01").ok).toBe(true);
  });
});

describe("the rule set in force on a date", () => {
  const published = [
    { id: "a", effectiveFrom: "2027-01-01", approvedAt: "2026-12-01T10:00:00Z" },
    { id: "b", effectiveFrom: "2027-04-01", approvedAt: "2026-12-02T10:00:00Z" },
    { id: "c", effectiveFrom: "2027-04-01", approvedAt: "2026-12-03T10:00:00Z" },
  ];
  it("is the shipped default before any published one takes effect", () => {
    expect(ruleSetInForce(published, "2026-12-31", "example")).toBe("example");
  });
  it("is the one whose date came last, on and after its date", () => {
    expect(ruleSetInForce(published, "2027-01-01", "example")).toBe("a");
    expect(ruleSetInForce(published, "2027-03-31", "example")).toBe("a");
    // Two from the same day: the one approved last.
    expect(ruleSetInForce(published, "2027-04-01", "example")).toBe("c");
  });
});
