import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { agreedRatings, allocations, assessmentAnswers, assessments } from "../../db/schema";
import { allocateBudget, type Allocation } from "~/domain/allocation";
import { ratingInputs, ratingsRecord, type AgreedRating, type RatingInput, type SelfAnswer } from "~/domain/assessment";
import type { InformalSupport, NeedAreaKey } from "~/domain/choices";
import { db, preparedQuery, firstRow } from "~/lib/db.server";
import { audit } from "./audit.server";
import { findRuleSet, ruleSetIdInForce } from "./rule-sets.server";

export type AssessmentRow = typeof assessments.$inferSelect;

/** The assessment of the person's current cycle, if they have started one. */
const currentAssessmentQuery = preparedQuery((d) =>
  d
    .select()
    .from(assessments)
    .where(eq(assessments.personId, sql.placeholder("personId")))
    .orderBy(desc(assessments.cycle))
    .prepare(),
);

export async function currentAssessment(personId: string): Promise<AssessmentRow | undefined> {
  return await firstRow(currentAssessmentQuery().execute({ personId }));
}

/** The current assessment, made when the first answer is saved. */
export async function ensureAssessment(personId: string): Promise<AssessmentRow> {
  const existing = await currentAssessment(personId);
  if (existing) return existing;
  await db().insert(assessments).values({ id: randomUUID(), personId, cycle: 1 }).onConflictDoNothing();
  return (await currentAssessment(personId))!;
}

const answersQuery = preparedQuery((d) =>
  d
    .select()
    .from(assessmentAnswers)
    .where(eq(assessmentAnswers.assessmentId, sql.placeholder("assessmentId")))
    .prepare(),
);

type AnswerRow = typeof assessmentAnswers.$inferSelect;

function answerMap(rows: readonly AnswerRow[]): Map<string, SelfAnswer> {
  return new Map(rows.map((r) => [r.needArea, { rating: r.ratherNotSay ? null : r.rating, answeredBy: r.answeredBy }]));
}

export async function answersOf(assessmentId: string): Promise<Map<string, SelfAnswer>> {
  return answerMap(await answersQuery().execute({ assessmentId }));
}

/**
 * The current assessment and its answers of each of a page of people (a caseload page): two statements
 * for the page, not two a person. Someone who has not started has no assessment and no answers.
 */
export async function currentAssessmentsWithAnswers(
  personIds: readonly string[],
): Promise<Map<string, { assessment: AssessmentRow | undefined; answers: Map<string, SelfAnswer> }>> {
  const current = new Map<string, AssessmentRow>();
  if (personIds.length > 0)
    for (const row of await db()
      .select()
      .from(assessments)
      .where(inArray(assessments.personId, [...personIds]))) {
      const seen = current.get(row.personId);
      if (!seen || row.cycle > seen.cycle) current.set(row.personId, row);
    }
  const answersOfAssessment = new Map<string, AnswerRow[]>();
  const ids = [...current.values()].map((row) => row.id);
  if (ids.length > 0)
    for (const answer of await db()
      .select()
      .from(assessmentAnswers)
      .where(inArray(assessmentAnswers.assessmentId, ids))) {
      const list = answersOfAssessment.get(answer.assessmentId);
      if (list) list.push(answer);
      else answersOfAssessment.set(answer.assessmentId, [answer]);
    }
  return new Map(
    personIds.map((id) => {
      const assessment = current.get(id);
      return [id, { assessment, answers: answerMap(assessment ? (answersOfAssessment.get(assessment.id) ?? []) : []) }];
    }),
  );
}

/** Saves one answer as the person goes; who gave it is recorded with it and in the audit trail. */
export async function saveAnswer(
  personId: string,
  area: NeedAreaKey,
  rating: number | null,
  by: string,
): Promise<void> {
  const assessment = await ensureAssessment(personId);
  const row = {
    assessmentId: assessment.id,
    needArea: area,
    rating,
    ratherNotSay: rating === null,
    answeredBy: by,
    answeredAt: new Date().toISOString(),
  };
  await db()
    .insert(assessmentAnswers)
    .values(row)
    .onConflictDoUpdate({ target: [assessmentAnswers.assessmentId, assessmentAnswers.needArea], set: row });
  await audit({
    actorId: by,
    personId,
    action: "answer-need-area",
    target: area,
    result: "ok",
    detail: { rating, ratherNotSay: rating === null },
  });
}

