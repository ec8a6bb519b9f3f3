// `npm run bench [-- --people N[,M…]] [--engines sqlite,postgres] [--data DIR] [--pages NAME,NAME…]`:
// measures the portal at scale, side by side, on each database engine. `--pages` measures only the pages
// named (as in PAGES, e.g. `--pages "lead: home,lead: queue"`), always with the start page, for quick runs.
// For each N (default 1,000) it generates a database of N people shaped like real use
// (scripts/generate-people.ts), starts the production server on it, signs in as a person, as their
// lead professional and as a commissioner through the real forms, then loads every page in PAGES in one run with autocannon
// and prints requests per second, p50/p95/p99 latency, the ratio to the start page in the same run (each
// page's reference is the start page measured just before it and just after it: see BESIDE_SECONDS),
// the server's CPU time per answer and its ratio to the start page's (Linux), each answer's size,
// start-up time, database size per person, the server's peak memory and the JavaScript each page loads
// (gzip), and the CPU one whole-scheme insights report costs in one process (scripts/bench-insights.ts).
// With two sizes (`--people 1000,100000`) it also prints each page's p50 at the larger size over
// its p50 at the smaller. Figures go to bench-results/latest.json. It measures; it never fails because
// a machine is slow (BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_WARM_UP_SECONDS adjust the load).
//
// The generated databases live in a temporary folder (or --data DIR, where an existing one of the same
// size is reused), never in the repository.
//
// Engines (default both): the people are generated once, into SQLite; for PostgreSQL they are copied
// (scripts/copy-to-postgres.ts) into a database of a throwaway PostgreSQL server the bench starts
// itself (tests/support/postgres.ts), so both engines serve the same records, and the two tables and a
// side-by-side one of each page's ratio to the start page are printed. Copying takes about 40 s for
// 1,000 people; at 100,000 use `--engines sqlite`.
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { spawn, spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 1);
/** How many people download their own data at once when the export is measured (see chooseRecords). */
const EXPORTERS = 40;
/** The start page measured this long just before and just after each page: that page's reference. */
const BESIDE_SECONDS = Number(process.env.BENCH_BESIDE_SECONDS ?? 2);
const PASSWORD = "try the portal slowly 2026";
const TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"; // scripts/generate-people.ts SCALE_TOTP_SECRET

/**
 * Every page the bench loads, in one list: a new page joins by adding a line. `as` is who looks at it
 * (null: nobody signed in); `path` gets the chosen records: `person` (a person with a signed-off plan),
 * `exporter` (another such person, for the data export, which is loaded as EXPORTERS such people each
 * downloading their own: see chooseRecords), `waiting` (a person of the same lead
 * professional whose plan waits for a decision).
 */
