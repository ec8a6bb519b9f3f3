// `npm run bench`: builds, starts the production server on a free port with a throwaway database,
// loads pages with autocannon and prints requests per second, p50/p95/p99 latency and the gzip size
// of the JavaScript each page loads. Writes the figures to bench-results/latest.json.
// It is a measurement, not a test: it never fails because a machine is slow.
import autocannon from "autocannon";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

console.log("Building…");
if (spawnSync("npx", ["react-router", "build"], { stdio: "ignore" }).status !== 0) {
  console.error("The build failed: run `npm run build` to see why.");
  process.exit(1);
}

const dataDir = mkdtempSync(path.join(tmpdir(), "portal-bench-"));
const env = { ...process.env, NODE_ENV: "production", PORT: "0", DATA_DIR: dataDir };
delete env.PUBLIC_URL; // the server takes its own address, whatever port it gets
const server = spawn(process.execPath, ["scripts/start.mjs"], {
  env,
  stdio: ["ignore", "pipe", "inherit"],
});
const baseUrl = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (chunk) => {
    out += chunk;
    const match = /running at (\S+)/.exec(out);
    if (match) resolve(match[1]);
  });
  server.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
});

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function load(name, pathname, headers = {}) {
  const latencies = [];
  const instance = autocannon({
    url: new URL(pathname, baseUrl).href,
    duration: DURATION,
    connections: CONNECTIONS,
    headers,
  });
  instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    name,
    path: pathname,
    requestsPerSecond: Math.round(result.requests.average),
    p50ms: round(percentile(latencies, 50)),
    p95ms: round(percentile(latencies, 95)),
    p99ms: round(percentile(latencies, 99)),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const round = (n) => (n === null ? null : Math.round(n * 100) / 100);

/** Sum of the gzip sizes of the scripts a page loads (module preloads and module scripts). */
async function javascriptWeight(pathname) {
  const html = await (await fetch(new URL(pathname, baseUrl))).text();
  const srcs = new Set(
    [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g), ...html.matchAll(/import\("([^"]+)"\)/g)].map(
      (m) => m[1],
    ),
  );
  let gzip = 0;
  let raw = 0;
  for (const src of srcs) {
    const file = path.join("build/client", src);
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { path: pathname, scripts: srcs.size, rawKiB: round(raw / 1024), gzipKiB: round(gzip / 1024) };
}

/** Signs in as a demo person through the real forms, answers the questions, works out a budget. */
async function preparePerson() {
  const cookies = new Map();
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (res) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair.indexOf("=");
      cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const origin = new URL(baseUrl).origin;
  const get = async (p) => {
    const res = await fetch(new URL(p, baseUrl), { headers: { cookie: cookieHeader() }, redirect: "manual" });
    keep(res);
    return res;
  };
  const post = async (p, fields) => {
    const html = await (await get("/sign-out")).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)[1];
    const res = await fetch(new URL(p, baseUrl), {
      method: "POST",
      redirect: "manual",
      headers: { cookie: cookieHeader(), origin, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf, ...fields }),
    });
    keep(res);
    return res;
  };
  await post("/sign-in", { email: "tomasz@example.org", password: "try the portal slowly 2026", returnTo: "/home" });
  const personId = /href="\/people\/([0-9a-f-]{36})"/.exec(await (await get("/home")).text())[1];
  const areas = [
    "mood",
    "experiences",
    "keeping-safe",
    "others-safety",
    "substances",
    "thinking",
    "physical",
    "daily-living",
    "relationships",
    "activity",
    "housing",
    "caring",
  ];
  for (const [i, area] of areas.entries())
    await post(`/people/${personId}/assessment/${area}`, { rating: String(i % 4) });
  await post(`/people/${personId}/assessment/informal`, { informal: "a-little" });
  await post(`/people/${personId}/assessment/check`, { intent: "calculate" });
  return { budgetPath: `/people/${personId}/budget`, cookie: cookieHeader() };
}

const pages = [
  ["health check", "/healthz"],
  ["start page", "/"],
];
const results = {
  when: new Date().toISOString(),
  node: process.version,
  durationSeconds: DURATION,
  connections: CONNECTIONS,
  load: [],
  javascript: [],
};
try {
  for (const [name, p] of pages) {
    const r = await load(name, p);
    results.load.push(r);
    console.log(
      `${name.padEnd(16)} ${String(r.requestsPerSecond).padStart(6)} req/s   p50 ${r.p50ms} ms   p95 ${r.p95ms} ms   p99 ${r.p99ms} ms`,
    );
  }
  const person = await preparePerson();
  const budget = await load("budget page", person.budgetPath, { cookie: person.cookie });
  results.load.push(budget);
  console.log(
    `${"budget page".padEnd(16)} ${String(budget.requestsPerSecond).padStart(6)} req/s   p50 ${budget.p50ms} ms   p95 ${budget.p95ms} ms   p99 ${budget.p99ms} ms`,
  );
  for (const [, p] of pages.filter(([, p]) => p !== "/healthz")) {
    const js = await javascriptWeight(p);
    results.javascript.push(js);
    console.log(`JavaScript on ${p}: ${js.scripts} files, ${js.gzipKiB} KiB gzipped (${js.rawKiB} KiB raw)`);
  }
  const allocation = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench-allocation.ts"], {
    encoding: "utf8",
  });
  if (allocation.status === 0) {
    results.allocation = JSON.parse(allocation.stdout);
    console.log(
      `Allocation: ${results.allocation.perAllocationMicros} µs each over ${results.allocation.n} random assessments`,
    );
  }
} finally {
  server.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
}
mkdirSync("bench-results", { recursive: true });
writeFileSync("bench-results/latest.json", JSON.stringify(results, null, 2));
console.log("\nFigures written to bench-results/latest.json");
