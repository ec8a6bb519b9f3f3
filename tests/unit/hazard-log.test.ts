import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript module shared with scripts/test.mjs
import { hazardLogMarkdown, LOG_FILE, problemsWith, readHazards } from "../../scripts/safety.mjs";

type Hazard = { id: string; controls: { tests: { file: string; title: string }[] }[] };

/** The clinical safety hazard log (docs/safety): every hazard guarded by tests that exist. */
describe("the hazard log", () => {
  const hazards = readHazards() as Hazard[];

  it("covers the hazards the safety case names, each with at least one control", () => {
    expect(hazards.length).toBeGreaterThanOrEqual(13);
    expect(problemsWith(hazards)).toEqual([]);
  });

  it("fails when a control names a test that does not exist, or one that is skipped", () => {
    const broken = structuredClone(hazards);
    broken[0]!.controls[0]!.tests = [{ file: "tests/unit/config.test.ts", title: "a test nobody wrote" }];
    broken[1]!.controls = [];
    const problems = problemsWith(broken) as string[];
    expect(problems.some((p) => p.includes("a test nobody wrote"))).toBe(true);
    expect(problems.some((p) => p.includes("has no control"))).toBe(true);
    // A cited test written as it.skip counts as missing.
    const root = mkdtempSync(path.join(tmpdir(), "hazards-"));
    mkdirSync(path.join(root, "tests"));
    writeFileSync(path.join(root, "tests/x.test.ts"), 'it.skip("keeps the crisis plan", () => {});\n');
    const skipped = {
      ...broken[2]!,
      controls: [{ control: "x", tests: [{ file: "tests/x.test.ts", title: "keeps the crisis plan" }] }],
    };
    expect(problemsWith([skipped], root)).toEqual([
      `${skipped.id}: "keeps the crisis plan" in tests/x.test.ts is skipped`,
    ]);
  });

  it("is written out as docs/safety/hazard-log.md exactly as the log says (npm run safety:log)", () => {
    expect(readFileSync(LOG_FILE, "utf8")).toBe(hazardLogMarkdown(hazards));
  });
});
