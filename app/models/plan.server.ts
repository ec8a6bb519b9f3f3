import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { planSectionHistory, planSections, plans } from "../../db/schema";
import { pageOf } from "~/domain/paging";
import { emptyPlan, planSchema, type Plan } from "~/domain/plan";
import { applySectionChange, sectionChange, type SectionChange } from "~/domain/plan-history";
import { isEditable, isOpenCycle, type PlanState, type Who } from "~/domain/workflow";
import { db, preparedQuery, firstRow, transaction, rowsChanged } from "~/lib/db.server";
import { audit } from "./audit.server";

export type PlanRow = typeof plans.$inferSelect;

/** The plan's parts that are saved on their own, each with its own version. Keys of the Plan type. */
export const PLAN_PARTS = [
  "outcomes",
  "items",
  "freeSupport",
  "risks",
  "crisis",
  "decisions",
  "resources",
  "overBudgetReason",
] as const;
export type PlanPart = (typeof PLAN_PARTS)[number];

/**
 * Records kept beside the plan, saved and versioned the same way, never part of the Plan type:
 * stages 5 to 7 (organising, the log of changes, reflecting) and the reason given when sending
 * (a whole text like any other, so two people cannot silently overwrite each other's words).
 */
export const STAGE_PARTS = ["organising", "changes", "reflection", "submitReason"] as const;
export type StagePart = (typeof STAGE_PARTS)[number];

export const STORED_SECTIONS = [...PLAN_PARTS, ...STAGE_PARTS] as const;
export type StoredSection = (typeof STORED_SECTIONS)[number];

/** Which stored parts a new cycle carries forward: the plan and how support is organised, not last cycle's log or review. */
const CARRIED_FORWARD: readonly string[] = [...PLAN_PARTS, "organising"];

/** The plan of the person's current cycle, if there is one. */
const currentPlanQuery = preparedQuery((d) =>
  d
    .select()
    .from(plans)
    .where(eq(plans.personId, sql.placeholder("personId")))
    .orderBy(desc(plans.cycle))
    .prepare(),
);

export async function currentPlan(personId: string): Promise<PlanRow | undefined> {
  return await firstRow(currentPlanQuery().execute({ personId }));
}

export async function ensurePlan(personId: string): Promise<PlanRow> {
  const existing = await currentPlan(personId);
  if (existing) return existing;
  await db().insert(plans).values({ id: randomUUID(), personId, cycle: 1 }).onConflictDoNothing();
  return (await currentPlan(personId))!;
}

export interface LoadedPlan {
  row: PlanRow | undefined;
  plan: Plan;
  /** The stage 5 to 7 records (raw JSON as saved; the caller parses with its schema). */
  stages: Partial<Record<StagePart, unknown>>;
  versions: Record<StoredSection, number>;
  /** Who last saved each part and when. */
  saved: Partial<Record<StoredSection, { savedBy: string; savedAt: string }>>;
}

/** The whole plan of the current cycle as the domain sees it; sections never saved are empty, at version 0. */
export async function loadPlan(personId: string): Promise<LoadedPlan> {
  return await loadPlanRow(await currentPlan(personId));
}

/** The plan of one cycle (earlier cycles stay readable). Cycle 1 reads as empty before anything is saved. */
export async function loadPlanOfCycle(personId: string, cycle: number): Promise<LoadedPlan | undefined> {
  const row = await firstRow(
    db()
      .select()
      .from(plans)
      .where(and(eq(plans.personId, personId), eq(plans.cycle, cycle))),
  );
  if (!row && cycle !== 1) return undefined;
  return await loadPlanRow(row);
}

const sectionsQuery = preparedQuery((d) =>
  d
    .select()
    .from(planSections)
    .where(eq(planSections.planId, sql.placeholder("planId")))
    .prepare(),
);

type SectionRow = typeof planSections.$inferSelect;

/** A plan's parts as they are stored now (one row a part, its latest save). */
export async function storedSectionsOf(planId: string): Promise<SectionRow[]> {
  return await sectionsQuery().execute({ planId });
}