export async function saveInformal(personId: string, informal: InformalSupport, by: string): Promise<void> {
  const assessment = await ensureAssessment(personId);
  await db().update(assessments).set({ informal, informalBy: by }).where(eq(assessments.id, assessment.id));
  await audit({ actorId: by, personId, action: "answer-informal-support", result: "ok", detail: { informal } });
}

const agreedQuery = preparedQuery((d) =>
  d
    .select()
    .from(agreedRatings)
    .where(eq(agreedRatings.assessmentId, sql.placeholder("assessmentId")))
    .orderBy(agreedRatings.agreedAt)
    .prepare(),
);

/** The newest agreed rating for each need area. */
export async function agreedOf(assessmentId: string): Promise<Map<string, AgreedRating>> {
  // Prepared once: asked on every page of a record (the urgent-help check reads the agreed ratings).
  const rows = await agreedQuery().execute({ assessmentId });
  return new Map(
    rows.map((r) => [r.needArea, { rating: r.rating, reason: r.reason, agreedBy: r.agreedBy, agreedAt: r.agreedAt }]),
  );
}

/** A stored calculation: the engine's figures, flags and explanation, plus how and when it was made. */
export type AllocationRecord = Pick<
  Allocation,
  | "ruleSetId"
  | "eligible"
  | "points"
  | "nhsPence"
  | "councilPence"
  | "totalPence"
  | "weeklyPence"
  | "flags"
  | "explanation"
> & {
  id: string;
  basis: "self" | "agreed";
  /** `category`: the category the person was placed in, when the rule set has categories. */
  inputs: { ratings: RatingInput[]; informal: InformalSupport; category?: string };
  createdAt: string;
  createdBy: string;
};

/**
 * Works out the budget from the current answers under the rule set in force today (a published
 * rule set whose effective date has come, else ACTIVE_RULE_SET) and stores it as a new record. Old
 * records are never touched, so figures shown before stay true to how they were made.
 */
export async function calculateBudget(
  personId: string,
  basis: "self" | "agreed",
  by: string,
  ruleSetId?: string,
): Promise<AllocationRecord> {
  ruleSetId ??= await ruleSetIdInForce();
  const assessment = await currentAssessment(personId);
  if (!assessment?.informal) throw new Error("The assessment is not complete");
  const ruleSet = await findRuleSet(ruleSetId);
  if (!ruleSet) throw new Error(`No rule set ${ruleSetId}`);
  const ratings = ratingInputs(await answersOf(assessment.id), await agreedOf(assessment.id), basis === "agreed");
  // A placement counts under a rule set that has the category (a rule set in force later may not).
  const category = ruleSet.categories?.some((c) => c.id === assessment.categoryId)
    ? (assessment.categoryId ?? undefined)
    : undefined;
  const result = allocateBudget(ruleSet, { ratings: ratingsRecord(ratings), informal: assessment.informal, category });
  const record: AllocationRecord = {
    id: randomUUID(),
    basis,
    ruleSetId: result.ruleSetId,
    inputs: { ratings, informal: assessment.informal, ...(category ? { category } : {}) },
    eligible: result.eligible,
    points: result.points,
    nhsPence: result.nhsPence,
    councilPence: result.councilPence,
    totalPence: result.totalPence,
    weeklyPence: result.weeklyPence,
    flags: result.flags,
    explanation: result.explanation,
    createdAt: new Date().toISOString(),
    createdBy: by,
  };
  await db()
    .insert(allocations)
    .values({
      ...record,
      personId,
      assessmentId: assessment.id,
      inputs: JSON.stringify(record.inputs),
      flags: JSON.stringify(record.flags),
      explanation: JSON.stringify(record.explanation),
    });
  await audit({
    actorId: by,
    personId,
    action: "calculate-budget",
    target: record.id,
    result: "ok",
    detail: { basis, ruleSetId: record.ruleSetId, totalPence: record.totalPence },
  });
  return record;
}

