import { z } from "zod";
import { localizedText } from "~/domain/localized";
import type { PlanState } from "~/domain/workflow";

/**
 * The seven-stage cycle of self-directed support (docs/domain-guide.md, "The seven-stage cycle"). Not a locked wizard: every stage is
 * always reachable and people go back. This works out, from plain facts, how far each stage has got,
 * where the person is and what comes next. Names, descriptions and usual durations are content.
 */

export const STAGES = [
  "identifying-need",
  "mapping-resources",
  "designing-plan",
  "agreeing-support",
  "organising-support",
  "using-support",
  "reflecting",
] as const;
export type Stage = (typeof STAGES)[number];
export type StageState = "not-started" | "in-progress" | "done";

export type JourneyFacts = {
  assessment: { answered: number; complete: boolean };
  resources: number;
  /** How many plan sections hold something (filledSections(plan).length). */
  planSectionsFilled: number;
  /** null: no plan in this cycle yet. */
  workflow: PlanState | null;
  /** Things to arrange after sign-off (opening the account, finding a provider...) and how many are arranged. */
  organising: { entries: number; arranged: number };
  reviewDone: boolean;
};

export type Journey = {
  stages: { stage: Stage; state: StageState }[];
  current: Stage;
  /** After reflecting comes identifying need again: a new cycle. */
  next: Stage;
};

const SENT: readonly (PlanState | null)[] = ["submitted", "referred-to-panel", "changes-requested"];
const AGREED: readonly (PlanState | null)[] = ["signed-off", "in-review", "closed"];

export function journeyStages(facts: JourneyFacts): Journey {
  const { workflow } = facts;
  const cycleDone = workflow === "closed" || facts.reviewDone;
  const agreed = AGREED.includes(workflow);
  const sentOnce = agreed || SENT.includes(workflow);
  const designStarted = facts.planSectionsFilled > 0 || sentOnce;
  const { entries, arranged } = facts.organising;

  const state: Record<Stage, StageState> = {
    "identifying-need": facts.assessment.complete
      ? "done"
      : facts.assessment.answered > 0
        ? "in-progress"
        : "not-started",
    // Mapping has no natural end: it is done once the person has moved on to designing.
    "mapping-resources": facts.resources === 0 ? "not-started" : designStarted ? "done" : "in-progress",
    // Changes asked for means the plan is being worked on again.
    "designing-plan":
      workflow === "changes-requested"
        ? "in-progress"
        : sentOnce
          ? "done"
          : designStarted
            ? "in-progress"
            : "not-started",
    "agreeing-support": agreed ? "done" : sentOnce ? "in-progress" : "not-started",
    "organising-support":
      cycleDone || (entries > 0 && arranged >= entries) ? "done" : entries > 0 ? "in-progress" : "not-started",
    "using-support": cycleDone ? "done" : agreed && arranged > 0 ? "in-progress" : "not-started",
    reflecting: cycleDone ? "done" : workflow === "in-review" ? "in-progress" : "not-started",
  };

  const stages = STAGES.map((stage) => ({ stage, state: state[stage] }));
  // Where the person is: the furthest stage begun; if that one is finished, the one after it.
  const furthest = stages.findLastIndex((entry) => entry.state !== "not-started");
  const currentIndex =
    furthest === -1 ? 0 : stages[furthest]?.state === "done" ? Math.min(furthest + 1, STAGES.length - 1) : furthest;
  const current = STAGES[currentIndex] ?? "identifying-need";
  const next = STAGES[(currentIndex + 1) % STAGES.length] ?? "identifying-need";
  return { stages, current, next };
}

export const journeyFileSchema = z
  .object({
    translationStatus: z.string().min(1),
    stages: z
      .array(
        z
          .object({
            id: z.enum(STAGES),
            name: localizedText,
            whatHappens: localizedText,
            /** Seed 003, suggestion 7: honest expectations about how long it takes. */
            usualDuration: localizedText,
          })
          .strict(),
      )
      .length(STAGES.length),
  })
  .strict()
  .refine((file) => file.stages.every((stage, index) => stage.id === STAGES[index]), {
    message: "stages must be the seven stages, in order",
  });
export type JourneyFile = z.infer<typeof journeyFileSchema>;
