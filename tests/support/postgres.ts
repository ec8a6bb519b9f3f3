// A throwaway PostgreSQL server for tests (issue #16): Debian's own binaries, a new cluster in a temporary
// folder, a free port on 127.0.0.1 and its socket in that folder, trust authentication for this machine
// only. Stopped and its folder removed afterwards. PostgreSQL refuses to run as root: as root, the server
// runs as `nobody` (on every Debian machine), which owns the folder.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

const PREFERRED_VERSION = "15";

/** The folder holding initdb and postgres: PG_BIN, else Debian's 15, else the newest Debian has. */
function findBinaries(): string | null {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, "initdb")) ? process.env.PG_BIN : null;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  const version = versions.includes(PREFERRED_VERSION) ? PREFERRED_VERSION : versions[0];
  return version === undefined ? null : join(root, version, "bin");
}

/**
 * Debian's PostgreSQL binaries, installed with apt-get when missing and we are root (as on CI's fresh
 * machine; scripts/test.mjs does the same before the tests start, as for Chromium).
 */
export function postgresBinaries(): string {
  let bin = findBinaries();
  if (bin === null && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    spawnSync("apt-get", ["install", "-y", "-qq", "postgresql"], { stdio: "inherit", env });
    bin = findBinaries();
  }
  if (bin === null) {
    throw new Error(
      "These tests need Debian's PostgreSQL (initdb and postgres under /usr/lib/postgresql/*/bin).\n" +
        "Install it with `sudo apt-get install postgresql` (or set PG_BIN), then run the tests again.",
    );
  }
  return bin;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Who runs the server: ourselves, or `nobody` when we are root. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync("id", ["-u", "nobody"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "nobody"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

export type TestPostgres = {
  /** A connection string for the `postgres` superuser and database over TCP on 127.0.0.1. */
  url: string;
  port: number;
  /** Runs one statement as the superuser on the `postgres` database (creating a database, for one). */
  query: (statement: string) => Promise<void>;
  /** Stops the server (fast shutdown) and removes its folder. */
  stop: () => Promise<void>;
};

/** Starts a new, empty PostgreSQL server; resolves once it accepts connections. */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinaries();
  const user = serverUser();
  const folder = mkdtempSync(join(tmpdir(), "sds-pg-"));
  const data = join(folder, "data");
  if (user) chownSync(folder, user.uid, user.gid);
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  // HOME and the working directory must be readable by the server's user.
  const env = { ...process.env, HOME: folder, LC_ALL: "C" };

  try {
    const init = spawnSync(
      join(bin, "initdb"),
      ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
      { ...asUser, cwd: folder, env, encoding: "utf8" },
    );
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.error}`);

    // A port that was free a moment ago may be taken by the time the server binds it: try again.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const server = spawn(
        join(bin, "postgres"),
        [
          ...["-D", data, "-p", String(port), "-k", folder],
          ...["-c", "listen_addresses=127.0.0.1"],
          // A throwaway database: nothing needs to survive a crash.
          ...["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
        ],
        { ...asUser, cwd: folder, env, stdio: ["ignore", "ignore", "pipe"] },
      );
      const log: string[] = [];
      const ready = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 30_000);
        server.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
          log.push(chunk);
          if (chunk.includes("ready to accept connections")) {
            clearTimeout(timer);
            resolve(true);
          }
        });
        server.once("exit", () => {
          clearTimeout(timer);
          resolve(false);
        });
      });
      if (ready) {
        server.stderr?.resume();
        const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
        return {
          url,
          port,
          query: async (statement: string) => {
            const client = new pg.Client({ connectionString: url });
            await client.connect();
            try {
              await client.query(statement);
            } finally {
              await client.end();
            }
          },
          stop: async () => {
            await stopServer(server);
            rmSync(folder, { recursive: true, force: true });
          },
        };
      }
      await stopServer(server);
      if (attempt >= 3 || !log.join("").includes("could not bind")) {
        throw new Error(`PostgreSQL did not start:\n${log.join("")}`);
      }
    }
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

/** SIGINT is PostgreSQL's fast shutdown: open sessions are ended, then the server exits. */
async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
    server.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    server.kill("SIGINT");
  });
}

/**
 * Ends a pool and waits until each of its connections has closed. pg's `pool.end()` resolves once the
 * connections are asked to close, not once they have: a server stopped straight after ends them itself,
 * and each reports that as an error nobody listens for (an unhandled error that fails the run).
 *
 * It waits for the connections the pool holds now, by identity: a connection removed earlier (pg-pool
 * drops one whose query failed) may report its removal later, and counting that one would resolve
 * before the last connection has closed. The pool's own `_clients` is the only list of them.
 */
export async function endPool(pool: pg.Pool): Promise<void> {
  const open = new Set((pool as unknown as { _clients: pg.PoolClient[] })._clients);
  // Once ending, a connection's error is the server closing it: expected, and nothing to report.
  pool.on("error", () => {});
  const closed = new Promise<void>((resolve) => {
    if (open.size === 0) resolve();
    pool.on("remove", (client) => {
      open.delete(client as pg.PoolClient);
      if (open.size === 0) resolve();
    });
  });
  await pool.end();
  await closed;
}