const PAGES = [
  { name: "start page", as: null, path: () => "/" },
  { name: "record", as: "person", path: (c) => `/people/${c.person}` },
  { name: "budget", as: "person", path: (c) => `/people/${c.person}/budget` },
  { name: "plan", as: "person", path: (c) => `/people/${c.person}/plan` },
  { name: "journey", as: "person", path: (c) => `/people/${c.person}/journey` },
  { name: "plan history", as: "person", path: (c) => `/people/${c.person}/plan/history` },
  { name: "who has looked", as: "person", path: (c) => `/people/${c.person}/audit` },
  { name: "my data", as: "person", path: (c) => `/people/${c.person}/my-data` },
  // On people of their own: every page above adds a line to `person`'s audit trail with each view (some
  // thousands in a run), which the download carries whole; see chooseRecords.
  { name: "my data (JSON)", as: "exporters", path: (c) => `/people/${c.exporter}/my-data.json` },
  { name: "spending", as: "person", path: (c) => `/people/${c.person}/spending` },
  { name: "plan: choose support", as: "person", path: (c) => `/people/${c.person}/plan/items/new/gym-membership` },
  { name: "small grants", as: "person", path: (c) => `/people/${c.person}/grants` },
  { name: "treatment vouchers", as: "person", path: (c) => `/people/${c.person}/vouchers` },
  { name: "person: notifications", as: "person", path: () => "/notifications" },
  { name: "lead: home", as: "lead", path: () => "/home" },
  { name: "lead: queue", as: "lead", path: () => "/queue" },
  { name: "lead: review", as: "lead", path: (c) => `/people/${c.waiting}/plan/review` },
  { name: "lead: notifications", as: "lead", path: () => "/notifications" },
  { name: "lead: place in a category", as: "lead", path: (c) => `/people/${c.person}/budget/category` },
  { name: "public menu", as: null, path: () => "/menu" },
  { name: "question a rule", as: null, path: () => "/menu/gym-membership/question" },
  { name: "commissioner: rule sets", as: "commissioner", path: () => "/scheme" },
  { name: "commissioner: menu", as: "commissioner", path: () => "/scheme/menu" },
  { name: "commissioner: menu entry", as: "commissioner", path: () => "/scheme/menu/entries/gym-membership" },
  {
    name: "commissioner: retire an entry",
    as: "commissioner",
    path: () => "/scheme/menu/entries/gym-membership/retire",
  },
  { name: "commissioner: providers", as: "commissioner", path: () => "/scheme/providers" },
  { name: "commissioner: questions", as: "commissioner", path: () => "/scheme/questions" },
  // Last: at 100,000 people it works out every figure over the whole scheme on request (issue 18,
  // point 4), and would hold up the pages measured after it.
  { name: "commissioner: insights", as: "commissioner", path: () => "/insights" },
  // Its other parts are drawn from the same kept figures: one more stands for them.
  { name: "commissioner: insights (actual spend)", as: "commissioner", path: () => "/insights?part=actual" },
];

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const sizes = (arg("people") ?? "1000").split(",").map((s) => Number(s.replace(/_/g, "")));
if (sizes.some((n) => !Number.isInteger(n) || n < 20)) {
  console.error("Usage: npm run bench -- [--people N[,M…]] [--data DIR]   (N at least 20)");
  process.exit(2);
}
const keepDir = arg("data");
const onlyPages = arg("pages")
  ?.split(",")
  .map((s) => s.trim());
const unknownPages = (onlyPages ?? []).filter((name) => !PAGES.some((p) => p.name === name));
if (unknownPages.length > 0) {
  console.error(`--pages: no page named ${unknownPages.join(", ")} (see PAGES in scripts/bench.mjs)`);
  process.exit(2);
}
const pagesMeasured = PAGES.filter((p, i) => i === 0 || !onlyPages || onlyPages.includes(p.name));
const engines = (arg("engines") ?? "sqlite,postgres").split(",");
if (engines.some((e) => e !== "sqlite" && e !== "postgres")) {
  console.error("--engines takes sqlite, postgres or both (sqlite,postgres)");
  process.exit(2);
}

console.log("Building…");
if (spawnSync("npx", ["react-router", "build"], { stdio: "ignore" }).status !== 0) {
  console.error("The build failed: run `npm run build` to see why.");
  process.exit(1);
}

const round = (n) => (n === null ? null : Math.round(n * 100) / 100);
const mean = (xs) => (xs.some((x) => x === null) ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
const ratio = (a, b) => (a === null || b === null || b === 0 ? null : Math.round((a / b) * 100) / 100);
function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** RFC 6238 with SHA-1, 6 digits, 30 s: what an authenticator app shows now. */
function totp(secret) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const ch of secret) bits += alphabet.indexOf(ch).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/** Generates (or reuses) a database of n people; returns its folder. */
function database(n) {
  const dir = keepDir ? path.resolve(keepDir, `people-${n}`) : mkdtempSync(path.join(tmpdir(), "portal-bench-"));
  const file = path.join(dir, "portal.sqlite");
  if (keepDir && existsSync(file)) {
    console.log(`Reusing the database of ${n.toLocaleString("en-GB")} people in ${dir}`);
    return { dir, file, generateSeconds: null };
  }
  mkdirSync(dir, { recursive: true });
  console.log(`Generating ${n.toLocaleString("en-GB")} people…`);
  const started = Date.now();
  const made = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/generate-people.ts", "--people", String(n), "--out", file],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  if (made.status !== 0) throw new Error("The generator failed");
  // The new file's gigabytes are written to disk now, not while the first pages are measured.
  spawnSync("sync", [file], { stdio: "ignore" });
  return { dir, file, generateSeconds: round((Date.now() - started) / 1000) };
}

