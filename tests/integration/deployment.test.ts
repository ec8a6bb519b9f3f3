import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { receivedMail, startTestSmtp } from "../support/smtp";

/**
 * A real deployment, started as a council would: demo people only when asked for, never with a
 * public address; the first administrator by command; mail that goes out once, even after a restart.
 * Each test starts its own portal on its own data folder.
 */
const root = path.resolve(import.meta.dirname, "../..");
const folders: string[] = [];
const running: ChildProcess[] = [];

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "portal-deploy-"));
  folders.push(dir);
  return dir;
}

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const key of ["PUBLIC_URL", "SESSION_SECRET", "SMTP_URL", "SEED_DEMO", "PORTAL_TEST_ROUTES"]) delete base[key];
  return { ...base, NODE_ENV: "production", PORT: "0", ...extra };
}

/** Starts the portal; resolves when it listens (or with its output and exit code if it stops). */
function start(
  extra: Record<string, string>,
  waitFor = /running at (\S+)/,
): Promise<{ child: ChildProcess; output: () => string; exitCode?: number | null }> {
  const child = spawn(process.execPath, ["scripts/start.mjs"], { cwd: root, env: env(extra), stdio: "pipe" });
  running.push(child);
  let output = "";
  return new Promise((resolve) => {
    const done = () => resolve({ child, output: () => output });
    child.stdout!.on("data", (c: Buffer) => {
      output += c.toString();
      if (waitFor.test(output)) done();
    });
    child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    child.on("exit", (code) => resolve({ child, output: () => output, exitCode: code }));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

afterAll(async () => {
  for (const child of running) await stop(child);
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe("demo people never in a real deployment", () => {
  it("a public address on a database holding the demo accounts stops start-up with a clear message", async () => {
    const dataDir = folder();
    // Trying it locally: `npm start` asks for the demo people.
    const local = await start({ DATA_DIR: dataDir }, /Press Ctrl\+C/);
    expect(local.output()).toContain("Demo sign-ins");
    await stop(local.child);
    const publicStart = await start({ DATA_DIR: dataDir, PUBLIC_URL: "https://portal.example.org" });
    expect(publicStart.exitCode).toBe(1);
    const said = publicStart.output();
    expect(said).toContain("The portal did not start.");
    expect(said).toContain("holds the demo accounts");
    expect(said).toContain("https://portal.example.org");
    expect(said).toContain("start with an empty data folder");
    expect(said).toContain("npm run admin:create");
    expect(said).not.toContain("running at");
  });

  it("a public address on an empty database starts with nobody in it; asking for demo people there is refused", async () => {
    const empty = await start({ DATA_DIR: folder(), PUBLIC_URL: "https://portal.example.org" });
    expect(empty.exitCode).toBeUndefined();
    expect(empty.output()).not.toContain("Demo sign-ins");
    await stop(empty.child);
    const asked = await start({ DATA_DIR: folder(), PUBLIC_URL: "https://portal.example.org", SEED_DEMO: "1" });
    expect(asked.exitCode).toBe(1);
    expect(asked.output()).toContain("SEED_DEMO=1");
  });

  it("SEED_DEMO=0 starts locally with no demo people", async () => {
    const none = await start({ DATA_DIR: folder(), SEED_DEMO: "0" });
    expect(none.output()).not.toContain("Demo sign-ins");
    await stop(none.child);
  });
});

describe("the first administrator, and mail sent once even after a restart", () => {
  it("admin:create prints a one-time link; the email arrives once, carrying only the link, across restarts", async () => {
    const dataDir = folder();
    const mailDir = path.join(dataDir, "mail");
    const made = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/admin-create.ts", "first.admin@example.org"],
      { cwd: root, env: env({ DATA_DIR: dataDir, PUBLIC_URL: "https://portal.example.org" }), encoding: "utf8" },
    );
    expect(made.status, made.stderr).toBe(0);
    const link = /https:\/\/portal\.example\.org\/join\/[A-Za-z0-9_-]{40,}/.exec(made.stdout)?.[0];
    expect(link, made.stdout).toBeTruthy();
    expect(made.stdout).toContain("commissioner");
    // No mail server yet: the invitation waits in the outbox. Then the portal starts with one.
    const smtp = await startTestSmtp(mailDir);
    try {
      const sent = /Mail waiting at start-up: \d+ sent\./;
      const first = await start(
        { DATA_DIR: dataDir, PUBLIC_URL: "https://portal.example.org", SMTP_URL: smtp.url },
        sent,
      );
      expect(first.output()).toContain("Mail waiting at start-up: 1 sent.");
      await stop(first.child);
      const second = await start(
        { DATA_DIR: dataDir, PUBLIC_URL: "https://portal.example.org", SMTP_URL: smtp.url },
        sent,
      );
      expect(second.output()).toContain("Mail waiting at start-up: 0 sent.");
      await stop(second.child);
      const mail = receivedMail(mailDir);
      expect(mail).toHaveLength(1);
      expect(mail[0]!.to).toBe("first.admin@example.org");
      expect(mail[0]!.subject).toBe("You are invited to Plan your support");
      expect(mail[0]!.text).toContain(link);
      // Only the link: no names, no role, no team.
      expect(mail[0]!.text).not.toMatch(/commissioner|first\.admin|North|South/i);
    } finally {
      await smtp.close();
    }
  });
});
