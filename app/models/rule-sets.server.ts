import { desc, eq } from "drizzle-orm";
import { schemeRuleSets } from "../../db/schema";
import { content } from "~/content/content.server";
import type { LocalizedText } from "~/domain/localized";
import {
  ruleSetInForce,
  ruleSetTransition,
  type RuleSetAction,
  type RuleSetRefusal,
  type RuleSetStatus,
} from "~/domain/rule-set-lifecycle";
import { validateRuleSet, type RuleSet, type RuleSetProblem } from "~/domain/rule-set";
import { db, firstRow } from "~/lib/db.server";
import { todayInUk } from "~/lib/format";
import { audit } from "./audit.server";

/**
 * Rule sets: the shipped examples (content/rule-sets, read at start-up) and the ones commissioners
 * make (scheme_rule_sets). Data access only; the lifecycle's rules are app/domain/rule-set-lifecycle.ts.
 */

export type StoredRuleSet = typeof schemeRuleSets.$inferSelect;

/** One rule set as lists show it, wherever it is kept. */
export interface RuleSetSummary {
  id: string;
  label: LocalizedText;
  status: RuleSetStatus;
  /** Shipped with the portal (content/rule-sets) rather than made by a commissioner. */
  shipped: boolean;
  /** When it is (or would be) in force from: the effective date, or a shipped file's publishedOn. */
  effectiveFrom: string | null;
  awaitingApproval: boolean;
  createdBy: string | null;
}

/** Today's date in the UK (YYYY-MM-DD): the date budgets are worked out on. */
export { todayInUk };

// Published and retired rule sets never change, so each is parsed once.
const frozen = new Map<string, RuleSet>();

function parseStored(row: StoredRuleSet): RuleSet {
  const cached = frozen.get(row.id);
  if (cached) return cached;
  const checked = validateRuleSet(JSON.parse(row.definition));
  // Only validated definitions are ever stored; one that no longer parses is a bug, not a user error.
  if (!checked.ok) throw new Error(`Stored rule set ${row.id} is not valid: ${checked.problems[0]?.message}`);
  if (row.status !== "draft") frozen.set(row.id, checked.ruleSet);
  return checked.ruleSet;
}

export async function storedRuleSet(id: string): Promise<{ row: StoredRuleSet; ruleSet: RuleSet } | undefined> {
  const row = await firstRow(db().select().from(schemeRuleSets).where(eq(schemeRuleSets.id, id)));
  return row ? { row, ruleSet: parseStored(row) } : undefined;
}

/** Any rule set by id: shipped, or made by a commissioner (in any status). */
export async function findRuleSet(id: string): Promise<RuleSet | undefined> {
  return content().ruleSets.get(id) ?? (await storedRuleSet(id))?.ruleSet;
}

async function publishedRows() {
  return await db().select().from(schemeRuleSets).where(eq(schemeRuleSets.status, "published"));
}

/** The id of the rule set in force on a date: the newest published one whose date has come, else ACTIVE_RULE_SET. */
export async function ruleSetIdInForce(date = todayInUk()): Promise<string> {
  const published = (await publishedRows()).map((r) => ({
    id: r.id,
    effectiveFrom: r.effectiveFrom ?? "9999-12-31",
    approvedAt: r.approvedAt ?? "",
  }));
  return ruleSetInForce(published, date, content().activeRuleSet);
}

/** A rule set's name and the date it is in force from, for a budget page. */
export async function ruleSetNameAndDate(id: string): Promise<{ label: LocalizedText | null; date: string | null }> {
  const shipped = content().ruleSets.get(id);
  if (shipped) return { label: shipped.label, date: shipped.publishedOn };
  const stored = await storedRuleSet(id);
  if (!stored) return { label: null, date: null };
  return { label: stored.ruleSet.label, date: stored.row.effectiveFrom ?? stored.ruleSet.publishedOn };
}

/** Every rule set, shipped first, then the commissioners' newest first. */
export async function allRuleSets(): Promise<RuleSetSummary[]> {
  const shipped: RuleSetSummary[] = [...content().ruleSets.values()].map((r) => ({
    id: r.id,
    label: r.label,
    status: "published",
    shipped: true,
    effectiveFrom: r.publishedOn,
    awaitingApproval: false,
    createdBy: null,
  }));
  const made = (await db().select().from(schemeRuleSets).orderBy(desc(schemeRuleSets.createdAt))).map((row) => ({
    id: row.id,
    label: parseStored(row).label,
    status: row.status,
    shipped: false,
    effectiveFrom: row.effectiveFrom,
    awaitingApproval: row.status === "draft" && row.approvalRequestedBy !== null,
    createdBy: row.createdBy,
  }));
  return [...shipped, ...made];
}

