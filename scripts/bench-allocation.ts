/**
 * How long one indicative-budget calculation takes. Target: under 20 µs each.
 *   node --import tsx scripts/bench-allocation.ts [n]
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readContentJson } from "../app/content/read.server";
import { allocateBudget, type AllocationInput } from "../app/domain/allocation";
import { ruleSetSchema, type RuleSet } from "../app/domain/rule-set";
import { INFORMAL_SUPPORT, NEED_AREA_KEYS, type NeedAreaKey } from "../app/domain/choices";
import { prng } from "./prng";

const CONTENT = fileURLToPath(new URL("../content", import.meta.url));

function randomAssessments(count: number, seed: number): AllocationInput[] {
  const random = prng(seed);
  return Array.from({ length: count }, () => {
    const ratings = {} as Record<NeedAreaKey, number>;
    for (const key of NEED_AREA_KEYS) ratings[key] = Math.floor(random() * 5);
    return { ratings, informal: INFORMAL_SUPPORT[Math.floor(random() * 4)]! };
  });
}

export function benchAllocation(
  n = 100_000,
  ruleSet: RuleSet = readContentJson("rule-sets/example-2026-1.json", ruleSetSchema, CONTENT),
): { perAllocationMicros: number; n: number } {
  const inputs = randomAssessments(Math.min(n, 10_000), 2026);
  let sink = 0; // keeps the work observable so it is not optimised away
  for (let i = 0; i < 20_000; i++) sink += allocateBudget(ruleSet, inputs[i % inputs.length]!).totalPence;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink += allocateBudget(ruleSet, inputs[i % inputs.length]!).totalPence;
  const elapsedNs = Number(process.hrtime.bigint() - start);
  if (sink < 0) console.log(sink);
  return { perAllocationMicros: Math.round(elapsedNs / n / 10) / 100, n };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const n = process.argv[2] ? Number(process.argv[2]) : undefined;
  console.log(JSON.stringify(benchAllocation(n)));
}
