/**
 * The CPU one whole-scheme insights report costs (issue 18, point 4: the commissioners' page for 100,000
 * people well under a second): the model's queries and the figures, over the default period (the year to
 * today), timed in this one process with process.cpuUsage (wall clock on a shared machine is too noisy).
 *   node --import tsx scripts/bench-insights.ts DATA_DIR [repetitions]
 * DATA_DIR holds a generated portal.sqlite (npm run bench -- --people 100000 --data DIR keeps one in
 * DIR/people-100000). Prints JSON: CPU and wall milliseconds a report, min and median, after one warm-up:
 * worked out from the records (`workedOut`: the first request after someone's records changed) and from
 * the rows the server keeps while nothing changed (`kept`: every other request).
 */
export {};

const [dataDir, times = "7"] = process.argv.slice(2);
if (!dataDir) {
  console.error("Usage: node --import tsx scripts/bench-insights.ts DATA_DIR [repetitions]");
  process.exit(2);
}
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;
const { databaseReady } = await import("../app/lib/db.server");
const { defaultPeriod, insightsReport } = await import("../app/views/insights-view.server");

await databaseReady();
const period = defaultPeriod();
const once = async (fresh: boolean) => {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await insightsReport(period, { kind: "all" }, new Date(), { fresh });
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - started };
};
await once(true); // statements prepared, pages of the database file in memory
const workedOut: { cpuMs: number; wallMs: number }[] = [];
for (let i = 0; i < Number(times); i++) workedOut.push(await once(true));
const kept: { cpuMs: number; wallMs: number }[] = [];
for (let i = 0; i < Number(times); i++) kept.push(await once(false));
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: Math.round(sorted[0]!), median: Math.round(sorted[Math.floor(sorted.length / 2)]!) };
};
console.log(
  JSON.stringify({
    period,
    repetitions: workedOut.length,
    workedOut: { cpuMs: summary(workedOut.map((r) => r.cpuMs)), wallMs: summary(workedOut.map((r) => r.wallMs)) },
    kept: { cpuMs: summary(kept.map((r) => r.cpuMs)), wallMs: summary(kept.map((r) => r.wallMs)) },
  }),
);
