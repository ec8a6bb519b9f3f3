// The clinical safety hazard log: docs/safety/hazards.json is the log; docs/safety/hazard-log.md is made
// from it (`npm run safety:log`). Every control names the automated tests that prove it; the unit suite
// checks they exist, and `npm test` checks after the run that each one ran and passed.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const HAZARDS_FILE = "docs/safety/hazards.json";
export const LOG_FILE = "docs/safety/hazard-log.md";

const SEVERITY = ["minor", "significant", "considerable", "major", "catastrophic"];
const LIKELIHOOD = ["very-low", "low", "medium", "high", "very-high"];
// The usual clinical risk matrix: rows are likelihood, columns severity; 1 acceptable … 5 unacceptable.
const MATRIX = [
  [1, 1, 2, 2, 3],
  [1, 2, 2, 3, 4],
  [2, 2, 3, 3, 4],
  [2, 3, 3, 4, 5],
  [3, 4, 4, 5, 5],
];

export function riskOf({ severity, likelihood }) {
  return MATRIX[LIKELIHOOD.indexOf(likelihood)][SEVERITY.indexOf(severity)];
}

export function readHazards(root = ".") {
  return JSON.parse(readFileSync(path.join(root, HAZARDS_FILE), "utf8")).hazards;
}

/** Everything wrong with the log as written: missing fields, a hazard without a control, a cited test that is not there. */
export function problemsWith(hazards, root = ".") {
  const problems = [];
  const ids = new Set();
  for (const h of hazards) {
    const where = h.id ?? "(no id)";
    if (!/^H\d{2}$/.test(h.id ?? "")) problems.push(`${where}: id must look like H01`);
    if (ids.has(h.id)) problems.push(`${where}: id used twice`);
    ids.add(h.id);
    for (const field of ["title", "whatCouldHappen", "toWhom", "effects"])
      if (typeof h[field] !== "string" || !h[field].trim()) problems.push(`${where}: ${field} is missing`);
    if (!Array.isArray(h.causes) || h.causes.length === 0) problems.push(`${where}: no causes`);
    for (const when of ["before", "after"]) {
      const r = h[when];
      if (!r || !SEVERITY.includes(r.severity) || !LIKELIHOOD.includes(r.likelihood))
        problems.push(
          `${where}: ${when} needs a severity (${SEVERITY.join(", ")}) and a likelihood (${LIKELIHOOD.join(", ")})`,
        );
    }
    if (!Array.isArray(h.controls) || h.controls.length === 0) problems.push(`${where}: has no control`);
    for (const c of h.controls ?? []) {
      if (!c.control?.trim()) problems.push(`${where}: a control without words`);
      if (!Array.isArray(c.tests) || c.tests.length === 0)
        problems.push(`${where}: control "${c.control}" names no test`);
      for (const t of c.tests ?? []) {
        const file = path.join(root, t.file ?? "");
        if (!t.file || !existsSync(file)) {
          problems.push(`${where}: ${t.file} does not exist`);
          continue;
        }
        const source = readFileSync(file, "utf8");
        const at = source.indexOf(JSON.stringify(t.title));
        if (at === -1) problems.push(`${where}: no test "${t.title}" in ${t.file}`);
        else if (/\.(skip|todo|only)\s*\($/.test(source.slice(Math.max(0, at - 12), at).trimEnd()))
          problems.push(`${where}: "${t.title}" in ${t.file} is skipped`);
      }
    }
  }
  return problems;
}

/** Cited tests that did not run and pass, from vitest's JSON report. */
export function notPassedIn(report, hazards, root = ".") {
  const problems = [];
  for (const h of hazards)
    for (const c of h.controls)
      for (const t of c.tests) {
        const file = report.testResults.find((r) => path.relative(path.resolve(root), r.name) === t.file);
        const result = file?.assertionResults.find((a) => a.title === t.title);
        if (result?.status !== "passed")
          problems.push(`${h.id}: "${t.title}" (${t.file}) ${result ? result.status : "did not run"}`);
      }
  return problems;
}

const cell = (text) => String(text).replaceAll("|", "\\|").replaceAll("\n", " ");

export function hazardLogMarkdown(hazards) {
  const lines = [
    "# Hazard log",
    "",
    "Made from `docs/safety/hazards.json` by `npm run safety:log`; do not edit by hand. Risk is read from the",
    "usual clinical risk matrix (severity × likelihood, 1 acceptable to 5 unacceptable). Every control names the",
    "automated tests that prove it: the unit suite fails if a named test does not exist or is skipped, and",
    "`npm test` fails if one did not run and pass. The process around it is in `safety-case.md`.",
    "",
    "| id | hazard | risk before | risk after |",
    "|---|---|---|---|",
    ...hazards.map(
      (h) =>
        `| ${h.id} | ${cell(h.title)} | ${riskOf(h.before)} (${h.before.severity}, ${h.before.likelihood}) | ${riskOf(h.after)} (${h.after.severity}, ${h.after.likelihood}) |`,
    ),
    "",
  ];
  for (const h of hazards) {
    lines.push(`## ${h.id}: ${h.title}`, "");
    lines.push(`- **What could happen**: ${h.whatCouldHappen}`);
    lines.push(`- **To whom**: ${h.toWhom}`);
    lines.push(`- **Effects**: ${h.effects}`);
    lines.push(`- **Causes**: ${h.causes.join("; ")}`);
    lines.push(
      `- **Risk**: before controls ${riskOf(h.before)} (${h.before.severity}, ${h.before.likelihood}); after ${riskOf(h.after)} (${h.after.severity}, ${h.after.likelihood})`,
    );
    lines.push("", "Controls:", "");
    for (const c of h.controls) {
      lines.push(`- ${c.control}`);
      for (const t of c.tests) lines.push(`  - test: \`${t.file}\` › ${t.title}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const hazards = readHazards();
  const problems = problemsWith(hazards);
  if (problems.length) {
    console.error(problems.join("\n"));
    process.exit(1);
  }
  writeFileSync(LOG_FILE, hazardLogMarkdown(hazards));
  console.log(`Wrote ${LOG_FILE} (${hazards.length} hazards).`);
}
