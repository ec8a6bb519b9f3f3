import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startPostgres, type TestPostgres } from "../support/postgres";
import { startTestSmtp } from "../support/smtp";

declare module "vitest" {
  export interface ProvidedContext {
    /** One test server per worker slot, in slot order (tests/support/http.ts: `baseUrl()`, `dataDir()`). */
    baseUrls: string[];
    dataDirs: string[];
    /** The servers' process ids, so a test can read its server's memory use from /proc. */
    serverPids: number[];
    /** Each server's mail, as the tests' own SMTP server received it (tests/support/http.ts: `mailDir()`). */
    mailDirs: string[];
    /**
     * Each server's PostgreSQL database (`DATABASE_URL`) in the projects that run on PostgreSQL
     * (named `…-pg`), or "" where the server runs on the embedded SQLite file in its data folder.
     */
    databaseUrls: string[];
  }
}

/** The environment without settings that would point the test server at real data or a real address. */
function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ["PUBLIC_URL", "SESSION_SECRET", "SMTP_URL", "ACTIVE_RULE_SET", "CONTENT_DIR", "DATABASE_URL"])
    delete env[key];
  return env;
}

/**
 * How many of this project's files run at once: vitest gives each running file a worker slot,
 * `VITEST_POOL_ID` 1 to this number, never the same slot to two files at once. Resolved as vitest
 * resolves it (the project's own setting, then the root's; a project without file parallelism has one).
 */
export function workerSlots(project: TestProject): number {
  const slots = project.config.maxWorkers || project.vitest.config.maxWorkers;
  if (!Number.isInteger(slots) || slots < 1)
    throw new Error("Set a whole number of maxWorkers in tests/vitest.config.ts");
  return slots;
}

interface TestServer {
  databaseUrl: string;
  baseUrl: string;
  dataDir: string;
  mailDir: string;
  pid: number;
  stop: () => Promise<void>;
}

/**
 * Starts the built production server once per worker slot, each on a random port with its own
 * temporary data folder (never the demo database), and hands the addresses to the tests: a test file
 * only ever talks to its own slot's server and database, so files running side by side never meet
 * (sign-in throttling, one-time codes, queues and counts stay as one file leaves them). The test
 * command builds first.
 */
export default async function setup(project: TestProject) {
  // A project named "…-pg" runs the same files with every server on PostgreSQL: one throwaway
  // PostgreSQL server for the project, a database of its own for each slot's portal server.
  const postgres: TestPostgres | null = project.name.endsWith("-pg") ? await startPostgres() : null;
  const databaseUrls = await Promise.all(
    Array.from({ length: workerSlots(project) }, async (_, slot) => {
      if (!postgres) return "";
      const name = `portal_${slot + 1}`;
      await postgres.query(`create database ${name}`);
      return postgres.url.replace(/\/postgres$/, `/${name}`);
    }),
  );
  const started = await Promise.allSettled(databaseUrls.map((url) => startServer(url)));
  const servers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const stopAll = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await postgres?.stop();
  };
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  project.provide(
    "baseUrls",
    servers.map((s) => s.baseUrl),
  );
  project.provide(
    "dataDirs",
    servers.map((s) => s.dataDir),
  );
  project.provide(
    "serverPids",
    servers.map((s) => s.pid),
  );
  project.provide(
    "mailDirs",
    servers.map((s) => s.mailDir),
  );
  project.provide("databaseUrls", databaseUrls);
  return stopAll;
}

async function startServer(databaseUrl: string): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "portal-test-"));
  // Real mail: the portal sends through SMTP to a server the tests started, which keeps every message.
  const mailDir = path.join(dataDir, "mail");
  const smtp = await startTestSmtp(mailDir);
  const child: ChildProcess = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: {
      ...serverEnv(),
      NODE_ENV: "production",
      PORT: "0",
      DATA_DIR: dataDir,
      PORTAL_TEST_ROUTES: "1",
      // Every statement the server runs, for the test that asks SQLite how each query behind a page runs.
      PORTAL_QUERY_LOG: path.join(dataDir, "queries.log"),
      SMTP_URL: smtp.url,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  /** Stops the server, waits until it has exited (so nothing still writes), then removes its data folder. */
  const stop = async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killed = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(killed);
    }
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Server did not start in time:\n${output}`)), 60_000);
      child.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /running at (\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.stderr?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        // After start-up a crash would only show as refused connections: say why, loudly.
        if (!stopping) console.error(`\nThe test server exited with ${code}:\n${output.slice(-4000)}`);
        reject(new Error(`Server exited with ${code}:\n${output}`));
      });
    });
    return { databaseUrl, baseUrl, dataDir, mailDir, pid: child.pid ?? 0, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
