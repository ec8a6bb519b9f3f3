import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NEED_AREA_KEYS } from "~/domain/choices";

// The suite streams 300,000 rows through a 32 MB heap: reading the file whole (as before) cannot fit.
// CALIBRATION_ROWS=3000000 runs the full 3-million-row file (peak memory ~130 MB, ~1 min of CPU).
const ROWS = Number(process.env.CALIBRATION_ROWS ?? 300_000);
const HEAP_MB = 32;
const dir = mkdtempSync(path.join(tmpdir(), "calibration-3m-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A calibration file of ROWS rows (about 39 bytes a row), written as a stream. */
async function writeBigCsv(file: string) {
  const out = createWriteStream(file);
  const informal = ["none", "a-little", "a-lot", "most"];
  out.write(`case,${NEED_AREA_KEYS.join(",")},informal\n`);
  for (let i = 0; i < ROWS; i++) {
    let row = `case-${i}`;
    for (let k = 0; k < NEED_AREA_KEYS.length; k++) row += `,${(i * 7 + k * 3) % 5}`;
    if (!out.write(`${row},${informal[i % 4]}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "close");
}

// The command runs in its own process with the JavaScript heap capped, and reports its peak memory.
const RUNNER = `
const { main } = await import(${JSON.stringify(path.resolve("scripts/allocate.ts"))});
const { Writable } = await import("node:stream");
let rows = 0, tail = "";
const stdout = new Writable({ write(chunk, _e, done) { const s = chunk.toString(); for (const c of s) if (c === "\\n") rows++; tail = (tail + s).slice(-400); done(); } });
const code = await main([process.argv[1]], { stdout, stderr: process.stderr });
process.stdout.write(JSON.stringify({ code, lines: rows, tail, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
`;

describe("the calibration command streams", () => {
  it(
    `works out ${ROWS.toLocaleString("en-GB")} rows with a ${HEAP_MB} MB heap and bounded memory`,
    async () => {
      const file = path.join(dir, "many-rows.csv");
      await writeBigCsv(file);
      const child = spawn(
        process.execPath,
        [`--max-old-space-size=${HEAP_MB}`, "--import", "tsx", "--input-type=module", "--eval", RUNNER, file],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      let out = "";
      let err = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
      const [exitCode] = await once(child, "close");
      expect(err).toBe("");
      expect(exitCode).toBe(0);
      const report = JSON.parse(out) as { code: number; lines: number; tail: string; maxRssMb: number };
      expect(report.code).toBe(0);
      // "[", one line per row, "]"
      expect(report.lines).toBe(ROWS + 2);
      expect(report.tail).toContain(`"case":"case-${ROWS - 1}"`);
      console.log(`calibration of ${ROWS} rows: peak memory ${report.maxRssMb} MB`);
      expect(report.maxRssMb).toBeLessThan(256);
    },
    15 * 60_000,
  );
});
