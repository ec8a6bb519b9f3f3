import { and, asc, desc, eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { planSectionHistory, planSections, plans } from "../../db/schema";
import { emptyPlan, planSchema, type Plan } from "~/domain/plan";
import { db } from "~/lib/db.server";
import { audit } from "./audit.server";

export type PlanRow = typeof plans.$inferSelect;

/** The plan's parts that are saved on their own, each with its own version. Keys of the Plan type. */
export const STORED_SECTIONS = ["outcomes", "items", "freeSupport", "risks", "crisis", "decisions", "resources", "overBudgetReason"] as const;
export type StoredSection = (typeof STORED_SECTIONS)[number];

/** The plan of the person's current cycle, if there is one. */
export function currentPlan(personId: string): PlanRow | undefined {
  return db().select().from(plans).where(eq(plans.personId, personId)).orderBy(desc(plans.cycle)).get();
}

export function ensurePlan(personId: string): PlanRow {
  const existing = currentPlan(personId);
  if (existing) return existing;
  db().insert(plans).values({ id: randomUUID(), personId, cycle: 1 }).onConflictDoNothing().run();
  return currentPlan(personId)!;
}

export interface LoadedPlan {
  row: PlanRow | undefined;
  plan: Plan;
  versions: Record<StoredSection, number>;
}

/** The whole plan as the domain sees it; sections never saved are empty, at version 0. */
export function loadPlan(personId: string): LoadedPlan {
  const row = currentPlan(personId);
  const plan = emptyPlan() as Record<StoredSection, unknown> & Plan;
  const versions = Object.fromEntries(STORED_SECTIONS.map((s) => [s, 0])) as Record<StoredSection, number>;
  if (row) {
    for (const stored of db().select().from(planSections).where(eq(planSections.planId, row.id)).all()) {
      const key = stored.section as StoredSection;
      if (!STORED_SECTIONS.includes(key)) continue;
      (plan as Record<string, unknown>)[key] = JSON.parse(stored.content);
      versions[key] = stored.version;
    }
  }
  // Stored parts were checked when saved; parsing again recomputes what is derived (yearly costs).
  const parsed = planSchema.safeParse(plan);
  return { row, plan: parsed.success ? parsed.data : plan, versions };
}

export type SaveResult =
  | { ok: true; version: number }
  | { ok: false; conflict: { theirs: unknown; theirVersion: number; savedBy: string; savedAt: string } };

/**
 * Saves one section if nobody has saved it since `expectedVersion` (or always, with "latest", for
 * additions that cannot overwrite anyone's words). A save that loses the race is kept in the history
 * as a conflict and handed back, so the person can compare and nothing typed is lost.
 */
export function saveSection(
  personId: string,
  section: StoredSection,
  content: unknown,
  expectedVersion: number | "latest",
  savedBy: string,
): SaveResult {
  const plan = ensurePlan(personId);
  const json = JSON.stringify(content);
  const now = new Date().toISOString();
  const onBehalfOf = personId;
  return db().transaction((tx) => {
    const current = tx
      .select()
      .from(planSections)
      .where(and(eq(planSections.planId, plan.id), eq(planSections.section, section)))
      .get();
    const currentVersion = current?.version ?? 0;
    if (expectedVersion !== "latest" && expectedVersion !== currentVersion) {
      tx.insert(planSectionHistory).values({ planId: plan.id, section, version: expectedVersion, content: json, savedBy, onBehalfOf, savedAt: now, outcome: "conflict" }).run();
      audit({ actorId: savedBy, personId, action: "save-plan-section", target: section, result: "refused", detail: { conflict: true, expectedVersion, currentVersion } });
      return { ok: false as const, conflict: { theirs: JSON.parse(current!.content), theirVersion: currentVersion, savedBy: current!.savedBy, savedAt: current!.savedAt } };
    }
    const version = currentVersion + 1;
    const row = { planId: plan.id, section, version, content: json, savedBy, onBehalfOf, savedAt: now };
    if (current) tx.update(planSections).set(row).where(and(eq(planSections.planId, plan.id), eq(planSections.section, section))).run();
    else tx.insert(planSections).values(row).run();
    tx.insert(planSectionHistory).values({ ...row, outcome: "saved" }).run();
    audit({ actorId: savedBy, personId, action: "save-plan-section", target: section, result: "ok", detail: { version } });
    return { ok: true as const, version };
  });
}

/** Every save of one plan, oldest first: who, when, on whose behalf, and whether it lost a race. */
export function planHistory(personId: string) {
  const plan = currentPlan(personId);
  if (!plan) return [];
  return db().select().from(planSectionHistory).where(eq(planSectionHistory.planId, plan.id)).orderBy(asc(planSectionHistory.seq)).all();
}

/** An id for a new entry in a plan list (outcome, item, risk...). */
export function newEntryId(): string {
  return randomUUID();
}

/**
 * Stage 7 brings the person back to stage 1: a new cycle whose plan starts as a copy of this one
 * (a new draft), while the finished plan and its history stay exactly as they were. Idempotent.
 */
export function startNextCycle(personId: string, by: string): PlanRow {
  const current = ensurePlan(personId);
  return db().transaction((tx) => {
    const newer = tx.select().from(plans).where(and(eq(plans.personId, personId), eq(plans.cycle, current.cycle + 1))).get();
    if (newer) return newer;
    const id = randomUUID();
    tx.insert(plans).values({ id, personId, cycle: current.cycle + 1 }).run();
    const now = new Date().toISOString();
    for (const section of tx.select().from(planSections).where(eq(planSections.planId, current.id)).all()) {
      const row = { planId: id, section: section.section, version: 1, content: section.content, savedBy: by, onBehalfOf: personId, savedAt: now };
      tx.insert(planSections).values(row).run();
      tx.insert(planSectionHistory).values({ ...row, outcome: "saved" }).run();
    }
    if (current.state !== "closed") tx.update(plans).set({ state: "closed" }).where(eq(plans.id, current.id)).run();
    audit({ actorId: by, personId, action: "start-next-cycle", target: id, result: "ok", detail: { cycle: current.cycle + 1 } });
    return tx.select().from(plans).where(eq(plans.id, id)).get()!;
  });
}

/** Every plan of every cycle, oldest first: earlier cycles stay readable. */
export function allPlans(personId: string): PlanRow[] {
  return db().select().from(plans).where(eq(plans.personId, personId)).orderBy(asc(plans.cycle)).all();
}

/** Sets the workflow state; only the sign-off workflow calls this, after planTransition allowed it. */
export function setPlanState(planId: string, state: PlanRow["state"]): void {
  db().update(plans).set({ state }).where(eq(plans.id, planId)).run();
}
