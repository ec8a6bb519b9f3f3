import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { recordLinks, signUp } from "../support/accounts";
import { restoredPortals } from "../support/restored-portal";
import { keepWriting } from "../support/write-load";
import { Browserish, dataDir } from "../support/http";

/**
 * The restore drill (issue 16, point 4): back up this file's server while people write to it, restore
 * into a new data folder, start a portal there and find every write that was acknowledged before the
 * backup began. Then a damaged backup is refused with nothing changed.
 */
const root = path.resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(path.join(tmpdir(), "portal-restore-"));
const portals = restoredPortals();

afterAll(async () => {
  await portals.stopAll();
  rmSync(scratch, { recursive: true, force: true });
});

function command(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: "pipe",
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

describe("backups that restore", () => {
  it("backs up under write load, restores into a new folder, and the portal there has every acknowledged write", async () => {
    const writer = new Browserish();
    const password = "backups are only as good as restores";
    await signUp(writer, { name: "Kit Backup", email: "kit.backup@example.org", password });
    const personId = (await recordLinks(writer))[0]!;

    // Four writers add help that costs nothing while the backup is taken.
    const load = await keepWriting(writer, personId, "Walk");
    const { acknowledged } = load;

    const file = path.join(scratch, "portal-backup.sqlite");
    const backupStarted = Date.now();
    const backup = await command("scripts/backup.ts", [file], { DATA_DIR: dataDir() });
    const acknowledgedDuringBackup = acknowledged.filter((a) => a.at > backupStarted).length;
    await load.stop();
    expect(backup.output).toMatch(/integrity check ok/);
    expect(backup.code).toBe(0);
    // The writers really were writing while the backup ran.
    expect(acknowledgedDuringBackup).toBeGreaterThan(0);

    const restoredDir = path.join(scratch, "restored");
    const restore = await command("scripts/restore.ts", [file], { DATA_DIR: restoredDir });
    expect(restore.output).toMatch(/Restored/);
    expect(restore.code).toBe(0);
    // The audit trail of the copy is one intact chain (the backup is one moment of the database).
    const verify = spawnSync(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], {
      cwd: root,
      env: { ...process.env, DATA_DIR: restoredDir },
      encoding: "utf8",
    });
    expect(verify.stdout, verify.stderr).toMatch(/The audit trail is intact/);

    const restored = new Browserish(await portals.start(restoredDir));
    const signedIn = await restored.post("/sign-in", { email: "kit.backup@example.org", password, returnTo: "/home" });
    expect(signedIn.status).toBe(302);
    const page = await (await restored.get(`/people/${personId}/plan/free-support`)).text();
    const missing = acknowledged.filter((a) => a.at <= backupStarted && !page.includes(a.what)).map((a) => a.what);
    expect(missing).toEqual([]);
  }, 120_000);

  it("refuses a damaged backup and a file that is not the portal's, and changes nothing", async () => {
    const good = path.join(scratch, "portal-backup.sqlite");
    const damaged = path.join(scratch, "damaged.sqlite");
    const bytes = readFileSync(good);
    // Overwrite pages in the middle of the file: what a bad disk or a cut-off copy leaves.
    bytes.fill(0x5a, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 8192);
    writeFileSync(damaged, bytes);
    const target = path.join(scratch, "untouched");
    const refused = await command("scripts/restore.ts", [damaged], { DATA_DIR: target });
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/was not restored: [\s\S]*Nothing was changed/);
    expect(existsSync(path.join(target, "portal.sqlite"))).toBe(false);

    const notOurs = path.join(scratch, "notes.txt");
    writeFileSync(notOurs, "shopping list\n");
    expect((await command("scripts/restore.ts", [notOurs], { DATA_DIR: target })).code).toBe(1);

    // A folder that already holds a database is kept unless --replace is given.
    const restoredDir = path.join(scratch, "restored");
    const again = await command("scripts/restore.ts", [good], { DATA_DIR: restoredDir });
    expect(again.code).toBe(2);
    expect(again.output).toMatch(/already holds a database/);
  }, 60_000);
});