export type DraftResult = { ok: true; id: string } | { ok: false; problems: RuleSetProblem[] };

/** A new draft from a validated definition; refused if the id is taken by any rule set. */
export async function createDraft(candidate: unknown, basedOn: string | null, by: string): Promise<DraftResult> {
  const checked = validateRuleSet(candidate);
  if (!checked.ok) return checked;
  const { ruleSet } = checked;
  if (await findRuleSet(ruleSet.id))
    return { ok: false, problems: [{ path: "id", message: `"${ruleSet.id}" is already the id of a rule set` }] };
  const now = new Date().toISOString();
  await db()
    .insert(schemeRuleSets)
    .values({
      id: ruleSet.id,
      definition: JSON.stringify(ruleSet),
      status: "draft",
      basedOn,
      createdBy: by,
      createdAt: now,
      updatedBy: by,
      updatedAt: now,
    });
  await audit({ actorId: by, action: "rule-set-draft", target: ruleSet.id, result: "ok", detail: { basedOn } });
  return { ok: true, id: ruleSet.id };
}

export type StepResult = { ok: true } | { ok: false; refusal: RuleSetRefusal | "missing" };

async function step(id: string, action: RuleSetAction, by: string, effectiveFrom?: string) {
  const stored = await storedRuleSet(id);
  if (!stored) return { ok: false as const, refusal: "missing" as const };
  const decided = ruleSetTransition(
    {
      status: stored.row.status,
      createdBy: stored.row.createdBy,
      approvalRequestedBy: stored.row.approvalRequestedBy,
      effectiveFrom: stored.row.effectiveFrom,
    },
    action,
    by,
    todayInUk(),
    effectiveFrom,
  );
  if (!decided.ok) {
    await audit({
      actorId: by,
      action: `rule-set-${action}`,
      target: id,
      result: "refused",
      detail: { why: decided.refusal },
    });
    return decided;
  }
  return { ...decided, stored };
}

/** Saves a changed draft (already validated; the id is the draft's own). Any request for approval lapses. */
export async function saveDraft(id: string, ruleSet: RuleSet, by: string): Promise<StepResult> {
  const decided = await step(id, "edit", by);
  if (!decided.ok) return decided;
  await db()
    .update(schemeRuleSets)
    .set({
      definition: JSON.stringify({ ...ruleSet, id }),
      updatedBy: by,
      updatedAt: new Date().toISOString(),
      approvalRequestedBy: null,
      approvalRequestedAt: null,
      effectiveFrom: null,
      reason: null,
    })
    .where(eq(schemeRuleSets.id, id));
  await audit({ actorId: by, action: "rule-set-edit", target: id, result: "ok" });
  return { ok: true };
}

/** The maker asks a second commissioner to publish it from a date, saying why. */
export async function askApproval(id: string, effectiveFrom: string, reason: string, by: string): Promise<StepResult> {
  const decided = await step(id, "ask-approval", by, effectiveFrom);
  if (!decided.ok) return decided;
  await db()
    .update(schemeRuleSets)
    .set({ effectiveFrom, reason, approvalRequestedBy: by, approvalRequestedAt: new Date().toISOString() })
    .where(eq(schemeRuleSets.id, id));
  await audit({
    actorId: by,
    action: "rule-set-ask-approval",
    target: id,
    result: "ok",
    detail: { effectiveFrom, reason },
  });
  return { ok: true };
}

/** A second commissioner approves: published from its effective date, never to change again. */
export async function approve(id: string, note: string, by: string): Promise<StepResult> {
  const decided = await step(id, "approve", by);
  if (!decided.ok) return decided;
  const { row, ruleSet } = decided.stored;
  const effectiveFrom = row.effectiveFrom!;
  await db()
    .update(schemeRuleSets)
    .set({
      status: decided.status,
      // The file says when it is published, as the shipped ones do.
      definition: JSON.stringify({ ...ruleSet, publishedOn: effectiveFrom }),
      approvedBy: by,
      approvedAt: new Date().toISOString(),
      approvalNote: note,
    })
    .where(eq(schemeRuleSets.id, id));
  await audit({ actorId: by, action: "rule-set-approve", target: id, result: "ok", detail: { effectiveFrom, note } });
  return { ok: true };
}

/** No longer used for new calculations; every budget already worked out with it keeps it. */
export async function retire(id: string, by: string): Promise<StepResult> {
  const decided = await step(id, "retire", by);
  if (!decided.ok) return decided;
  await db()
    .update(schemeRuleSets)
    .set({ status: decided.status, retiredBy: by, retiredAt: new Date().toISOString() })
    .where(eq(schemeRuleSets.id, id));
  await audit({ actorId: by, action: "rule-set-retire", target: id, result: "ok" });
  return { ok: true };
}
