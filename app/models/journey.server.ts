import { assessmentComplete } from "~/domain/assessment";
import { journeyStages, type JourneyFacts } from "~/domain/journey";
import { filledSections } from "~/domain/plan";
import { isArranged, organisingSchema, readStage } from "~/domain/plan-stages";
import { answersOf, currentAssessment } from "./assessment.server";
import { allPlans, loadPlan, planHistoryPage, type StoredSection } from "./plan.server";
import { userNames } from "./users.server";

/** The plain facts the journey is worked out from, for the person's current cycle. */
export function journeyOf(personId: string) {
  const assessment = currentAssessment(personId);
  const answers = assessment ? answersOf(assessment.id) : new Map();
  const loaded = loadPlan(personId);
  const { plan } = loaded;
  const organising = readStage(organisingSchema, loaded.stages.organising, []);
  const facts: JourneyFacts = {
    assessment: { answered: answers.size, complete: assessmentComplete(answers, assessment?.informal ?? null) },
    resources: plan.resources.length,
    // Resources belong to stage 2; the plan's own sections say whether designing has begun.
    planSectionsFilled: filledSections(plan).filter((section) => section !== "resources").length,
    workflow: loaded.row?.state ?? null,
    organising: {
      entries: plan.items.length,
      arranged: plan.items.filter((item) => isArranged(organising.find((a) => a.itemId === item.id))).length,
    },
    reviewDone: false,
  };
  const current = loaded.row?.cycle ?? 1;
  return {
    journey: journeyStages(facts),
    cycle: current,
    earlierCycles: allPlans(personId)
      .filter((row) => row.cycle < current)
      .map((row) => ({ cycle: row.cycle, state: row.state, createdAt: row.createdAt })),
  };
}

/** The strings a saved part holds, in order, shortened: enough to recognise a save in the history. */
export function summariseContent(json: string, max = 400): string {
  const parts: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === "string") {
      if (value.trim()) parts.push(value.trim());
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  try {
    walk(JSON.parse(json));
  } catch {
    return "";
  }
  const text = parts.join(" · ");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One page of the saves of the current cycle's plan, newest first, with names: who, on whose behalf, which part. */
export function historyOf(personId: string, personUserId: string, personName: string, asked: string | null) {
  const { rows, page } = planHistoryPage(personId, asked);
  const names = userNames(rows.map((r) => r.savedBy));
  return {
    page,
    rows: rows.map((row) => ({
      seq: row.seq,
      section: row.section as StoredSection,
      version: row.version,
      savedAt: row.savedAt,
      by: names.get(row.savedBy) ?? "",
      onBehalfOf: row.savedBy === personUserId ? null : personName,
      conflict: row.outcome === "conflict",
      summary: summariseContent(row.content),
    })),
  };
}
