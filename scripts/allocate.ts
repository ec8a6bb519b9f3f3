/**
 * Calibration CLI: runs a CSV of test cases through a rule set.
 *
 *   node --import tsx scripts/allocate.ts FILE.csv [--rules ID-or-PATH]
 *
 * --rules takes a published rule set id (content/rule-sets/<id>.json) or a path to a draft file;
 * the default is $ACTIVE_RULE_SET, else example-2026-1. Prints a JSON array of results on stdout,
 * one row at a time as each is worked out (the file is streamed: any length in bounded memory), and
 * each bad row on stderr. Exit 0: all rows fine; 1: some rows bad; 2: file or rules unreadable.
 */
import { createReadStream } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import type { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { activeRuleSetId, loadRuleSet } from "../app/content/rule-sets.server";
import { CalibrationFileError } from "../app/domain/calibration";
import { calibrateCsv } from "../app/lib/calibration-csv.server";

export { loadRuleSet };

/** Writes and waits when the reader is slower (a pipe to another program, a slow disk). */
async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

export async function main(
  argv: string[],
  io: { stdout: Writable; stderr: Writable } = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let csvPath: string | undefined;
  let ref = activeRuleSetId();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--rules") ref = argv[++i] ?? "";
    else if (arg.startsWith("--rules=")) ref = arg.slice("--rules=".length);
    else if (csvPath === undefined && !arg.startsWith("--")) csvPath = arg;
    else {
      io.stderr.write(`Unexpected argument: ${arg}\n`);
      csvPath = undefined;
      break;
    }
  }
  if (!csvPath || !ref) {
    io.stderr.write("Usage: node --import tsx scripts/allocate.ts FILE.csv [--rules ID-or-PATH]\n");
    return 2;
  }

  let started = false;
  try {
    const ruleSet = loadRuleSet(ref);
    let rows = 0;
    let bad = 0;
    for await (const event of calibrateCsv(createReadStream(csvPath, { highWaterMark: 256 * 1024 }), ruleSet)) {
      if (event.kind === "error") {
        bad++;
        await write(io.stderr, `${csvPath} line ${event.line}: ${event.message}\n`);
        continue;
      }
      await write(io.stdout, `${rows++ === 0 ? "[\n" : ",\n"}  ${JSON.stringify(event.row)}`);
      started = true;
    }
    await write(io.stdout, rows === 0 ? "[]\n" : "\n]\n");
    return bad ? 1 : 0;
  } catch (error) {
    // Rows already printed stay valid JSON: the array is closed before saying why it stopped.
    if (started) io.stdout.write("\n]\n");
    if (error instanceof CalibrationFileError) io.stderr.write(`${csvPath}: ${error.message}\n`);
    else io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
