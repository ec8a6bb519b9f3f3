import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, DEMO_PASSWORD } from "../support/accounts";
import { newDatabase } from "../support/engine";
import { Browserish } from "../support/http";
import { receivedMail, startTestSmtp } from "../support/smtp";

/**
 * Several servers, one database (issue 16, point 3): two portals on one database, as behind a load
 * balancer. In the `integration` project they share the embedded database's data folder on one machine;
 * in `integration-pg`, a PostgreSQL database of their own (DATABASE_URL), as several machines would. Nothing that must be shared lives in one
 * process's memory: sessions, CSRF, versions of the plan and the outbox are all in the database.
 */
const root = path.resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(path.join(tmpdir(), "portal-two-servers-"));
const running: ChildProcess[] = [];
let databaseUrl = "";

beforeAll(async () => {
  databaseUrl = await newDatabase();
});

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const key of ["PUBLIC_URL", "SESSION_SECRET", "SMTP_URL", "SEED_DEMO", "PORTAL_TEST_ROUTES", "DATABASE_URL"])
    delete base[key];
  const database = databaseUrl ? { DATABASE_URL: databaseUrl } : {};
  return { ...base, NODE_ENV: "production", PORT: "0", DATA_DIR: dataDir, ...database, ...extra };
}

/** Starts a portal on the shared folder; resolves with its address and what it printed by then. */
function start(extra: Record<string, string> = {}, waitFor = /running at (\S+)/) {
  const child = spawn(process.execPath, ["scripts/start.mjs"], { cwd: root, env: env(extra), stdio: "pipe" });
  running.push(child);
  let output = "";
  return new Promise<{ url: string; output: () => string; child: ChildProcess }>((resolve, reject) => {
    const check = () => {
      const url = /running at (\S+)/.exec(output)?.[1];
      if (url && waitFor.test(output)) resolve({ url, output: () => output, child });
    };
    child.stdout!.on("data", (c: Buffer) => {
      output += c.toString();
      check();
    });
    child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    child.on("exit", (code) => reject(new Error(`a portal stopped (${code}): ${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

afterAll(async () => {
  for (const child of running) await stop(child);
  rmSync(dataDir, { recursive: true, force: true });
});

const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1];

describe("two portal servers on one database", () => {
  let a: string;
  let b: string;
  const mailDir = path.join(dataDir, "mail");
  const invited = ["one", "two", "three", "four", "five"].map((n) => `admin.${n}@example.org`);

  it("email waiting when both start goes out once, whichever server sends it", async () => {
    // The demo people first (one server, then stopped), then five invitations waiting in the outbox.
    const seeded = await start();
    await stop(seeded.child);
    for (const email of invited) {
      const made = spawnSync(process.execPath, ["--import", "tsx", "scripts/admin-create.ts", email], {
        cwd: root,
        env: env({}),
        encoding: "utf8",
      });
      expect(made.status, made.stderr).toBe(0);
    }
    const smtp = await startTestSmtp(mailDir);
    try {
      // Both start at once and both send what is waiting at start-up.
      const sent = /Mail waiting at start-up: (\d+) sent\./;
      const [first, second] = await Promise.all([
        start({ SMTP_URL: smtp.url }, sent),
        start({ SMTP_URL: smtp.url }, sent),
      ]);
      a = first.url;
      b = second.url;
      const counts = [first, second].map((s) => Number(sent.exec(s.output())![1]));
      expect(counts[0]! + counts[1]!).toBe(invited.length);
      const mail = receivedMail(mailDir);
      expect(mail.map((m) => m.to).sort()).toEqual([...invited].sort());
    } finally {
      await smtp.close();
    }
  }, 120_000);

  it("a person signs in on one server and carries on on the other", async () => {
    const onA = new Browserish(a);
    const signedIn = await onA.post("/sign-in", { email: DEMO.asha, password: DEMO_PASSWORD, returnTo: "/home" });
    expect(signedIn.status).toBe(302);
    const onB = onA.on(b);
    const home = await onB.get("/home");
    expect(home.status).toBe(200);
    expect(await home.clone().text()).toContain("Asha Patel");
    // A form from server A is sent to server B (the CSRF token belongs to the session, not a server),
    // and what it saved shows on server A.
    const ashaId = /href="\/people\/([0-9a-f-]{36})"/.exec(await home.clone().text())?.[1] ?? "";
    const part = `/people/${ashaId}/plan/free-support`;
    const token = await onA.csrfFrom(part);
    const saved = await onB.post(
      part,
      { intent: "add", who: "My sister", what: "Sent through server B", howOften: "Every week" },
      { csrf: token },
    );
    expect(saved.status).toBe(302);
    expect(await (await onA.get(part)).text()).toContain("Sent through server B");
  });

  it("two people save the same plan part on different servers: the second meets the comparison page", async () => {
    const asha = new Browserish(a);
    expect((await asha.post("/sign-in", { email: DEMO.asha, password: DEMO_PASSWORD, returnTo: "/home" })).status).toBe(
      302,
    );
    const sam = new Browserish(b);
    expect((await sam.post("/sign-in", { email: DEMO.sam, password: DEMO_PASSWORD, returnTo: "/home" })).status).toBe(
      302,
    );
    const ashaId = /href="\/people\/([0-9a-f-]{36})"/.exec(await (await asha.get("/home")).text())![1]!;
    const part = `/people/${ashaId}/plan/crisis`;
    const ashaVersion = versionOn(await (await asha.get(part)).text())!;
    const samVersion = versionOn(await (await sam.get(part)).text())!;
    expect(samVersion).toBe(ashaVersion);
    const form = (earlySigns: string, version: string) => ({
      intent: "save",
      version,
      earlySigns,
      whatHelps: "A quiet room",
      "contacts.0.name": "Ravi",
      "contacts.0.howToReach": "07700 900123",
      "contacts.1.name": "",
      "contacts.1.howToReach": "",
      "contacts.2.name": "",
      "contacts.2.howToReach": "",
      doNotWant: "",
      preferredPlace: "At home",
    });
    expect((await asha.post(part, form("Saved on server A", ashaVersion))).status).toBe(302);
    const second = await sam.post(part, form("Typed on server B", samVersion));
    expect(second.status).toBe(409);
    const comparison = await second.text();
    expect(comparison).toContain("Someone else changed this at the same time");
    expect(comparison).toContain("Saved on server A");
    expect(comparison).toContain("Typed on server B");
  });

  it("both servers write the audit trail at once, and it stays one unbroken chain", async () => {
    const onA = new Browserish(a);
    expect((await onA.post("/sign-in", { email: DEMO.asha, password: DEMO_PASSWORD, returnTo: "/home" })).status).toBe(
      302,
    );
    const onB = onA.on(b);
    const ashaId = /href="\/people\/([0-9a-f-]{36})"/.exec(await (await onA.get("/home")).text())![1]!;
    // Each view of Asha's record is an audit line: forty at once, half through each server.
    const views = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? onA : onB).get(`/people/${ashaId}`)),
    );
    expect(views.every((v) => v.status === 200)).toBe(true);
    const verify = spawnSync(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], {
      cwd: root,
      env: env({}),
      encoding: "utf8",
    });
    expect(verify.stdout + verify.stderr).toMatch(/The audit trail is intact: \d+ lines/);
    expect(verify.status).toBe(0);
  });
});