async function loadPlanRow(row: PlanRow | undefined): Promise<LoadedPlan> {
  return planFromSections(row, row ? await storedSectionsOf(row.id) : []);
}

/**
 * The current cycle's plan of each of a page of people (a caseload page): two statements for the page,
 * not two a person. People with no plan yet get what `loadPlan` gives them (an empty plan, no row).
 * `asStored`: each part as it was checked and saved, not checked again, so without what the check
 * works out (yearly costs): for a caller that only counts entries and asks which parts hold something
 * (the caseload's journey column), where checking every person's whole plan again was most of the work.
 */
export async function loadPlans(
  personIds: readonly string[],
  { asStored = false }: { asStored?: boolean } = {},
): Promise<Map<string, LoadedPlan>> {
  const current = new Map<string, PlanRow>();
  if (personIds.length > 0)
    for (const row of await db()
      .select()
      .from(plans)
      .where(inArray(plans.personId, [...personIds]))) {
      const seen = current.get(row.personId);
      if (!seen || row.cycle > seen.cycle) current.set(row.personId, row);
    }
  const sectionsOf = new Map<string, SectionRow[]>();
  const planIds = [...current.values()].map((row) => row.id);
  if (planIds.length > 0)
    for (const section of await db().select().from(planSections).where(inArray(planSections.planId, planIds))) {
      const list = sectionsOf.get(section.planId);
      if (list) list.push(section);
      else sectionsOf.set(section.planId, [section]);
    }
  return new Map(
    personIds.map((id) => {
      const row = current.get(id);
      return [id, planFromSections(row, row ? (sectionsOf.get(row.id) ?? []) : [], !asStored)];
    }),
  );
}

function planFromSections(row: PlanRow | undefined, sections: readonly SectionRow[], check = true): LoadedPlan {
  const plan = emptyPlan() as Record<PlanPart, unknown> & Plan;
  const stages: LoadedPlan["stages"] = {};
  const saved: LoadedPlan["saved"] = {};
  const versions = Object.fromEntries(STORED_SECTIONS.map((s) => [s, 0])) as Record<StoredSection, number>;
  if (row) {
    for (const stored of sections) {
      const key = stored.section as StoredSection;
      if ((PLAN_PARTS as readonly string[]).includes(key))
        (plan as Record<string, unknown>)[key] = JSON.parse(stored.content);
      else if ((STAGE_PARTS as readonly string[]).includes(key)) stages[key as StagePart] = JSON.parse(stored.content);
      else continue;
      versions[key] = stored.version;
      saved[key] = { savedBy: stored.savedBy, savedAt: stored.savedAt };
    }
  }
  // Stored parts were checked when saved; parsing again recomputes what is derived (yearly costs).
  if (!check) return { row, plan, stages, versions, saved };
  const parsed = planSchema.safeParse(plan);
  return { row, plan: parsed.success ? parsed.data : plan, stages, versions, saved };
}

export type SaveResult =
  | { ok: true; version: number }
  | { ok: false; conflict: { theirs: unknown; theirVersion: number; savedBy: string; savedAt: string } }
  | { ok: false; notNow: PlanState };

/** Who saves, and in what capacity towards the person (for the history's plain words). */
export interface SavedBy {
  userId: string;
  capacity: Who;
}

/**
 * What a save needs of the plan's state: "edit" for the plan's own parts (only while it is being
 * written), "record-use" for stages 5 to 7 (while the cycle is open and nobody is deciding on it).
 */
export type SaveWhen = "edit" | "record-use";
const ALLOWED: Record<SaveWhen, (state: PlanState) => boolean> = { edit: isEditable, "record-use": isOpenCycle };

/** Whether the current plan can take a save of this kind now (for a page deciding whether to show its form). */
export function canSaveNow(row: PlanRow | undefined, when: SaveWhen): boolean {
  return ALLOWED[when]((row?.state ?? "draft") as PlanState);
}

/**
 * Saves one section if the plan's state allows it and nobody has saved it since `expectedVersion`
 * (or always, with "latest", for additions that cannot overwrite anyone's words). The state and the
 * version are checked inside the write's transaction, after the request's body was read: nothing
 * lands in a plan that was sent meanwhile. `content` may be worked out from what is stored now
 * (adding to a list), inside the same transaction. A save that loses the race is kept in the history
 * as a conflict and handed back, so the person can compare and nothing typed is lost.
 */
