/**
 * How long trying a rule set against a file of cases takes, as the commissioners' page does it:
 * the file read with the calibration command's streaming reader, every case worked out under the
 * draft and under the rule set in force, and the whole file summed up.
 *   node --import tsx scripts/bench-trial.ts [cases]
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readContentJson } from "../app/content/read.server";
import { ruleSetSchema } from "../app/domain/rule-set";
import { INFORMAL_SUPPORT, NEED_AREA_KEYS } from "../app/domain/choices";
import { runTrial } from "../app/routes/scheme/trial.server";

const CONTENT = fileURLToPath(new URL("../content", import.meta.url));

/** A calibration file of random cases (seeded, so every run reads the same file). */
function casesFile(count: number): Uint8Array {
  let seed = 2026;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const lines = [["case", ...NEED_AREA_KEYS, "informal"].join(",")];
  for (let i = 1; i <= count; i++)
    lines.push(
      [`C${i}`, ...NEED_AREA_KEYS.map(() => (next() >>> 16) % 5), INFORMAL_SUPPORT[(next() >>> 16) % 4]].join(","),
    );
  return new TextEncoder().encode(`${lines.join("\n")}\n`);
}

export async function benchTrial(n = 100_000): Promise<{ cases: number; megabytes: number; seconds: number }> {
  const draft = readContentJson("rule-sets/example-bands-2026-1.json", ruleSetSchema, CONTENT);
  const current = readContentJson("rule-sets/example-2026-1.json", ruleSetSchema, CONTENT);
  const bytes = casesFile(n);
  const result = await runTrial(bytes, draft, current);
  if (!result.ok) throw new Error(result.problems.join("; "));
  return {
    cases: result.summary.cases,
    megabytes: Math.round(bytes.length / 1e4) / 100,
    seconds: Math.round(result.milliseconds / 10) / 100,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const n = process.argv[2] ? Number(process.argv[2]) : undefined;
  console.log(JSON.stringify(await benchTrial(n)));
}
