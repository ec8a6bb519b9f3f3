import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { NEED_AREA_KEYS } from "~/domain/choices";
import { formatMoney } from "~/lib/format";
import { DEMO, signIn } from "../support/accounts";
import type { Browserish } from "../support/http";

/**
 * Trying a draft against a file of cases in the browser page gives exactly the calibration
 * command's figures (one implementation: app/lib/calibration-csv.server.ts).
 */
let morgan: Browserish;
const dir = mkdtempSync(path.join(tmpdir(), "portal-trial-"));

const bandsExample = JSON.parse(readFileSync("content/rule-sets/example-bands-2026-1.json", "utf8"));
const draft = {
  ...bandsExample,
  id: "it-bands-trial",
  bands: bandsExample.bands.map((b: { from: number; to: number; amountPounds: number }) => ({
    ...b,
    amountPounds: b.amountPounds === 0 ? 0 : b.amountPounds + 730,
  })),
};

/** Cases from a fixed seed, so a failure can be repeated; one bad line in the middle. With
 * `categories`, a category column too: each case placed in one of them, or in none (empty). */
function casesCsv(count: number, categories: string[] = []): string {
  let seed = 17;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  const informal = ["none", "a-little", "a-lot", "most"];
  const withCategory = categories.length > 0;
  const lines = [["case", ...NEED_AREA_KEYS, "informal", ...(withCategory ? ["category"] : [])].join(",")];
  for (let i = 1; i <= count; i++) {
    const ratings = NEED_AREA_KEYS.map(() => next() % 5);
    const category = withCategory ? [["", ...categories][next() % (categories.length + 1)]] : [];
    lines.push([`C${i}`, ...ratings, informal[next() % 4], ...category].join(","));
    if (i === 20) lines.push(`BAD,9,9,9,9,9,9,9,9,9,9,9,9,sometimes${withCategory ? "," : ""}`);
  }
  return `${lines.join("\n")}\n`;
}

type Row = {
  cost?: number;
  gap?: number;
  case: string;
  points: number;
  eligible: boolean;
  nhs: number;
  council: number;
  total: number;
  category?: string;
};

function tableRows(html: string, testId: string): string[][] {
  const clean = html.replaceAll("<!-- -->", "");
  const table = clean.slice(clean.indexOf(`data-testid="${testId}"`));
  const body = table.slice(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, "").trim()),
  );
}

/**
 * Runs the cases through the calibration command (the rule set as a file) and through the trial page,
 * and checks that every case and the whole file's sums are the same. Returns the command's rows.
 */