/** The records the pages look at, chosen from the middle of the generated people. */
function chooseRecords(file, n) {
  const sqlite = new Database(file, { readonly: true });
  const email = (userId) => sqlite.prepare("select email from users where id = ?").get(userId).email;
  // Person index i ≡ 11 (mod 20) has a signed-off plan (scripts/generate-people.ts).
  const i = Math.floor(n / 40) * 20 + 11;
  const person = sqlite
    .prepare(
      "select p.id, p.user_id, p.lead_professional_id from persons p join users u on u.id = p.user_id where u.email = ?",
    )
    .get(`person-${i + 1}@scale.example`);
  const waiting = sqlite
    .prepare(
      "select p.id from persons p join plans pl on pl.person_id = p.id where p.lead_professional_id = ? and pl.state = 'submitted' limit 1",
    )
    .get(person.lead_professional_id);
  // The data export carries the person's whole audit trail, and every view of a page about `person` adds
  // a line to it: after the pages before it in one run that person's trail holds thousands of lines the
  // bench itself made, not the hundred or so of real use. So the export is measured on another person with
  // a signed-off plan whose trail the bench has grown least (with --data, earlier runs' exports add theirs).
  // Each download adds a line too, so one person downloaded some 4,000 times in a run would end with a
  // trail 40 times the real one's, and the page measured would be the bench's own growth: the load is
  // spread over EXPORTERS such people, each downloading their own data, as many people at once would.
  // (With ten, each trail grew from 100 to about 550 lines in a run, and the average export measured was
  // three times a real one.)
  const exporters = Array.from({ length: EXPORTERS + 1 }, (_, k) =>
    sqlite
      .prepare(
        "select p.id, p.user_id, (select count(*) from audit_log a where a.person_id = p.id) as lines from persons p join users u on u.id = p.user_id where u.email = ?",
      )
      .get(`person-${((i + 20 * (k + 1)) % n) + 1}@scale.example`),
  )
    .filter((p, k, all) => p && p.id !== person.id && all.findIndex((q) => q?.id === p.id) === k)
    .sort((a, b) => a.lines - b.lines)
    .slice(0, EXPORTERS);
  const exporter = exporters[0];
  const caseload = sqlite
    .prepare("select count(*) n from persons where lead_professional_id = ?")
    .get(person.lead_professional_id).n;
  const records = {
    person: person.id,
    waiting: waiting.id,
    exporter: exporter.id,
    exporterAuditLines: exporters.map((e) => e.lines),
    personEmail: email(person.user_id),
    exporters: exporters.map((e) => ({ id: e.id, email: email(e.user_id) })),
    leadEmail: email(person.lead_professional_id),
    caseload,
  };
  sqlite.close();
  return records;
}

async function startServer(dir, databaseUrl) {
  const env = { ...process.env, NODE_ENV: "production", PORT: "0", DATA_DIR: dir, SEED_DEMO: "0" };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  delete env.PUBLIC_URL; // the server takes its own address, whatever port it gets
  const started = process.hrtime.bigint();
  const server = spawn(process.execPath, ["scripts/start.mjs"], { env, stdio: ["ignore", "pipe", "inherit"] });
  let startupSeconds = null;
  // Start-up is until the server takes requests; measuring waits until its scheduler's first run is over
  // (the review-due notices due at start, thousands on a new database, then the audit lines past their
  // retention period, hundreds of thousands on one), so no page shares the server with it.
  const url = await new Promise((resolve, reject) => {
    let out = "";
    let address = null;
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /running at (\S+)/.exec(out);
      if (match && address === null) {
        address = match[1];
        startupSeconds = round(Number(process.hrtime.bigint() - started) / 1e9);
      }
      if (
        address !== null &&
        /Audit lines moved to the archive: \d+|Moving old audit lines to the archive failed/.test(out)
      )
        resolve(address);
    });
    server.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { server, url, startupSeconds };
}

/** Signs in through the real forms (password, then the one-time code for professionals); returns the cookie. */
async function signIn(baseUrl, email, secondFactor) {
  const cookies = new Map();
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (res) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair.indexOf("=");
      // A cookie the server clears is dropped, as a browser drops it, not sent back empty.
      if (/;\s*max-age=0\b/i.test(line)) cookies.delete(pair.slice(0, i));
      else cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const origin = new URL(baseUrl).origin;
  const post = async (p, fields) => {
    const page = await fetch(new URL(p, baseUrl), { headers: { cookie: cookieHeader() }, redirect: "manual" });
    keep(page);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())[1];
    const res = await fetch(new URL(p, baseUrl), {
      method: "POST",
      redirect: "manual",
      headers: { cookie: cookieHeader(), origin, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf, ...fields }),
    });
    keep(res);
    return res;
  };
  const first = await post("/sign-in", { email, password: PASSWORD, returnTo: "/home" });
  if (first.status !== 302 && first.status !== 303) throw new Error(`Sign-in as ${email} failed (${first.status})`);
  if (secondFactor) {
    const second = await post("/sign-in/code", { code: totp(TOTP_SECRET), returnTo: "/home" });
    if (second.status !== 302 && second.status !== 303) throw new Error(`Second factor for ${email} failed`);
  }
  return cookieHeader();
}

