/**
 * Calibration CLI: runs a CSV of test cases through a rule set.
 *
 *   node --import tsx scripts/allocate.ts FILE.csv [--rules ID-or-PATH]
 *
 * --rules takes a published rule set id (content/rule-sets/<id>.json) or a path to a draft file;
 * the default is $ACTIVE_RULE_SET, else example-2026-1. Prints a JSON array of results on stdout
 * and each bad row on stderr. Exit 0: all rows fine; 1: some rows bad; 2: file or rules unreadable.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { contentDir, readContentJson } from "../app/content/read.server";
import { allocateCsv, CalibrationFileError } from "../app/domain/calibration";
import { checkRuleSetAgainstNeedAreas, needAreasFileSchema, ruleSetSchema, type RuleSet } from "../app/domain/rule-set";

const DEFAULT_RULE_SET = "example-2026-1";
const ID = /^[a-z0-9][a-z0-9-]*$/;

/** A published id or a draft file path, validated exactly as the portal validates content. */
export function loadRuleSet(ref: string, dir = contentDir()): RuleSet {
  if (ID.test(ref)) {
    const ruleSet = readContentJson(`rule-sets/${ref}.json`, ruleSetSchema, dir);
    if (ruleSet.id !== ref) throw new Error(`rule-sets/${ref}.json has id "${ruleSet.id}"; it must match the file name`);
    return ruleSet;
  }
  const file = path.resolve(ref);
  return readContentJson(path.basename(file), ruleSetSchema, path.dirname(file));
}

export function main(argv: string[]): number {
  let csvPath: string | undefined;
  let ref = process.env.ACTIVE_RULE_SET || DEFAULT_RULE_SET;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--rules") ref = argv[++i] ?? "";
    else if (arg.startsWith("--rules=")) ref = arg.slice("--rules=".length);
    else if (csvPath === undefined && !arg.startsWith("--")) csvPath = arg;
    else {
      console.error(`Unexpected argument: ${arg}`);
      csvPath = undefined;
      break;
    }
  }
  if (!csvPath || !ref) {
    console.error("Usage: node --import tsx scripts/allocate.ts FILE.csv [--rules ID-or-PATH]");
    return 2;
  }

  try {
    const needAreas = readContentJson("need-areas.json", needAreasFileSchema);
    const keys = needAreas.needAreas.map((area) => area.key);
    const ruleSet = loadRuleSet(ref);
    const problems = checkRuleSetAgainstNeedAreas(ruleSet, keys);
    if (problems.length) {
      throw new Error(`Rule set ${ref} does not fit the need areas:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    }
    const csvText = readFileSync(csvPath, "utf8");
    const { rows, errors } = allocateCsv(csvText, ruleSet, keys);
    console.log(JSON.stringify(rows, null, 2));
    for (const error of errors) console.error(`${csvPath} line ${error.line}: ${error.message}`);
    return errors.length ? 1 : 0;
  } catch (error) {
    if (error instanceof CalibrationFileError) console.error(`${csvPath}: ${error.message}`);
    else console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
