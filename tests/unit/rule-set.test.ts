import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ContentError, readContentJson } from "~/content/read.server";
import { LANGUAGES } from "~/domain/localized";
import { needAreasFileSchema, ruleSetSchema, type RuleSet } from "~/domain/rule-set";
import { NEED_AREA_KEYS } from "~/domain/choices";

const TRANSLATION_STATUS = "ur and pl await review by a native speaker";

describe("shipped content", () => {
  const needAreas = readContentJson("need-areas.json", needAreasFileSchema);
  const keys = needAreas.needAreas.map((a) => a.key);

  it("need-areas.json has the twelve need areas of the spec, in order, each with five ratings", () => {
    expect(keys).toEqual([...NEED_AREA_KEYS]);
    for (const area of needAreas.needAreas) expect(area.ratings).toHaveLength(5);
    expect(Object.keys(needAreas.informalSupport.answers)).toEqual(["none", "a-little", "a-lot", "most"]);
    expect(needAreas.informalSupport.question.en).toBe(
      "How much of your day-to-day support comes from family and friends?",
    );
    expect(needAreas.translationStatus).toBe(TRANSLATION_STATUS);
  });

  const files = readdirSync("content/rule-sets").filter((f) => f.endsWith(".json"));
  it("ships the three example rule sets", () => {
    expect(files.sort()).toEqual([
      "example-2026-1.json",
      "example-bands-2026-1.json",
      "example-categories-2026-1.json",
    ]);
  });

  it.each(files)("%s parses, fits the need areas, is named by its id and says it is an example", (file) => {
    const ruleSet = readContentJson(`rule-sets/${file}`, ruleSetSchema);
    expect(Object.keys(ruleSet.weights)).toEqual(keys);
    expect(`${ruleSet.id}.json`).toBe(file);
    expect(ruleSet.label.en).toMatch(/example figures only, not any council's real tariff/);
    expect(ruleSet.translationStatus).toBe(TRANSLATION_STATUS);
  });

  it("example-2026-1 is exactly the spec's example", () => {
    const r = readContentJson("rule-sets/example-2026-1.json", ruleSetSchema);
    expect(r).toMatchObject({ pricePerPointPounds: 300, threshold: 12, usualMaximumPounds: 24000 });
    expect(r.bands).toBeUndefined();
    expect(r.weights).toEqual({
      mood: 3,
      experiences: 3,
      "keeping-safe": 3,
      "others-safety": 2,
      substances: 2,
      thinking: 2,
      physical: 2,
      "daily-living": 2,
      relationships: 1,
      activity: 1,
      housing: 1,
      caring: 1,
    });
    expect(r.nhsShares).toEqual({
      mood: 80,
      experiences: 90,
      "keeping-safe": 80,
      "others-safety": 70,
      substances: 60,
      thinking: 70,
      physical: 50,
      "daily-living": 20,
      relationships: 30,
      activity: 20,
      housing: 10,
      caring: 20,
    });
    expect(r.informalMultipliers).toEqual({ none: 100, "a-little": 95, "a-lot": 85, most: 75 });
  });

  it("every locale file of the allocation namespace says its translation status", () => {
    for (const lang of LANGUAGES) {
      const json = JSON.parse(readFileSync(`content/locales/${lang}/allocation.json`, "utf8"));
      expect(json._translationStatus).toBe(TRANSLATION_STATUS); // "_" keys are notes, not messages
    }
  });
});

// ------------------------------------------------------------------------------------------------

const dir = mkdtempSync(path.join(tmpdir(), "rule-set-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const example = JSON.parse(readFileSync("content/rule-sets/example-2026-1.json", "utf8")) as RuleSet;

/** Writes a rule set file and reads it back as the portal does; returns the problems it reports. */
function problemsReading(ruleSet: unknown): string[] {
  writeFileSync(path.join(dir, "draft.json"), JSON.stringify(ruleSet));
  try {
    readContentJson("draft.json", ruleSetSchema, dir);
    return [];
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    expect(error.file).toBe("draft.json");
    return error.problems;
  }
}

const banded = (bands: { from: number; to: number; amountPounds: number }[]) => {
  const { pricePerPointPounds: _p, threshold: _t, ...rest } = example;
  return { ...rest, id: "draft-bands", bands };
};

describe("rule set validation", () => {
  it("accepts the example as it is", () => {
    expect(problemsReading(example)).toEqual([]);
  });

  it("refuses an NHS share of 120, naming the field", () => {
    const problems = problemsReading({ ...example, nhsShares: { ...example.nhsShares, mood: 120 } });
    expect(problems).toEqual([expect.stringMatching(/^nhsShares\.mood: must be at most 100/)]);
  });

  it("refuses a share that is not a whole number", () => {
    expect(problemsReading({ ...example, nhsShares: { ...example.nhsShares, housing: 12.5 } })).toEqual([
      expect.stringMatching(/^nhsShares\.housing: must be a whole number/),
    ]);
  });

  it("refuses a negative price", () => {
    expect(problemsReading({ ...example, pricePerPointPounds: -300 })).toEqual([
      expect.stringMatching(/^pricePerPointPounds: must be at least 0/),
    ]);
  });

  it("refuses a usual maximum that is not a multiple of £10", () => {
    expect(problemsReading({ ...example, usualMaximumPounds: 24005 })).toEqual([
      "usualMaximumPounds: must be a multiple of 10 (whole pounds a year)",
    ]);
  });

  it("refuses a multiplier above 100 and a stranger field", () => {
    const problems = problemsReading({
      ...example,
      informalMultipliers: { ...example.informalMultipliers, most: 175 },
      colour: "blue",
    });
    expect(problems).toContainEqual(expect.stringMatching(/^informalMultipliers\.most: must be at most 100/));
    expect(problems).toContainEqual(expect.stringMatching(/colour/));
  });

  it("refuses a label missing a language", () => {
    expect(problemsReading({ ...example, label: { en: "Example" } })).toContainEqual(
      expect.stringMatching(/^label\.ur:/),
    );
  });

  it("refuses a missing or a stranger need area, naming the path", () => {
    const { caring: _c, ...weights } = example.weights;
    expect(problemsReading({ ...example, weights, nhsShares: { ...example.nhsShares, sleep: 50 } })).toEqual([
      "weights.caring: is missing",
      "nhsShares.sleep: is not a need area",
    ]);
  });

  it("refuses both forms at once, and neither form", () => {
    const both = { ...banded([{ from: 0, to: 11, amountPounds: 0 }]), pricePerPointPounds: 300, threshold: 12 };
    expect(problemsReading(both)).toEqual([
      "pricePerPointPounds: give either pricePerPointPounds and threshold, or bands, not both",
    ]);
    const { pricePerPointPounds: _p, threshold: _t, ...neither } = example;
    expect(problemsReading(neither)).toEqual([
      "pricePerPointPounds: is required when there are no bands",
      "threshold: is required when there are no bands",
    ]);
  });

  it("accepts bands that are in order with no gaps or overlaps", () => {
    const fine = banded([
      { from: 0, to: 11, amountPounds: 0 },
      { from: 12, to: 20, amountPounds: 2000 },
      { from: 21, to: 30, amountPounds: 4500 },
    ]);
    expect(problemsReading(fine)).toEqual([]);
  });

  it("refuses overlapping bands, naming the band", () => {
    const overlapping = banded([
      { from: 0, to: 11, amountPounds: 0 },
      { from: 12, to: 20, amountPounds: 2000 },
      { from: 18, to: 30, amountPounds: 4500 },
    ]);
    expect(problemsReading(overlapping)).toEqual([
      "bands.2.from: overlaps the band before: must be 21, one more than the previous band's to (20)",
    ]);
  });

  it("refuses a gap between bands", () => {
    const gap = banded([
      { from: 0, to: 11, amountPounds: 0 },
      { from: 13, to: 20, amountPounds: 2000 },
    ]);
    expect(problemsReading(gap)).toEqual([
      "bands.1.from: leaves a gap after the band before: must be 12, one more than the previous band's to (11)",
    ]);
  });

  it("refuses a band ending before it starts, a falling amount, a budget at 0 points and a negative amount", () => {
    expect(problemsReading(banded([{ from: 12, to: 5, amountPounds: 100 }]))).toEqual([
      "bands.0.to: must not be below from (12)",
    ]);
    expect(
      problemsReading(
        banded([
          { from: 12, to: 20, amountPounds: 3000 },
          { from: 21, to: 30, amountPounds: 2000 },
        ]),
      ),
    ).toEqual(["bands.1.amountPounds: must not be less than the band before (3000)"]);
    expect(problemsReading(banded([{ from: 0, to: 20, amountPounds: 500 }]))).toEqual([
      "bands.0.amountPounds: a band starting at 0 points must be 0",
    ]);
    expect(problemsReading(banded([{ from: 12, to: 20, amountPounds: -5 }]))).toEqual([
      expect.stringMatching(/^bands\.0\.amountPounds: must be at least 0/),
    ]);
  });
});

describe("need areas file validation", () => {
  const file = JSON.parse(readFileSync("content/need-areas.json", "utf8"));

  it("refuses a missing need area and a repeated one", () => {
    const areas = file.needAreas.slice(0, 11);
    expect(needAreasFileSchema.safeParse({ ...file, needAreas: areas }).error?.issues.map((i) => i.message)).toEqual([
      "need area caring is missing",
    ]);
    const repeated = [...areas, areas[0]];
    const issues = needAreasFileSchema.safeParse({ ...file, needAreas: repeated }).error?.issues ?? [];
    expect(issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "needAreas.11.key: mood appears twice",
      "needAreas: need area caring is missing",
    ]);
  });

  it("refuses a need area with four ratings instead of five", () => {
    const areas = structuredClone(file.needAreas);
    areas[0].ratings.pop();
    expect(needAreasFileSchema.safeParse({ ...file, needAreas: areas }).success).toBe(false);
  });
});