/** Records an agreed rating with its reason, then a new calculation with the agreed ratings. */
export async function agreeRating(
  personId: string,
  area: NeedAreaKey,
  rating: number,
  reason: string,
  by: string,
): Promise<AllocationRecord> {
  const assessment = await currentAssessment(personId);
  if (!assessment) throw new Error("No assessment to agree a rating on");
  await db().insert(agreedRatings).values({
    id: randomUUID(),
    assessmentId: assessment.id,
    needArea: area,
    rating,
    reason,
    agreedBy: by,
    agreedAt: new Date().toISOString(),
  });
  await audit({
    actorId: by,
    personId,
    action: "agree-rating",
    target: area,
    result: "ok",
    detail: { rating, reason },
  });
  return await calculateBudget(personId, "agreed", by);
}

function toRecord(row: typeof allocations.$inferSelect): AllocationRecord {
  return {
    id: row.id,
    basis: row.basis,
    ruleSetId: row.ruleSetId,
    inputs: JSON.parse(row.inputs),
    eligible: row.eligible,
    points: row.points,
    nhsPence: row.nhsPence,
    councilPence: row.councilPence,
    totalPence: row.totalPence,
    weeklyPence: row.weeklyPence,
    flags: JSON.parse(row.flags),
    explanation: JSON.parse(row.explanation),
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  };
}

/** The newest calculation of each basis for the current assessment: the person's own and the agreed one. */
// Asked on most pages of a record (budget, plan, spending, grants): built once per connection.
const newestBudgetQuery = preparedQuery((d) =>
  d
    .select()
    .from(allocations)
    .where(
      and(
        eq(allocations.assessmentId, sql.placeholder("assessmentId")),
        eq(allocations.basis, sql.placeholder("basis")),
      ),
    )
    .orderBy(desc(allocations.createdAt))
    .limit(1)
    .prepare(),
);

export async function latestBudgets(personId: string): Promise<{ self?: AllocationRecord; agreed?: AllocationRecord }> {
  const assessment = await currentAssessment(personId);
  if (!assessment) return {};
  // Two seeks on allocations_assessment_basis_idx, the newest of each basis.
  const newest = async (basis: "self" | "agreed") => {
    const row = await firstRow(newestBudgetQuery().execute({ assessmentId: assessment.id, basis }));
    return row ? toRecord(row) : undefined;
  };
  return { self: await newest("self"), agreed: await newest("agreed") };
}

const allBudgetsQuery = preparedQuery((d) =>
  d
    .select()
    .from(allocations)
    .where(eq(allocations.personId, sql.placeholder("personId")))
    .orderBy(desc(allocations.createdAt))
    .prepare(),
);

/** Every calculation ever made for the person, newest first (for "my data"). */
export async function allBudgets(personId: string): Promise<AllocationRecord[]> {
  return (await allBudgetsQuery().execute({ personId })).map(toRecord);
}

/**
 * A new cycle begins at stage 1 with its own assessment: last cycle's answers (and who gave them) are
 * offered as the starting point, and a new budget is worked out from them under the active rule set.
 * Agreed ratings are not carried: the lead professional agrees afresh. The earlier assessment, its
 * answers and its calculations stay exactly as they were. Idempotent for a cycle.
 */
export async function startAssessmentForCycle(personId: string, cycle: number, by: string): Promise<AssessmentRow> {
  const previous = await currentAssessment(personId);
  if (previous && previous.cycle >= cycle) return previous;
  const id = randomUUID();
  await db()
    .insert(assessments)
    .values({ id, personId, cycle, informal: previous?.informal ?? null, informalBy: previous?.informalBy ?? null });
  if (previous) {
    const answers = await db().select().from(assessmentAnswers).where(eq(assessmentAnswers.assessmentId, previous.id));
    if (answers.length > 0)
      await db()
        .insert(assessmentAnswers)
        .values(answers.map((a) => ({ ...a, assessmentId: id })));
  }
  await audit({ actorId: by, personId, action: "start-assessment", target: id, result: "ok", detail: { cycle } });
  const calculatedBefore =
    previous &&
    (await firstRow(
      db().select({ id: allocations.id }).from(allocations).where(eq(allocations.assessmentId, previous.id)),
    ));
  if (previous?.informal && calculatedBefore) await calculateBudget(personId, "self", by);
  return (await currentAssessment(personId))!;
}
