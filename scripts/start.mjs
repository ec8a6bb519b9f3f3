// `npm start`: builds if the build is missing or older than the code, applies migrations, seeds demo
// data into an empty database when the address is this machine's own, serves on PORT (default 3000) and prints the address and demo sign-ins.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

process.env.NODE_ENV ??= "production";
// Trying the portal on this machine (no PUBLIC_URL, or a localhost one): ask for the demo people
// unless SEED_DEMO says otherwise. A real deployment (any other PUBLIC_URL) never gets them.
const publicHost = process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL).hostname : "localhost";
if (process.env.SEED_DEMO === undefined && ["localhost", "127.0.0.1", "[::1]"].includes(publicHost))
  process.env.SEED_DEMO = "1";
const root = process.cwd();

function newestMtime(target) {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(target).map((f) => newestMtime(path.join(target, f))));
}

const buildFile = path.join(root, "build", "server", "index.js");
const sources = ["app", "public", "vite.config.ts", "react-router.config.ts", "package.json"].map((f) =>
  path.join(root, f),
);
if (!existsSync(buildFile) || Math.max(...sources.map(newestMtime)) > statSync(buildFile).mtimeMs) {
  console.log("Building the portal…");
  const result = spawnSync("npx", ["react-router", "build"], { stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const { startServer } = await import("./serve.mjs");
let started;
try {
  started = await startServer();
} catch (error) {
  console.error(`\nThe portal did not start.\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

// Before the address is printed: a stop asked for as soon as it appears is then a graceful one.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    started.server.close();
    // Review-due notices being made when asked to stop are finished first (each batch is one transaction).
    void started.schedulerSettled().finally(() => process.exit(0));
  });
}

console.log(`\nThe portal is running at ${started.url}`);
if (started.demoSignIns.length > 0) {
  console.log("\nDemo sign-ins (made-up people, for trying the portal):");
  for (const s of started.demoSignIns)
    console.log(`  ${s.role.padEnd(20)} ${s.email.padEnd(36)} ${s.password}${s.note ? `   ${s.note}` : ""}`);
}
console.log("\nPress Ctrl+C to stop.");