export async function saveSection(
  personId: string,
  section: StoredSection,
  content: unknown | ((stored: unknown) => unknown),
  expectedVersion: number | "latest",
  by: SavedBy,
  when: SaveWhen,
): Promise<SaveResult> {
  await ensurePlan(personId);
  const savedBy = by.userId;
  const now = new Date().toISOString();
  const onBehalfOf = personId;
  return await transaction(async () => {
    const plan = (await firstRow(
      db().select().from(plans).where(eq(plans.personId, personId)).orderBy(desc(plans.cycle)),
    ))!;
    if (!ALLOWED[when](plan.state as PlanState)) {
      await audit({
        actorId: savedBy,
        personId,
        action: "save-plan-section",
        target: section,
        result: "refused",
        detail: { state: plan.state },
      });
      return { ok: false as const, notNow: plan.state as PlanState };
    }
    const current = await firstRow(
      db()
        .select()
        .from(planSections)
        .where(and(eq(planSections.planId, plan.id), eq(planSections.section, section))),
    );
    const json = JSON.stringify(
      typeof content === "function"
        ? (content as (stored: unknown) => unknown)(current ? JSON.parse(current.content) : undefined)
        : content,
    );
    const currentVersion = current?.version ?? 0;
    if (expectedVersion !== "latest" && expectedVersion !== currentVersion) {
      await db().insert(planSectionHistory).values({
        planId: plan.id,
        section,
        version: expectedVersion,
        content: json,
        savedBy,
        onBehalfOf,
        capacity: by.capacity,
        savedAt: now,
        outcome: "conflict",
      });
      await audit({
        actorId: savedBy,
        personId,
        action: "save-plan-section",
        target: section,
        result: "refused",
        detail: { conflict: true, expectedVersion, currentVersion },
      });
      return {
        ok: false as const,
        conflict: {
          theirs: JSON.parse(current!.content),
          theirVersion: currentVersion,
          savedBy: current!.savedBy,
          savedAt: current!.savedAt,
        },
      };
    }
    const version = currentVersion + 1;
    const row = { planId: plan.id, section, version, content: json, savedBy, onBehalfOf, savedAt: now };
    if (current)
      await db()
        .update(planSections)
        .set(row)
        .where(and(eq(planSections.planId, plan.id), eq(planSections.section, section)));
    else await db().insert(planSections).values(row);
    await db()
      .insert(planSectionHistory)
      .values({ ...row, ...compactHistoryContent(current?.content, json), capacity: by.capacity, outcome: "saved" });
    await audit({
      actorId: savedBy,
      personId,
      action: "save-plan-section",
      target: section,
      result: "ok",
      detail: { version },
    });
    return { ok: true as const, version };
  });
}

/**
 * One page of the saves of the current cycle's plan, newest first: who, when, on whose behalf, and
 * whether it lost a race; each save's content as the section then stood (rebuilt from the compact history).
 */
export async function planHistoryPage(personId: string, asked: string | null) {
  const plan = await currentPlan(personId);
  if (!plan) return { rows: [], page: pageOf(asked, 0), cycle: 1 };
  const versions = (await planSectionVersions(plan.id)).reverse();
  const page = pageOf(asked, versions.length);
  const rows = versions
    .slice(page.offset, page.offset + page.limit)
    .map((row) => ({ ...row, content: JSON.stringify(row.content) }));
  return { rows, page, cycle: plan.cycle };
}

/**
 * What the history keeps of a save: the first save of a section whole, every later one as only what
 * it changed (app/domain/plan-history.ts), so a year of small edits stays small.
 */
function compactHistoryContent(previousJson: string | undefined, json: string) {
  if (previousJson === undefined) return { content: json, storedAs: "whole" as const };
  return {
    content: JSON.stringify(sectionChange(JSON.parse(previousJson), JSON.parse(json))),
    storedAs: "change" as const,
  };
}

