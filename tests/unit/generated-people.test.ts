import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { loadRuleSet } from "~/content/rule-sets.server";
import { allocateBudget } from "~/domain/allocation";
import { ratingsRecord, type RatingInput } from "~/domain/assessment";
import { NEED_AREA_KEYS, type InformalSupport } from "~/domain/choices";

// The scale bench's people (scripts/generate-people.ts) stand for real use: a budget page the bench
// loads must show what the portal itself would have worked out, or the page measured is not the real one.
const dir = mkdtempSync(path.join(tmpdir(), "portal-generated-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("generates each budget as the portal works it out: the engine's figures and explanation from the stored answers", () => {
  const file = path.join(dir, "portal.sqlite");
  const made = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/generate-people.ts", "--people", "20", "--out", file],
    { encoding: "utf8" },
  );
  expect(made.status, made.stderr).toBe(0);
  const sqlite = new Database(file, { readonly: true });
  const rows = sqlite
    .prepare("select rule_set_id, inputs, eligible, total_pence, nhs_pence, flags, explanation from allocations")
    .all() as {
    rule_set_id: string;
    inputs: string;
    eligible: number;
    total_pence: number;
    nhs_pence: number;
    flags: string;
    explanation: string;
  }[];
  sqlite.close();
  expect(rows.length).toBeGreaterThan(20);
  for (const row of rows) {
    const ruleSet = loadRuleSet(row.rule_set_id);
    const inputs = JSON.parse(row.inputs) as { ratings: RatingInput[]; informal: InformalSupport };
    expect(inputs.ratings.map((r) => r.area).sort()).toEqual([...NEED_AREA_KEYS].sort());
    const again = allocateBudget(ruleSet, { ratings: ratingsRecord(inputs.ratings), informal: inputs.informal });
    expect({
      eligible: row.eligible === 1,
      totalPence: row.total_pence,
      nhsPence: row.nhs_pence,
      flags: JSON.parse(row.flags) as unknown,
      explanation: JSON.parse(row.explanation) as unknown,
    }).toEqual({
      eligible: again.eligible,
      totalPence: again.totalPence,
      nhsPence: again.nhsPence,
      flags: again.flags,
      explanation: again.explanation,
    });
  }
});
