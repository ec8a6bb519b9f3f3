import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { readContentJson } from "~/content/read.server";
import { CalibrationFileError, penceToPoundsString, type CalibrationRow } from "~/domain/calibration";
import { calibrateCsv } from "~/lib/calibration-csv.server";
import { ruleSetSchema, type RuleSet } from "~/domain/rule-set";
import { NEED_AREA_KEYS } from "~/domain/choices";
import { main } from "../../scripts/allocate";

const example = readContentJson("rule-sets/example-2026-1.json", ruleSetSchema);
const keys = [...NEED_AREA_KEYS];
const HEADER = `case,${keys.join(",")},informal`;

// Case "A" (columns in NEED_AREA_KEYS order): mood 3, experiences 2, keeping-safe 2, others-safety 0,
// substances 1, thinking 2, physical 2, daily-living 3, relationships 2, activity 2, housing 1, caring 0.
// By hand: points 9+6+6+0+2+4+4+6+2+2+1+0 = 42; NHS points 7.2+5.4+4.8+1.2+2.8+2.0+1.2+0.6+0.4+0.1 = 25.7
// NHS 25.7 × £300 = £7,710; council 16.3 × £300 = £4,890 × 85% = £4,156.50 → £4,160
// total £11,870; weekly 11870 / 52 = 228.269… → "228.27"
const ROW_A = "A,3,2,2,0,1,2,2,3,2,2,1,0,a-lot";
const EXPECTED_A = {
  case: "A",
  points: 42,
  eligible: true,
  nhs: 7710,
  council: 4160,
  total: 11870,
  weekly: "228.27",
  flags: [],
};

/** Streams a CSV text (in small chunks, as a file would arrive) through the reader. */
async function allocateCsv(csv: string | Buffer, ruleSet: RuleSet, needAreaKeys = keys) {
  const bytes = Buffer.from(csv);
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
  }
  const rows: CalibrationRow[] = [];
  const errors: { line: number; message: string }[] = [];
  for await (const event of calibrateCsv(chunks(), ruleSet, needAreaKeys)) {
    if (event.kind === "row") rows.push(event.row);
    else errors.push({ line: event.line, message: event.message });
  }
  return { rows, errors };
}

describe("the streamed calibration reader", () => {
  it("works out a good row exactly and reports a bad row by its line number", async () => {
    const csv = [HEADER, ROW_A, "B,5,0,0,0,0,0,0,0,0,0,0,0,none"].join("\n");
    const { rows, errors } = await allocateCsv(csv, example, keys);
    expect(rows).toEqual([EXPECTED_A]);
    expect(errors).toEqual([{ line: 3, message: 'mood is "5"; a rating must be a whole number from 0 to 4' }]);
  });

  it("reports a wrong column count and a bad informal answer, and carries on", async () => {
    const csv = [HEADER, "short,1,2", ROW_A, "C,0,0,0,0,0,0,0,0,0,0,0,0,loads", ""].join("\r\n");
    const { rows, errors } = await allocateCsv(csv, example, keys);
    expect(rows).toEqual([EXPECTED_A]);
    expect(errors).toEqual([
      { line: 2, message: "has 3 columns; the header has 14" },
      { line: 4, message: 'informal is "loads"; it must be one of none, a-little, a-lot, most' },
    ]);
  });

  it("takes the columns in any order, skips blank lines and reads quoted case names", async () => {
    // Same ratings as case A, header reversed; the blank line still counts for line numbers.
    const reversed = ["informal", ...[...keys].reverse(), "case"];
    const row = ["a-lot", ..."3,2,2,0,1,2,2,3,2,2,1,0".split(",").reverse(), '"Smith, J ""test"""'];
    const csv = `\uFEFF${reversed.join(",")}\n\n${row.join(",")}\n`;
    const { rows, errors } = await allocateCsv(csv, example, keys);
    expect(errors).toEqual([]);
    expect(rows).toEqual([{ ...EXPECTED_A, case: 'Smith, J "test"' }]);
  });

  it("below the threshold and above the maximum come out as whole pounds with flags", async () => {
    // B: mood 2×3 + experiences 1×3 + daily-living 1×2 = 11 points < 12 → nothing
    // C: all 4s, informal most: NHS £16,440, council £11,160 × 75% = £8,370, total £24,810 > £24,000
    //    → NHS round10(24,000 × 16,440 / 24,810) = round10(15,903.26…) = £15,900; council £8,100
    //    weekly 24000 / 52 = 461.538… → "461.54"
    const csv = [HEADER, "B,2,1,0,0,0,0,0,1,0,0,0,0,none", "C,4,4,4,4,4,4,4,4,4,4,4,4,most"].join("\n");
    expect((await allocateCsv(csv, example, keys)).rows).toEqual([
      { case: "B", points: 11, eligible: false, nhs: 0, council: 0, total: 0, weekly: "0.00", flags: [] },
      {
        case: "C",
        points: 92,
        eligible: true,
        nhs: 15900,
        council: 8100,
        total: 24000,
        weekly: "461.54",
        flags: ["above-usual-maximum", "talk-it-through-first"],
      },
    ]);
  });

  it("refuses a header without every need area", async () => {
    const csv = `case,mood,informal\nA,1,none`;
    await expect(allocateCsv(csv, example, keys)).rejects.toThrow(CalibrationFileError);
    await expect(allocateCsv(`${HEADER},extra\n`, example, keys)).rejects.toThrow(/column "extra" is not expected/);
    await expect(allocateCsv("", example, keys)).rejects.toThrow(/the file is empty/);
  });

  it("reports a row whose quotation marks do not pair up by its line, and carries on", async () => {
    const csv = [HEADER, ROW_A, 'B"x,1,1,1,1,1,1,1,1,1,1,1,1,none', ROW_A].join("\n");
    const { rows, errors } = await allocateCsv(csv, example, keys);
    expect(rows).toEqual([EXPECTED_A, EXPECTED_A]);
    expect(errors).toEqual([{ line: 3, message: "cannot be read: its quotation marks do not pair up" }]);
  });

  it("refuses a file that is not UTF-8, naming the line, instead of mangling the names", async () => {
    // "José" saved as Latin-1: é is the single byte 0xE9.
    const latin1 = Buffer.concat([
      Buffer.from(`${HEADER}\n${ROW_A}\nJos`),
      Buffer.from([0xe9]),
      Buffer.from(",3,2,2,0,1,2,2,3,2,2,1,0,a-lot\n"),
    ]);
    await expect(allocateCsv(latin1, example, keys)).rejects.toThrow(
      /line 3 is not UTF-8 text \(byte 0xE9\).*Latin-1 or Windows-1252/,
    );
    const utf8 = await allocateCsv(`${HEADER}\n${ROW_A.replace("A", "José")}\n`, example, keys);
    expect(utf8.rows[0]?.case).toBe("José");
  });

  it("writes pence as pounds with two decimals", () => {
    expect(penceToPoundsString(23077)).toBe("230.77");
    expect(penceToPoundsString(5)).toBe("0.05");
    expect(penceToPoundsString(0)).toBe("0.00");
  });
});

