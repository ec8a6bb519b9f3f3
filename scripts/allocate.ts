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
import { activeRuleSetId, loadRuleSet } from "../app/content/rule-sets.server";
import { allocateCsv, CalibrationFileError } from "../app/domain/calibration";
import { NEED_AREA_KEYS } from "../app/domain/rule-set";

export { loadRuleSet };

export function main(argv: string[]): number {
  let csvPath: string | undefined;
  let ref = activeRuleSetId();
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
    const ruleSet = loadRuleSet(ref);
    const keys = NEED_AREA_KEYS;
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
