import { describe, expect, it } from "vitest";
import { readContentJson } from "~/content/read.server";
import { journeyFileSchema, journeyStages, STAGES, type JourneyFacts, type StageState } from "~/domain/journey";

const NOTHING: JourneyFacts = {
  assessment: { answered: 0, complete: false },
  resources: 0,
  planSectionsFilled: 0,
  workflow: null,
  organising: { entries: 0, arranged: 0 },
  reviewDone: false,
};

/** The seven states in stage order, for short assertions. */
const states = (facts: Partial<JourneyFacts>): StageState[] =>
  journeyStages({ ...NOTHING, ...facts }).stages.map((entry) => entry.state);
const where = (facts: Partial<JourneyFacts>) => {
  const { current, next } = journeyStages({ ...NOTHING, ...facts });
  return { current, next };
};

const ASSESSED = { assessment: { answered: 12, complete: true } };
const DESIGNING = { ...ASSESSED, resources: 3, planSectionsFilled: 4, workflow: "draft" as const };

describe("journeyStages", () => {
  it("starts at identifying need, every stage listed and none locked", () => {
    const journey = journeyStages(NOTHING);
    expect(journey.stages.map((entry) => entry.stage)).toEqual([...STAGES]);
    expect(states({})).toEqual(Array(7).fill("not-started"));
    expect(where({})).toEqual({ current: "identifying-need", next: "mapping-resources" });
  });

  it("shows a half-answered assessment as started", () => {
    expect(states({ assessment: { answered: 5, complete: false } })[0]).toBe("in-progress");
    expect(where({ assessment: { answered: 5, complete: false } }).current).toBe("identifying-need");
  });

  it("moves to mapping resources once the assessment is complete", () => {
    expect(states(ASSESSED)[0]).toBe("done");
    expect(where(ASSESSED)).toEqual({ current: "mapping-resources", next: "designing-plan" });
    expect(states({ ...ASSESSED, resources: 2 }).slice(0, 2)).toEqual(["done", "in-progress"]);
  });

  it("counts mapping as done once designing has begun, and lets people skip it", () => {
    expect(states(DESIGNING).slice(0, 4)).toEqual(["done", "done", "in-progress", "not-started"]);
    expect(where(DESIGNING)).toEqual({ current: "designing-plan", next: "agreeing-support" });
    expect(states({ ...DESIGNING, resources: 0 })[1]).toBe("not-started");
    expect(where({ ...DESIGNING, resources: 0 }).current).toBe("designing-plan");
  });

  it("is agreeing support once the plan is sent or with the panel", () => {
    for (const workflow of ["submitted", "referred-to-panel"] as const) {
      expect(states({ ...DESIGNING, workflow }).slice(2, 5)).toEqual(["done", "in-progress", "not-started"]);
      expect(where({ ...DESIGNING, workflow })).toEqual({ current: "agreeing-support", next: "organising-support" });
    }
  });

  it("reopens designing when changes are asked for", () => {
    expect(states({ ...DESIGNING, workflow: "changes-requested" }).slice(2, 4)).toEqual(["in-progress", "in-progress"]);
  });

  it("moves to organising once signed off", () => {
    const signedOff = { ...DESIGNING, workflow: "signed-off" as const };
    expect(states(signedOff).slice(3)).toEqual(["done", "not-started", "not-started", "not-started"]);
    expect(where(signedOff)).toEqual({ current: "organising-support", next: "using-support" });
  });

  it("is using support once something is arranged, organising done when everything is", () => {
    const some = { ...DESIGNING, workflow: "signed-off" as const, organising: { entries: 3, arranged: 1 } };
    expect(states(some).slice(4)).toEqual(["in-progress", "in-progress", "not-started"]);
    expect(where(some)).toEqual({ current: "using-support", next: "reflecting" });
    const all = { ...some, organising: { entries: 3, arranged: 3 } };
    expect(states(all).slice(4)).toEqual(["done", "in-progress", "not-started"]);
  });

  it("is reflecting during the review, and the next stage after it begins a new cycle", () => {
    const review = { ...DESIGNING, workflow: "in-review" as const, organising: { entries: 2, arranged: 2 } };
    expect(states(review)[6]).toBe("in-progress");
    expect(where(review)).toEqual({ current: "reflecting", next: "identifying-need" });
  });

  it("shows a finished cycle as done throughout", () => {
    const closed = { ...DESIGNING, workflow: "closed" as const, organising: { entries: 2, arranged: 2 } };
    expect(states(closed)).toEqual(Array(7).fill("done"));
    expect(where(closed)).toEqual({ current: "reflecting", next: "identifying-need" });
    expect(states({ ...DESIGNING, workflow: "in-review", reviewDone: true })[6]).toBe("done");
  });
});

describe("content/journey.json", () => {
  it("parses: the seven stages in order, each with a name, what happens and how long it usually takes", () => {
    const file = readContentJson("journey.json", journeyFileSchema);
    expect(file.stages.map((stage) => stage.id)).toEqual([...STAGES]);
    expect(file.translationStatus).toBe("ur and pl await review by a native speaker");
    for (const stage of file.stages) expect(stage.usualDuration.en).toMatch(/usually/);
  });

  it("refuses stages out of order", () => {
    const file = readContentJson("journey.json", journeyFileSchema);
    const swapped = { ...file, stages: [file.stages[1], file.stages[0], ...file.stages.slice(2)] };
    expect(journeyFileSchema.safeParse(swapped).success).toBe(false);
  });
});
