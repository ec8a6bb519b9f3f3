import { assessmentComplete, type SelfAnswer } from "~/domain/assessment";
import { journeyStages, type JourneyFacts } from "~/domain/journey";
import { filledSections } from "~/domain/plan";
import { isArranged, organisingSchema, readStage } from "~/domain/plan-stages";
import { answersOf, currentAssessment, currentAssessmentsWithAnswers, type AssessmentRow } from "./assessment.server";
import { describeSave, partWords, whoSentence } from "~/domain/history-words";
import { allPlans, loadPlan, loadPlans, planHistoryPage, type LoadedPlan, type StoredSection } from "./plan.server";
import { userNames } from "./users.server";

/** Where the person is in the current cycle, and the current cycle's plan (a caseload row needs no more). */
export async function currentJourneyOf(personId: string) {
  const assessment = await currentAssessment(personId);
  const answers = assessment ? await answersOf(assessment.id) : new Map<string, SelfAnswer>();
  return journeyFrom(assessment, answers, await loadPlan(personId));
}

/** `currentJourneyOf` for each of a page of people (a caseload page), in four statements for the page. */
export async function currentJourneysOf(personIds: readonly string[]) {
  const assessed = await currentAssessmentsWithAnswers(personIds);
  // The journey counts entries and asks which parts hold something: the parts as stored say that.
  const loaded = await loadPlans(personIds, { asStored: true });
  return new Map(
    personIds.map((id) => {
      const { assessment, answers } = assessed.get(id)!;
      return [id, journeyFrom(assessment, answers, loaded.get(id)!)];
    }),
  );
}

function journeyFrom(assessment: AssessmentRow | undefined, answers: Map<string, SelfAnswer>, loaded: LoadedPlan) {
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
  return { journey: journeyStages(facts), plan: loaded.row };
}

/** The plain facts the journey is worked out from, for the person's current cycle, and the earlier cycles. */
export async function journeyOf(personId: string) {
  const { journey, plan } = await currentJourneyOf(personId);
  const current = plan?.cycle ?? 1;
  return {
    journey,
    cycle: current,
    earlierCycles: (await allPlans(personId))
      .filter((row) => row.cycle < current)
      .map((row) => ({ cycle: row.cycle, state: row.state, createdAt: row.createdAt })),
  };
}

/** One page of the saves of the current cycle's plan, newest first, with names: who, on whose behalf, which part. */
export async function historyOf(personId: string, personUserId: string, personName: string, asked: string | null) {
  const { rows, page, cycle } = await planHistoryPage(personId, asked);
  const names = await userNames(rows.map((r) => r.savedBy));
  return {
    page,
    rows: rows.map((row) => {
      const after: unknown = JSON.parse(row.content);
      const carried = row.capacity === "carried-forward";
      return {
        seq: row.seq,
        section: row.section as StoredSection,
        version: row.version,
        savedAt: row.savedAt,
        by: names.get(row.savedBy) ?? "",
        person: personName,
        who: whoSentence(row.capacity, row.savedBy === personUserId),
        fromCycle: cycle - 1,
        conflict: row.outcome === "conflict",
        // A part carried forward into a new cycle is named by its words; any other save by what it changed.
        kept: carried ? partWords(row.section, after) : [],
        lines: carried ? [] : describeSave(row.section, row.before, after),
      };
    }),
  };
}
