import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startTestSmtp } from "../support/smtp";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
    /** The server's process id, so a test can read its memory use from /proc. */
    serverPid: number;
    mailDir: string;
  }
}

/** The environment without settings that would point the test server at real data or a real address. */
function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ["PUBLIC_URL", "SESSION_SECRET", "SMTP_URL", "ACTIVE_RULE_SET", "CONTENT_DIR"]) delete env[key];
  return env;
}

/**
 * Starts the built production server on a random port with a temporary data folder (never the
 * demo database) and hands its address to the tests. The test command builds first.
 */
export default async function setup(project: TestProject) {
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
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let stopping = false;
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
  project.provide("baseUrl", baseUrl);
  project.provide("dataDir", dataDir);
  project.provide("serverPid", child.pid ?? 0);
  project.provide("mailDir", mailDir);
  return async () => {
    stopping = true;
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