async function commandAndPageAgree(ruleSetId: string, ruleSetFile: string, csv: string): Promise<Row[]> {
  const csvPath = path.join(dir, `${ruleSetId}.csv`);
  const rulesPath = path.join(dir, `${ruleSetId}.json`);
  writeFileSync(csvPath, csv);
  writeFileSync(rulesPath, ruleSetFile);
  let stdout = "";
  let stderr = "";
  try {
    stdout = execFileSync(process.execPath, ["--import", "tsx", "scripts/allocate.ts", csvPath, "--rules", rulesPath], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    // Exit 1: some rows bad (the one bad line); the good rows are on stdout.
    const e = error as { status: number; stdout: string; stderr: string };
    expect(e.status).toBe(1);
    stdout = e.stdout;
    stderr = e.stderr;
  }
  const command: Row[] = JSON.parse(stdout);
  expect(command).toHaveLength(60);
  expect(stderr).toContain("line 22:");

  const res = await morgan.postFile(
    `/scheme/rule-sets/${ruleSetId}/try`,
    { intent: "try" },
    { field: "casesFile", name: "cases.csv", type: "text/csv", content: csv },
  );
  expect(res.status).toBe(200);
  const html = await res.text();
  const money = (pounds: number) => formatMoney(pounds * 100, "en");
  const page = tableRows(html, "trial-cases");
  expect(page).toHaveLength(60);
  page.forEach((cells, i) => {
    const row = command[i]!;
    expect(cells.slice(0, 6), row.case).toEqual([
      row.case,
      String(row.points),
      row.eligible ? "Yes" : "No",
      money(row.nhs),
      money(row.council),
      money(row.total),
    ]);
  });
  // The whole file: the same sums as the command's rows.
  const summary = Object.fromEntries(tableRows(html, "trial-summary").map((cells) => [cells[0], cells[1]]));
  expect(summary["People with a budget"]).toBe(String(command.filter((r) => r.eligible).length));
  expect(summary["Total of budgets"]).toBe(money(command.reduce((s, r) => s + r.total, 0)));
  expect(summary["NHS part in total"]).toBe(money(command.reduce((s, r) => s + r.nhs, 0)));
  expect(summary["Council part in total"]).toBe(money(command.reduce((s, r) => s + r.council, 0)));
  // The bad line is listed by its number, as the command does.
  expect(html.replaceAll("<!-- -->", "")).toMatch(/Line 22: [^<]*rating must be a whole number from 0 to 4/);
  // Beside the rule set in force: how many go up, down or stay, and the chart with its table.
  expect(html).toMatch(/Compared with the rule set in force: \d+ go up, \d+ go down, \d+ stay the same\./);
  expect(html).toContain('role="img"');
  expect(tableRows(html, "trial-summary")).toHaveLength(5);
  return command;
}

/**
 * Cases with a current cost of exactly £250 for each weighted point (NHS points + council points × the
 * informal-support percentage, worked out here from the example rule set's own weights and shares), so the
 * best price per point is £250 by construction. Also returns each case's weighted points and eligibility.
 */
function costedCsv(count: number): { csv: string; weighted: number[]; eligible: boolean[] } {
  const rules = JSON.parse(readFileSync("content/rule-sets/example-2026-1.json", "utf8"));
  let seed = 29;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  const informal = ["none", "a-little", "a-lot", "most"];
  const lines = [["case", ...NEED_AREA_KEYS, "informal", "current_cost"].join(",")];
  const weighted: number[] = [];
  const eligible: boolean[] = [];
  for (let i = 1; i <= count; i++) {
    const ratings = NEED_AREA_KEYS.map(() => next() % 5);
    const answer = informal[next() % 4]!;
    let points = 0;
    let w = 0;
    NEED_AREA_KEYS.forEach((key, k) => {
      const p = ratings[k]! * rules.weights[key];
      points += p;
      w +=
        (p * rules.nhsShares[key]) / 100 +
        (((p * (100 - rules.nhsShares[key])) / 100) * rules.informalMultipliers[answer]) / 100;
    });
    weighted.push(w);
    eligible.push(points >= rules.threshold);
    lines.push([`K${i}`, ...ratings, answer, (Math.round(w * 25_000) / 100).toFixed(2)].join(","));
  }
  return { csv: `${lines.join("\n")}\n`, weighted, eligible };
}

/** The same file through the calibration command (with --total) and the trial page (with the total typed). */
async function fitThroughBoth(ruleSetId: string, ruleSetFile: string, csv: string, totalPounds?: number) {
  const csvPath = path.join(dir, `${ruleSetId}-costs.csv`);
  const rulesPath = path.join(dir, `${ruleSetId}-costs.json`);
  writeFileSync(csvPath, csv);
  writeFileSync(rulesPath, ruleSetFile);
  const total = totalPounds === undefined ? [] : ["--total", String(totalPounds)];
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/allocate.ts", csvPath, "--rules", rulesPath, ...total],
    {
      encoding: "utf8",
    },
  );
  expect(run.status).toBe(0);
  const rows: (Row & { cost?: number; gap?: number })[] = JSON.parse(run.stdout);
  const res = await morgan.postFile(
    `/scheme/rule-sets/${ruleSetId}/try`,
    { intent: "try", total: totalPounds === undefined ? "" : `£${totalPounds.toLocaleString("en-GB")}` },
    { field: "casesFile", name: "costs.csv", type: "text/csv", content: csv },
  );
  expect(res.status).toBe(200);
  const html = (await res.text()).replaceAll("<!-- -->", "");
  const section = html.slice(
    html.indexOf('data-testid="cost-fit"'),
    html.indexOf("</section>", html.indexOf('data-testid="cost-fit"')),
  );
  return { rows, command: run.stderr, html, page: section.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ") };
}

beforeAll(async () => {
  morgan = await signIn(DEMO.morgan);
  const made = await morgan.postFile(
    "/scheme",
    { intent: "upload" },
    { field: "ruleSetFile", name: "draft.json", type: "application/json", content: JSON.stringify(draft) },
  );
  expect(made.status).toBe(302);
});

describe("trying a draft against a file of cases", () => {
  it("a banded draft uploaded as a file gives, through the page, exactly the calibration command's figures", async () => {
    const file = await (await morgan.get("/scheme/rule-sets/it-bands-trial/rule-set.json")).text();
    await commandAndPageAgree("it-bands-trial", file, casesCsv(60));
  });

  it("a category column: the shipped categories example gives, through the page, exactly the command's figures", async () => {
    const file = readFileSync("content/rule-sets/example-categories-2026-1.json", "utf8");
    const ids: string[] = JSON.parse(file).categories.map((c: { id: string }) => c.id);
    const command = await commandAndPageAgree("example-categories-2026-1", file, casesCsv(60, ids));
    // Some cases follow their category's amount, some their points (the larger of the two).
    expect(command.some((r) => r.category !== undefined)).toBe(true);
    expect(command.some((r) => r.category === undefined && r.eligible)).toBe(true);
  });

  it("with current costs, the page shows the gap and suggests the price that fits them, within the total set; the command agrees", async () => {
    const { csv, weighted, eligible } = costedCsv(60);
    // Every cost is exactly £250 a weighted point: least squares can only find £250.
    const fitted = await fitThroughBoth(
      "example-2026-1",
      readFileSync("content/rule-sets/example-2026-1.json", "utf8"),
      csv,
    );
    expect(fitted.page).toContain("Suggested price per point: £250 (this rule set has £300).");
    expect(fitted.command).toContain("Suggested price per point: £250 (these rules: £300).");
    // Case by case: the cost and the gap (budget less cost), the same as the command's rows.
    const cases = tableRows(fitted.html, "trial-cases");
    fitted.rows.forEach((row, i) => {
      expect(row.cost).toBe(Math.round(weighted[i]! * 25_000) / 100);
      expect(row.gap).toBeCloseTo(row.total - row.cost!, 6);
      const gap = Math.round(row.gap! * 100);
      expect(cases[i]!.slice(9), row.case).toEqual([
        formatMoney(Math.round(row.cost! * 100), "en"),
        gap === 0 ? "£0" : `${gap > 0 ? "+" : "−"}${formatMoney(Math.abs(gap), "en")}`,
      ]);
    });
    // In total.
    const gapTable = Object.fromEntries(tableRows(fitted.html, "cost-gap").map((cells) => [cells[0], cells[1]]));
    const costs = fitted.rows.reduce((sum, r) => sum + Math.round(r.cost! * 100), 0);
    const budgets = fitted.rows.reduce((sum, r) => sum + r.total * 100, 0);
    expect(gapTable["Their current costs"]).toBe(formatMoney(costs, "en"));
    expect(gapTable["Their budgets under this rule set"]).toBe(formatMoney(budgets, "en"));
    expect(gapTable["Gap (budgets less costs)"]).toBe(
      `${budgets - costs > 0 ? "+" : "−"}${formatMoney(Math.abs(budgets - costs), "en")}`,
    );

    // Within a total of £200 a weighted point over every eligible case, the price is scaled down to the
    // largest whole-pound price within it: the test's own count.
    const sumWeighted = weighted.filter((_, i) => eligible[i]).reduce((a, b) => a + b, 0);
    const ceiling = Math.round(200 * sumWeighted);
    const expected = Math.floor(ceiling / sumWeighted);
    const capped = await fitThroughBoth(
      "example-2026-1",
      readFileSync("content/rule-sets/example-2026-1.json", "utf8"),
      csv,
      ceiling,
    );
    expect(capped.page).toContain(`Suggested price per point: £${expected} (this rule set has £300).`);
    expect(capped.page).toContain("so the price is scaled down.");
    expect(capped.command).toContain(`Suggested price per point: £${expected} (these rules: £300).`);
  });

  it("a banded draft with costs: the page and the command suggest the same band amounts", async () => {
    const file = await (await morgan.get("/scheme/rule-sets/it-bands-trial/rule-set.json")).text();
    const { csv } = costedCsv(80);
    const fitted = await fitThroughBoth("it-bands-trial", file, csv, 500_000);
    const page = tableRows(fitted.html, "suggested-bands");
    const command = [...fitted.command.matchAll(/Suggested amount for (\d+) to (\d+) points: (£[\d,]+)/g)];
    expect(page.length).toBe(draft.bands.length);
    expect(command.length).toBe(draft.bands.length);
    page.forEach((cells, i) => {
      expect(cells[0]).toBe(`${command[i]![1]} to ${command[i]![2]} points`);
      expect(cells[3]).toBe(command[i]![3]);
    });
    // Some band moved from the draft's amount.
    expect(page.some((cells) => cells[1] !== cells[3])).toBe(true);
  });

  it("refuses a total that is not an amount of pounds, keeping what was typed, by the field", async () => {
    const res = await morgan.postFile(
      "/scheme/rule-sets/it-bands-trial/try",
      { intent: "try", total: "lots" },
      { field: "casesFile", name: "cases.csv", type: "text/csv", content: costedCsv(5).csv },
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter the total in pounds, for example 2500000 or £2,500,000");
    expect(html).toContain('value="lots"');
  });

  it("refuses a file whose header is wrong, saying why, and a missing file", async () => {
    const res = await morgan.postFile(
      "/scheme/rule-sets/it-bands-trial/try",
      { intent: "try" },
      { field: "casesFile", name: "cases.csv", type: "text/csv", content: "case,mood\nA,1\n" },
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("The file cannot be read");
    expect(html).toContain("column experiences is missing");
    const none = await morgan.postFile(
      "/scheme/rule-sets/it-bands-trial/try",
      { intent: "try" },
      { field: "casesFile", name: "", type: "text/csv", content: "" },
    );
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Choose a file of cases to upload");
  });
});