async function load(
  baseUrl,
  pathname,
  headers,
  duration = DURATION,
  requests = undefined,
  { keepLatencies = false, serverPid = null } = {},
) {
  const latencies = [];
  const cpuBefore = serverPid === null ? null : cpuMs(serverPid);
  const instance = autocannon({
    url: new URL(pathname, baseUrl).href,
    duration,
    connections: CONNECTIONS,
    headers,
    ...(requests ? { requests } : {}),
  });
  instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  const cpuAfter = serverPid === null ? null : cpuMs(serverPid);
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: Math.round(result.requests.average * 10) / 10,
    // What the server spent on each answer (its CPU over the run ÷ answers), and how big each answer was.
    cpuMsPerAnswer:
      cpuBefore === null || cpuAfter === null || result.requests.total === 0
        ? null
        : Math.round(((cpuAfter - cpuBefore) / result.requests.total) * 1000) / 1000,
    kibPerAnswer: result.requests.total === 0 ? null : round(result.throughput.total / result.requests.total / 1024),
    p50ms: round(percentile(latencies, 50)),
    p95ms: round(percentile(latencies, 95)),
    p99ms: round(percentile(latencies, 99)),
    non2xx: result.non2xx,
    errors: result.errors,
    ...(keepLatencies ? { latencies } : {}),
  };
}

/** Sum of the gzip sizes of the scripts a page loads (module preloads and module scripts). */
async function javascriptKiB(baseUrl, pathname, cookie) {
  const html = await (await fetch(new URL(pathname, baseUrl), { headers: cookie ? { cookie } : {} })).text();
  const srcs = new Set(
    [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g), ...html.matchAll(/import\("([^"]+)"\)/g)].map(
      (m) => m[1],
    ),
  );
  let gzip = 0;
  for (const src of srcs) {
    const file = path.join("build/client", src);
    if (existsSync(file)) gzip += gzipSync(readFileSync(file)).length;
  }
  return round(gzip / 1024);
}

/**
 * The CPU time the server process has used so far (Linux: user and system, every thread, in ms), or null
 * elsewhere. Its rise over one page's run, per answer, is what that page costs the server, whatever else
 * the machine was doing: the figure that shows where a page's time goes when its ratio is low.
 */