const sectionVersionsQuery = preparedQuery((d) =>
  d
    .select()
    .from(planSectionHistory)
    .where(eq(planSectionHistory.planId, sql.placeholder("planId")))
    .orderBy(asc(planSectionHistory.seq))
    .prepare(),
);

const saveCountQuery = preparedQuery((d) =>
  d
    .select({ saves: count() })
    .from(planSectionHistory)
    .where(eq(planSectionHistory.planId, sql.placeholder("planId")))
    .prepare(),
);

/** How many times the parts of one plan were saved (every row of its history, a save that lost a race too). */
export async function planSaveCount(planId: string): Promise<number> {
  return (await saveCountQuery().execute({ planId }))[0]?.saves ?? 0;
}

/**
 * Every version of every section of one plan as it was saved, oldest first, rebuilt from the compact
 * history (a save that lost a race is as typed, and does not change what the next save builds on).
 */
export async function planSectionVersions(planId: string) {
  const latest = new Map<string, unknown>();
  return (await sectionVersionsQuery().execute({ planId })).map((row) => {
    const stored: unknown = JSON.parse(row.content);
    // What the section held before this save (for the history's plain words: what it changed).
    const before = latest.get(row.section);
    const content = row.storedAs === "change" ? applySectionChange(before, stored as SectionChange) : stored;
    if (row.outcome === "saved") latest.set(row.section, content);
    return { ...row, content, before };
  });
}

/** An id for a new entry in a plan list (outcome, item, risk...). */
export function newEntryId(): string {
  return randomUUID();
}

/**
 * Stage 7 brings the person back to stage 1: a new cycle whose plan starts as a copy of this one
 * (a new draft), while the finished plan and its history stay exactly as they were. Only a closed
 * cycle (the review held: planTransition "complete-review") opens the next one. Idempotent.
 * Called inside the review's transaction.
 */
export async function openNextCycle(personId: string, by: string): Promise<PlanRow> {
  const current = await ensurePlan(personId);
  if (current.state !== "closed") throw new Error("Only a finished cycle opens the next one");
  return await transaction(async () => {
    const newer = await firstRow(
      db()
        .select()
        .from(plans)
        .where(and(eq(plans.personId, personId), eq(plans.cycle, current.cycle + 1))),
    );
    if (newer) return newer;
    const id = randomUUID();
    await db()
      .insert(plans)
      .values({ id, personId, cycle: current.cycle + 1 });
    const now = new Date().toISOString();
    for (const section of await db().select().from(planSections).where(eq(planSections.planId, current.id))) {
      if (!CARRIED_FORWARD.includes(section.section)) continue;
      const row = {
        planId: id,
        section: section.section,
        version: 1,
        content: section.content,
        savedBy: by,
        onBehalfOf: personId,
        savedAt: now,
      };
      await db().insert(planSections).values(row);
      await db()
        .insert(planSectionHistory)
        .values({ ...row, capacity: "carried-forward", outcome: "saved" });
    }
    await audit({
      actorId: by,
      personId,
      action: "start-next-cycle",
      target: id,
      result: "ok",
      detail: { cycle: current.cycle + 1 },
    });
    return (await firstRow(db().select().from(plans).where(eq(plans.id, id))))!;
  });
}

/** Every plan of every cycle, oldest first: earlier cycles stay readable. */
const allPlansQuery = preparedQuery((d) =>
  d
    .select()
    .from(plans)
    .where(eq(plans.personId, sql.placeholder("personId")))
    .orderBy(asc(plans.cycle))
    .prepare(),
);

export async function allPlans(personId: string): Promise<PlanRow[]> {
  return await allPlansQuery().execute({ personId });
}

/**
 * Moves the plan from one state to the next, only if it is still in `from` (checked in the same
 * statement); only the sign-off workflow calls this, after planTransition allowed the step.
 * Returns false when someone else moved the plan first.
 */
export async function setPlanState(planId: string, from: PlanRow["state"], to: PlanRow["state"]): Promise<boolean> {
  return (
    rowsChanged(
      await db()
        .update(plans)
        .set({ state: to })
        .where(and(eq(plans.id, planId), eq(plans.state, from))),
    ) === 1
  );
}
