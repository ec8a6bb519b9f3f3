/**
 * The life of a rule set a commissioner makes (docs/domain-guide.md: an allocation system calibrated and
 * revised). A draft may be edited; publishing needs a second commissioner (four eyes); a published
 * rule set never changes (a change is a new draft, copied from it); retiring stops it being used for
 * new calculations. Every change of status goes through `ruleSetTransition`.
 */

export const RULE_SET_STATUSES = ["draft", "published", "retired"] as const;
export type RuleSetStatus = (typeof RULE_SET_STATUSES)[number];

export const RULE_SET_ACTIONS = ["edit", "ask-approval", "approve", "retire"] as const;
export type RuleSetAction = (typeof RULE_SET_ACTIONS)[number];

/** What the rules need to know about one stored rule set. */
export interface RuleSetFacts {
  status: RuleSetStatus;
  createdBy: string;
  approvalRequestedBy: string | null;
  effectiveFrom: string | null;
}

/** Why a step is refused: a translation key in the `scheme` namespace. */
export type RuleSetRefusal =
  | "lifecycle.notDraft"
  | "lifecycle.notAsked"
  | "lifecycle.sameCommissioner"
  | "lifecycle.effectiveInPast"
  | "lifecycle.notPublished";

export type RuleSetStep = { ok: true; status: RuleSetStatus } | { ok: false; refusal: RuleSetRefusal };

/**
 * Whether `actorId` may take `action` on the rule set today (dates are YYYY-MM-DD). Asking for
 * approval names the effective date; approving needs a commissioner other than the one who made the
 * draft and the one who asked, and an effective date not already past.
 */
export function ruleSetTransition(
  facts: RuleSetFacts,
  action: RuleSetAction,
  actorId: string,
  today: string,
  effectiveFrom?: string,
): RuleSetStep {
  switch (action) {
    case "edit":
      return facts.status === "draft" ? { ok: true, status: "draft" } : { ok: false, refusal: "lifecycle.notDraft" };
    case "ask-approval":
      if (facts.status !== "draft") return { ok: false, refusal: "lifecycle.notDraft" };
      if (!effectiveFrom || effectiveFrom < today) return { ok: false, refusal: "lifecycle.effectiveInPast" };
      return { ok: true, status: "draft" };
    case "approve":
      if (facts.status !== "draft") return { ok: false, refusal: "lifecycle.notDraft" };
      if (!facts.approvalRequestedBy || !facts.effectiveFrom) return { ok: false, refusal: "lifecycle.notAsked" };
      if (actorId === facts.approvalRequestedBy || actorId === facts.createdBy)
        return { ok: false, refusal: "lifecycle.sameCommissioner" };
      if (facts.effectiveFrom < today) return { ok: false, refusal: "lifecycle.effectiveInPast" };
      return { ok: true, status: "published" };
    case "retire":
      return facts.status === "published"
        ? { ok: true, status: "retired" }
        : { ok: false, refusal: "lifecycle.notPublished" };
  }
}

/** A published rule set as the choice of "which one is in force" sees it. */
export interface PublishedRuleSet {
  id: string;
  effectiveFrom: string;
  approvedAt: string;
}

/**
 * The rule set in force on a date: of the published ones whose effective date has come, the one
 * with the latest effective date (ties: the one approved last); otherwise the shipped default.
 */
export function ruleSetInForce(published: readonly PublishedRuleSet[], date: string, fallbackId: string): string {
  let best: PublishedRuleSet | undefined;
  for (const candidate of published) {
    if (candidate.effectiveFrom > date) continue;
    if (
      !best ||
      candidate.effectiveFrom > best.effectiveFrom ||
      (candidate.effectiveFrom === best.effectiveFrom && candidate.approvedAt > best.approvedAt)
    )
      best = candidate;
  }
  return best?.id ?? fallbackId;
}

/** A rule-set file is a few kilobytes; 64 KB leaves room for many bands and long labels. */
export const RULE_SET_FILE_MAX_BYTES = 64 * 1024;
