import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/**
 * A production portal started on restored data, as an operator would after a restore drill: its own
 * data folder and, on PostgreSQL, the restored database; no demo accounts, no test routes, no mail.
 * `start` resolves with its address; `stopAll` stops every portal started (call it in afterAll).
 */
export function restoredPortals() {
  const root = path.resolve(import.meta.dirname, "../..");
  const running: ChildProcess[] = [];

  function start(dataDir: string, databaseUrl?: string): Promise<string> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      DATA_DIR: dataDir,
      SEED_DEMO: "0",
    };
    for (const key of ["PUBLIC_URL", "SESSION_SECRET", "SMTP_URL", "PORTAL_TEST_ROUTES", "DATABASE_URL"])
      delete env[key];
    if (databaseUrl) env.DATABASE_URL = databaseUrl;
    const child = spawn(process.execPath, ["scripts/start.mjs"], { cwd: root, env, stdio: "pipe" });
    running.push(child);
    let output = "";
    return new Promise((resolve, reject) => {
      child.stdout!.on("data", (c: Buffer) => {
        output += c.toString();
        const match = /running at (\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
      child.on("exit", (code) => reject(new Error(`the restored portal stopped (${code}): ${output}`)));
    });
  }

  async function stopAll(): Promise<void> {
    for (const child of running)
      if (child.exitCode === null && child.signalCode === null)
        await new Promise<void>((resolve) => {
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        });
  }

  return { start, stopAll };
}