describe("the CLI (scripts/allocate.ts), without spawning", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "calibration-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const collector = (into: string[]) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        into.push(chunk.toString());
        done();
      },
    });
  async function run(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, { stdout: collector(out), stderr: collector(err) });
    return { code, out: out.join(""), err: err.join("").trimEnd() };
  }
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it("exit 0 and a JSON array when every row is fine", async () => {
    const { code, out, err } = await run([file("good.csv", `${HEADER}\n${ROW_A}\n`)]);
    expect(code).toBe(0);
    expect(err).toBe("");
    expect(JSON.parse(out)).toEqual([EXPECTED_A]);
  });

  it("exit 1 with the good rows still printed when a row is bad", async () => {
    const csvPath = file("mixed.csv", `${HEADER}\nX,9\n${ROW_A}\n`);
    const { code, out, err } = await run([csvPath, "--rules", "example-2026-1"]);
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual([EXPECTED_A]);
    expect(err).toBe(`${csvPath} line 2: has 2 columns; the header has 14`);
  });

  it("takes a draft rule set from a path, validated like published ones", async () => {
    const draft = JSON.parse(readFileSync("content/rule-sets/example-2026-1.json", "utf8"));
    const good = file("draft.json", JSON.stringify({ ...draft, id: "draft-400", pricePerPointPounds: 400 }));
    // 42 points at £400: NHS 25.7 × 400 = £10,280; council 16.3 × 400 = £6,520 × 85% = £5,542 → £5,540
    const { code, out } = await run([file("one.csv", `${HEADER}\n${ROW_A}\n`), `--rules=${good}`]);
    expect(code).toBe(0);
    expect(JSON.parse(out)[0]).toMatchObject({ nhs: 10280, council: 5540, total: 15820 });

    const bad = file("bad-draft.json", JSON.stringify({ ...draft, nhsShares: { ...draft.nhsShares, mood: 120 } }));
    const refused = await run([file("two.csv", `${HEADER}\n${ROW_A}\n`), "--rules", bad]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/nhsShares\.mood: must be at most 100/);
    expect(refused.out).toBe("");
  });

  it("exit 2 when the file, the rules or the header cannot be read", async () => {
    expect((await run([path.join(dir, "missing.csv")])).code).toBe(2);
    expect((await run([file("ok.csv", `${HEADER}\n${ROW_A}\n`), "--rules", "no-such-rules"])).code).toBe(2);
    expect((await run([file("header.csv", "case,mood\nA,1\n")])).code).toBe(2);
    expect((await run([])).code).toBe(2);
  });

  it("exit 2 with a clear message for a Latin-1 file", async () => {
    const p = path.join(dir, "latin1.csv");
    writeFileSync(p, Buffer.from(`${HEADER}\n${ROW_A.replace("A", "Jos\u00e9")}\n`, "latin1"));
    const { code, err } = await run([p]);
    expect(code).toBe(2);
    expect(err).toMatch(/line 2 is not UTF-8 text \(byte 0xE9\)/);
  });
});
