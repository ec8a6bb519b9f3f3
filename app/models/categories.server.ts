import { asc, desc, eq, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { assessments, categoryPlacements, categoryReviewRequests } from "../../db/schema";
import type { LocalizedText } from "~/domain/localized";
import type { Category } from "~/domain/rule-set";
import { db, preparedQuery, transaction } from "~/lib/db.server";
import { calculateBudget, currentAssessment, latestBudgets } from "./assessment.server";
import { audit } from "./audit.server";
import { findRuleSet, ruleSetIdInForce } from "./rule-sets.server";
import { tellLeadProfessional, type Actor } from "./signoff.server";

/**
 * Category placements (rule sets of the third form): the lead professional places the person in a
 * category with a reason; the person (or someone acting for them) may ask for it to be looked at
 * again. Data access only; the figures are app/domain/allocation.ts.
 */

export type PlacementRow = typeof categoryPlacements.$inferSelect;
export type LookAgainRow = typeof categoryReviewRequests.$inferSelect;

/** The categories of the rule set new budgets are worked out under today (none: it has no categories). */
export async function categoriesInForce(): Promise<{ ruleSetId: string; categories: Category[] }> {
  const ruleSetId = await ruleSetIdInForce();
  const ruleSet = await findRuleSet(ruleSetId);
  return { ruleSetId, categories: ruleSet?.categories ?? [] };
}

/** A category of a rule set, by id, for showing its name. */
export async function categoryOf(ruleSetId: string, categoryId: string): Promise<Category | undefined> {
  return (await findRuleSet(ruleSetId))?.categories?.find((c) => c.id === categoryId);
}

/** The names of a rule set's categories (none for a rule set without categories). */
export async function categoryNames(ruleSetId: string): Promise<Map<string, LocalizedText>> {
  return new Map(((await findRuleSet(ruleSetId))?.categories ?? []).map((c) => [c.id, c.name]));
}

/**
 * The placement in force for the person's current cycle, and the requests to look at it again made
 * since it was made (a new placement answers them).
 */
export async function currentPlacement(
  personId: string,
): Promise<{ placement: PlacementRow; requests: LookAgainRow[] } | null> {
  const assessment = await currentAssessment(personId);
  if (!assessment) return null;
  const placement = (
    await db()
      .select()
      .from(categoryPlacements)
      .where(eq(categoryPlacements.assessmentId, assessment.id))
      .orderBy(desc(categoryPlacements.placedAt))
      .limit(1)
  )[0];
  if (!placement) return null;
  const requests = await db()
    .select()
    .from(categoryReviewRequests)
    .where(eq(categoryReviewRequests.placementId, placement.id))
    .orderBy(asc(categoryReviewRequests.askedAt));
  return { placement, requests };
}

/** The one write of a placement: its record, and the category every later calculation reads. */
async function recordPlacement(row: PlacementRow): Promise<void> {
  await transaction(async () => {
    await db().insert(categoryPlacements).values(row);
    await db().update(assessments).set({ categoryId: row.categoryId }).where(eq(assessments.id, row.assessmentId));
  });
}

/**
 * Places the person in a category of the rule set in force, with the reason they will read, and works
 * the budget out again for each basis already worked out (their own answers; agreed ratings).
 * Refuses ("no-assessment", "no-category") without changing anything.
 */
export async function placeInCategory(
  personId: string,
  placing: { categoryId: string; reason: string },
  by: string,
): Promise<{ ok: true } | { ok: false; reason: "no-assessment" | "no-category" }> {
  const assessment = await currentAssessment(personId);
  if (!assessment) return { ok: false, reason: "no-assessment" };
  const { ruleSetId, categories } = await categoriesInForce();
  if (!categories.some((c) => c.id === placing.categoryId)) return { ok: false, reason: "no-category" };
  await recordPlacement({
    id: randomUUID(),
    personId,
    assessmentId: assessment.id,
    ruleSetId,
    categoryId: placing.categoryId,
    reason: placing.reason,
    placedBy: by,
    placedAt: new Date().toISOString(),
  });
  await audit({
    actorId: by,
    personId,
    action: "place-in-category",
    target: placing.categoryId,
    result: "ok",
    detail: { ruleSetId, reason: placing.reason },
  });
  const worked = await latestBudgets(personId);
  if (assessment.informal) {
    if (worked.self) await calculateBudget(personId, "self", by);
    if (worked.agreed) await calculateBudget(personId, "agreed", by);
  }
  return { ok: true };
}

/** The person asks for their placement to be looked at again; their lead professional is told. */
export async function askToLookAgain(
  who: Actor,
  reason: string,
): Promise<{ ok: true } | { ok: false; reason: "no-placement" }> {
  const current = await currentPlacement(who.person.id);
  if (!current) return { ok: false, reason: "no-placement" };
  const id = randomUUID();
  await db().insert(categoryReviewRequests).values({
    id,
    personId: who.person.id,
    placementId: current.placement.id,
    reason,
    askedBy: who.actor.id,
    askedAt: new Date().toISOString(),
  });
  await audit({
    actorId: who.actor.id,
    personId: who.person.id,
    action: "ask-category-look-again",
    target: id,
    result: "ok",
    detail: { placementId: current.placement.id },
  });
  await tellLeadProfessional(who, "category-look-again", "/budget/category");
  return { ok: true };
}

// The person's own copy ("my data") asks these on every visit: built once per connection.
const placementsQuery = preparedQuery((d) =>
  d
    .select()
    .from(categoryPlacements)
    .where(eq(categoryPlacements.personId, sql.placeholder("personId")))
    .orderBy(asc(categoryPlacements.placedAt))
    .prepare(),
);
const lookAgainQuery = preparedQuery((d) =>
  d
    .select()
    .from(categoryReviewRequests)
    .where(eq(categoryReviewRequests.personId, sql.placeholder("personId")))
    .orderBy(asc(categoryReviewRequests.askedAt))
    .prepare(),
);

/** Every placement and every request to look again, for the person's own copy of what is held. */
export async function categoryHistoryOf(personId: string) {
  return {
    placements: (await placementsQuery().execute({ personId })).map((p) => ({
      ruleSetId: p.ruleSetId,
      categoryId: p.categoryId,
      reason: p.reason,
      placedAt: p.placedAt,
    })),
    requestsToLookAgain: (await lookAgainQuery().execute({ personId })).map((r) => ({
      reason: r.reason,
      askedAt: r.askedAt,
    })),
  };
}
