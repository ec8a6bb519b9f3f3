import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { recordLinks, signUp } from "../support/accounts";
import { newDatabase } from "../support/engine";
import { restoredPortals } from "../support/restored-portal";
import { keepWriting } from "../support/write-load";
import { Browserish, databaseUrl } from "../support/http";
import { postgresBinaries } from "../support/postgres";

/**
 * The restore drill on PostgreSQL (issue 16, point 4), as the README gives it: `pg_dump` this file's
 * server's database while people write to it, `pg_restore` it into a new database, verify the audit
 * trail there, start a portal on it and find every write acknowledged before the dump began.
 * Runs in the `integration-pg` project only (the embedded engine's drill is backup-restore.test.ts).
 */
const root = path.resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(path.join(tmpdir(), "portal-restore-pg-"));
const portals = restoredPortals();

afterAll(async () => {
  await portals.stopAll();
  rmSync(scratch, { recursive: true, force: true });
});

function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: "pipe" });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

describe("backups that restore, on PostgreSQL", () => {
  it("pg_dump under write load, pg_restore into a new database: the portal there has every acknowledged write", async () => {
    const bin = postgresBinaries();
    const writer = new Browserish();
    const password = "backups are only as good as restores";
    await signUp(writer, { name: "Kit Dump", email: "kit.dump@example.org", password });
    const personId = (await recordLinks(writer))[0]!;

    // Four writers add help that costs nothing while the backup is taken.
    const load = await keepWriting(writer, personId, "Swim");
    const { acknowledged } = load;

    // The README's commands: a consistent dump in PostgreSQL's custom format, taken while the portal serves.
    const file = path.join(scratch, "portal.dump");
    const dumpStarted = Date.now();
    const dump = await run(path.join(bin, "pg_dump"), ["--format=custom", `--file=${file}`, databaseUrl()]);
    const dumpEnded = Date.now();
    await load.stop();
    // The writers really were writing while the dump ran: a write was in flight during it (a small
    // database dumps in well under a second, quicker than some writes take).
    const acknowledgedDuringDump = acknowledged.filter((a) => a.started < dumpEnded && a.at > dumpStarted).length;
    expect(dump.output).toBe("");
    expect(dump.code).toBe(0);
    expect(acknowledgedDuringDump).toBeGreaterThan(0);

    const restoredUrl = await newDatabase();
    const restore = await run(path.join(bin, "pg_restore"), [
      "--no-owner",
      "--exit-on-error",
      `--dbname=${restoredUrl}`,
      file,
    ]);
    expect(restore.output).toBe("");
    expect(restore.code).toBe(0);
    const verify = spawnSync(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: restoredUrl, DATA_DIR: path.join(scratch, "restored") },
      encoding: "utf8",
    });
    expect(verify.stdout, verify.stderr).toMatch(/The audit trail is intact/);

    const restored = new Browserish(await portals.start(path.join(scratch, "restored"), restoredUrl));
    const signedIn = await restored.post("/sign-in", { email: "kit.dump@example.org", password, returnTo: "/home" });
    expect(signedIn.status).toBe(302);
    const page = await (await restored.get(`/people/${personId}/plan/free-support`)).text();
    const missing = acknowledged.filter((a) => a.at <= dumpStarted && !page.includes(a.what)).map((a) => a.what);
    expect(missing).toEqual([]);
    // The restored database takes new writes: its sequences went on from the dump's.
    const more = await restored.post(`/people/${personId}/plan/free-support`, {
      intent: "add",
      who: "A friend",
      what: "Written after the restore",
      howOften: "Every week",
    });
    expect(more.status).toBe(302);
  }, 120_000);
});