const TICKS_PER_SECOND = 100; // USER_HZ, 100 on Linux
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    // utime and stime are the 14th and 15th fields of the line; after the name, the 12th and 13th.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** The server's peak resident memory so far (Linux), in MiB. */
function peakMemoryMiB(pid) {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

let postgres; // the throwaway PostgreSQL server, started when first needed

/** The people of `db` in a new PostgreSQL database: its address, and its size in bytes. */
async function copiedToPostgres(db, n) {
  const { startPostgres } = await import("../tests/support/postgres.ts");
  postgres ??= await startPostgres();
  const name = `bench_${n}_${Date.now()}`;
  await postgres.query(`create database ${name}`);
  const url = postgres.url.replace(/\/postgres$/, `/${name}`);
  console.log(`Copying ${n.toLocaleString("en-GB")} people into PostgreSQL…`);
  const { copyToPostgres } = await import("./copy-to-postgres.ts");
  await copyToPostgres(db.file, url);
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("vacuum analyze");
  const bytes = Number((await client.query("select pg_database_size(current_database()) as b")).rows[0].b);
  await client.end();
  return { url, bytes };
}

async function benchAt(n, engine, db) {
  const records = chooseRecords(db.file, n);
  let bytes = ["", "-wal"].reduce((sum, s) => sum + (statSync(db.file + s, { throwIfNoEntry: false })?.size ?? 0), 0);
  let databaseUrl;
  if (engine === "postgres") ({ url: databaseUrl, bytes } = await copiedToPostgres(db, n));
  const { server, url, startupSeconds } = await startServer(db.dir, databaseUrl);
  const run = {
    people: n,
    engine,
    generateSeconds: db.generateSeconds,
    startupSeconds,
    caseload: records.caseload,
    exporterAuditLines: records.exporterAuditLines,
  };
  run.databaseKiBPerPerson = round(bytes / 1024 / n);
  try {
    const cookies = {
      null: undefined,
      person: await signIn(url, records.personEmail, false),
      exporters: [],
      lead: await signIn(url, records.leadEmail, true),
      commissioner: await signIn(url, "commissioner@scale.example", true),
    };
    for (const e of records.exporters) cookies.exporters.push(await signIn(url, e.email, false));
    // What autocannon asks for: the page with its viewer's cookie, or for the export each exporter's own
    // download in turn (each connection goes round all ten).
    const loadPage = (page, duration) =>
      page.as === "exporters"
        ? load(
            url,
            page.path(records),
            {},
            duration,
            records.exporters.map((e, k) => ({
              method: "GET",
              path: `/people/${e.id}/my-data.json`,
              headers: { cookie: cookies.exporters[k] },
            })),
            { serverPid: server.pid },
          )
        : load(url, page.path(records), cookies[page.as] ? { cookie: cookies[page.as] } : {}, duration, undefined, {
            serverPid: server.pid,
          });
    // Every page under load for a moment before any is measured: the first one measured (the start page,
    // every ratio's reference) would otherwise carry the server's own warm-up, code not yet compiled.
    for (const page of pagesMeasured) await loadPage(page, WARM_UP_SECONDS);
    run.pages = [];
    // Each page's reference is the start page measured just before it and just after it. This machine's
    // own speed drifts by a fifth and more within one run (the start page measured 212 to 380 req/s in
    // one), so a reference measured minutes away tilted each page's ratio by where it fell in the run.
    const beside = [];
    for (const page of pagesMeasured) {
      const figures = await loadPage(page);
      run.pages.push({ name: page.name, as: page.as, path: page.path(records), ...figures });
      beside.push(await load(url, "/", {}, BESIDE_SECONDS, undefined, { keepLatencies: true, serverPid: server.pid }));
    }
    for (const [i, page] of run.pages.entries()) {
      // The start page's own row is compared with the measurement after it only.
      const around = i === 0 ? [beside[0]] : [beside[i - 1], beside[i]];
      const latencies = around.flatMap((m) => m.latencies).sort((a, b) => a - b);
      page.startBeside = {
        requestsPerSecond: round(mean(around.map((m) => m.requestsPerSecond))),
        p95ms: round(percentile(latencies, 95)),
        cpuMsPerAnswer: mean(around.map((m) => m.cpuMsPerAnswer)),
      };
    }
    run.startBeside = beside.map(({ latencies: _, ...figures }) => figures);
    for (const page of run.pages)
      page.javascriptKiB = await javascriptKiB(
        url,
        page.path,
        page.as === "exporters" ? cookies.exporters[0] : cookies[page.as],
      );
    run.peakMemoryMiB = peakMemoryMiB(server.pid);
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
  for (const page of run.pages) {
    page.throughputVsStart = ratio(page.requestsPerSecond, page.startBeside.requestsPerSecond);
    page.p95VsStart = ratio(page.p95ms, page.startBeside.p95ms);
    page.cpuVsStart = ratio(page.cpuMsPerAnswer, page.startBeside.cpuMsPerAnswer);
  }
  return run;
}

function print(run, smaller) {
  const n = run.people.toLocaleString("en-GB");
  console.log(
    `\n${run.engine === "postgres" ? "PostgreSQL" : "SQLite"} · N = ${n} people · start-up ${run.startupSeconds} s · database ${run.databaseKiBPerPerson} KiB a person · ` +
      `peak memory ${run.peakMemoryMiB} MiB · lead professional's caseload ${run.caseload} · ` +
      `the export's ${run.exporterAuditLines.length} people had ${Math.min(...run.exporterAuditLines)} to ${Math.max(...run.exporterAuditLines)} audit lines at the start` +
      (run.generateSeconds === null ? "" : ` · generated in ${run.generateSeconds} s`),
  );
  const besideRps = run.startBeside.map((m) => m.requestsPerSecond);
  console.log(
    `Each page's ×start is to the start page measured for ${BESIDE_SECONDS} s just before and ${BESIDE_SECONDS} s just after it ` +
      `(the start page's own row: just after it); those measurements ranged ${Math.min(...besideRps)} to ` +
      `${Math.max(...besideRps)} req/s in this run.`,
  );
  const head = [
    "page",
    "req/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "×start req/s",
    "×start p95",
    "CPU ms",
    "×start CPU",
    "KiB",
    "JS KiB gz",
  ];
  if (smaller) head.push(`p50 ÷ at ${smaller.people.toLocaleString("en-GB")}`);
  const rows = run.pages.map((p) => {
    const row = [
      p.name,
      p.requestsPerSecond,
      p.p50ms,
      p.p95ms,
      p.p99ms,
      p.throughputVsStart,
      p.p95VsStart,
      p.cpuMsPerAnswer,
      p.cpuVsStart,
      p.kibPerAnswer,
      p.javascriptKiB,
    ].map(String);
    if (p.non2xx || p.errors) row[0] += ` (${p.non2xx} not 2xx, ${p.errors} errors)`;
    if (smaller) row.push(String(ratio(p.p50ms, smaller.pages.find((q) => q.name === p.name)?.p50ms ?? null)));
    return row;
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`);
  for (const r of rows) console.log(line(r));
}

/** Each page's ratio to the start page on every engine, at one size, in one table. */
function printSideBySide(runs) {
  console.log(
    `\nSide by side, N = ${runs[0].people.toLocaleString("en-GB")}: each page's requests a second ÷ the start page's, and p95 ÷ the start page's`,
  );
  const names = runs.map((r) => (r.engine === "postgres" ? "PostgreSQL" : "SQLite"));
  const head = ["page", ...names.flatMap((e) => [`${e} ×start req/s`, `${e} ×start p95`])];
  const rows = runs[0].pages.map((p) => [
    p.name,
    ...runs.flatMap((r) => {
      const q = r.pages.find((x) => x.name === p.name);
      return [String(q?.throughputVsStart ?? ""), String(q?.p95VsStart ?? "")];
    }),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`);
  for (const r of rows) console.log(line(r));
}

const results = {
  when: new Date().toISOString(),
  node: process.version,
  durationSeconds: DURATION,
  connections: CONNECTIONS,
  runs: [],
};
try {
  for (const n of sizes) {
    const db = database(n);
    const atSize = [];
    try {
      for (const engine of engines) {
        const run = await benchAt(n, engine, db);
        // Against the first size's run on the same engine: how each page grows with people.
        const smaller = results.runs.find((r) => r.engine === engine && r.people !== n);
        results.runs.push(run);
        atSize.push(run);
        print(run, smaller);
      }
      // The whole-scheme insights report in one process, as CPU time (scripts/bench-insights.ts), on the
      // generated SQLite database: a steadier measure than the page's latency on a shared machine.
      const report = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench-insights.ts", db.dir, "5"], {
        encoding: "utf8",
      });
      if (report.status === 0) {
        const insights = JSON.parse(report.stdout.trim().split("\n").pop());
        results.insightsReport = [...(results.insightsReport ?? []), { people: n, ...insights }];
        console.log(
          `\nInsights report (whole scheme, ${insights.period.from} to ${insights.period.to}) at ${n.toLocaleString("en-GB")} people: ` +
            `worked out from the records ${insights.workedOut.cpuMs.min} ms CPU at best, ${insights.workedOut.cpuMs.median} ms median ` +
            `(wall ${insights.workedOut.wallMs.median} ms); from the rows kept while nothing changed ` +
            `${insights.kept.cpuMs.min} ms CPU at best, ${insights.kept.cpuMs.median} ms median; ${insights.repetitions} reports each`,
        );
      }
    } finally {
      if (!keepDir) rmSync(db.dir, { recursive: true, force: true });
    }
    if (atSize.length > 1) printSideBySide(atSize);
  }
} finally {
  await postgres?.stop();
}
const allocation = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench-allocation.ts"], {
  encoding: "utf8",
});
if (allocation.status === 0) {
  results.allocation = JSON.parse(allocation.stdout);
  console.log(
    `\nAllocation: ${results.allocation.perAllocationMicros} µs each over ${results.allocation.n} random assessments`,
  );
}
mkdirSync("bench-results", { recursive: true });
writeFileSync("bench-results/latest.json", JSON.stringify(results, null, 2));
console.log("\nFigures written to bench-results/latest.json");
