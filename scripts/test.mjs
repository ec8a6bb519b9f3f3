// `npm test`: every test there is. Type-checks, builds the production server, then runs unit,
// integration and browser tests (real Chromium) and ends with one line: "tests: N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function run(command, args, label) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  return result.status ?? 1;
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    console.log("Chromium is missing: installing Debian's chromium package…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
  }
  if (!existsSync(CHROMIUM)) {
    console.error(
      `Browser tests need Debian's Chromium at ${CHROMIUM}.\n` +
        "Install it with `sudo apt-get install chromium` (or set CHROMIUM_PATH), then run `npm test` again.",
    );
    process.exit(1);
  }
}

// The PostgreSQL tests start their own throwaway server from Debian's binaries (tests/support/postgres.ts,
// which installs them too when run alone): installed here first, outside any test's time limit.
function ensurePostgres() {
  const root = "/usr/lib/postgresql";
  const installed = () => existsSync(root) && readdirSync(root).some((v) => existsSync(`${root}/${v}/bin/initdb`));
  if (process.env.PG_BIN || installed()) return;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("PostgreSQL is missing: installing Debian's postgresql package…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    spawnSync("apt-get", ["install", "-y", "-qq", "postgresql"], { stdio: "inherit", env });
  }
  if (!installed()) {
    console.error(
      "The PostgreSQL tests need Debian's PostgreSQL (initdb and postgres under /usr/lib/postgresql/*/bin).\n" +
        "Install it with `sudo apt-get install postgresql` (or set PG_BIN), then run `npm test` again.",
    );
    process.exit(1);
  }
}

ensureChromium();
ensurePostgres();
if (run("npx", ["react-router", "typegen"], "Generating route types") !== 0) process.exit(1);
if (run("npx", ["tsc", "--noEmit"], "Type-checking (TypeScript strict)") !== 0) process.exit(1);
if (run("npm", ["run", "--silent", "lint"], "Lint: ESLint, Prettier, knip") !== 0) process.exit(1);
if (run("npx", ["react-router", "build"], "Building the production server") !== 0) process.exit(1);

mkdirSync("tests/.tmp", { recursive: true });
const status = run(
  "npx",
  [
    "vitest",
    "run",
    "--config",
    "tests/vitest.config.ts",
    "--reporter=default",
    "--reporter=json",
    "--outputFile.json=tests/.tmp/results.json",
  ],
  "Unit, integration and browser tests",
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const results = JSON.parse(readFileSync("tests/.tmp/results.json", "utf8"));
  passed = results.numPassedTests;
  failed = results.numFailedTests;
  skipped = results.numPendingTests + results.numTodoTests;
  if (results.numFailedTestSuites > 0 && failed === 0) failed = results.numFailedTestSuites;
} catch {
  failed = Math.max(failed, 1);
}
// The hazard log's controls must have run and passed in this very run (docs/safety).
try {
  const { readHazards, notPassedIn } = await import("./safety.mjs");
  const missing = notPassedIn(JSON.parse(readFileSync("tests/.tmp/results.json", "utf8")), readHazards());
  if (missing.length > 0) {
    console.error(`\nThe hazard log names tests that did not pass in this run:\n${missing.join("\n")}`);
    failed += missing.length;
  }
} catch (error) {
  console.error(`\nCould not check the hazard log: ${error}`);
  failed += 1;
}
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(status !== 0 || failed > 0 || passed === 0 ? 1 : 0);
