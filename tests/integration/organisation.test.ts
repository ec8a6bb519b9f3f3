import { createHash, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { NEED_AREA_KEYS } from "~/domain/choices";
import { totpCode, totpStep } from "~/lib/totp.server";
import { DEMO, radioValue, reasonVersion, recordLinks, signIn, signUp as signUpWithCode } from "../support/accounts";
import { openTestDatabase, type TestDatabase } from "../support/database";
import { Browserish, mailDir } from "../support/http";
import { waitForMail } from "../support/smtp";

/**
 * A council runs it: people choose their team and are linked only within it; staff join by a
 * single-use emailed link with a second factor; leavers are deactivated; no form tells whether an
 * email has an account. Against the running portal, whose mail goes to a real test SMTP server.
 */
let db: TestDatabase;
let jo: Browserish;
let priya: Browserish;
const one = async <T>(sql: string, ...args: unknown[]) => (await db.get<T>(sql, ...args))!;

async function signUp(name: string, email: string, teamId: string | undefined) {
  const browser = new Browserish();
  const res = await signUpWithCode(browser, {
    name,
    email,
    password: `${name} has a long pass phrase`,
    ...(teamId ? { teamId } : {}),
  });
  expect(res.status).toBe(302);
  return { browser, personId: (await recordLinks(browser))[0]! };
}

const mailFor = (email: string, count = 1) => waitForMail(mailDir(), email, count);

const withoutToken = (html: string) =>
  html
    .replace(/name="csrf" value="[^"]+"/g, "")
    .replace(/(csrf\\?",\\?")[^"\\]+/g, "$1")
    .replace(/nonce="[^"]+"/g, "");

beforeAll(async () => {
  db = await openTestDatabase();
  jo = await signIn(DEMO.jo);
  priya = await signIn(DEMO.priya);
});

describe("safe linking: a person joins a team by their own act", () => {
  it("signs up choosing a team, waits (oldest first), is linked within the team, is told, and a plan they send reaches that queue", async () => {
    const first = await signUp("Wren Waiting", "wren.waiting@example.org", "north-cmht");
    const second = await signUp("Yara Waiting", "yara.waiting@example.org", "north-cmht");
    const record = await (await first.browser.get(`/people/${first.personId}`)).text();
    expect(record).toContain("North Community Mental Health Team (example)");
    expect(record).toContain("Not linked yet. Your care team will link you.");

    const team = await (await jo.get("/team")).text();
    const waiting = /data-testid="waiting">([\s\S]*?)<\/ol>/.exec(team)?.[1] ?? "";
    expect(waiting.indexOf("Wren Waiting")).toBeGreaterThanOrEqual(0);
    expect(waiting.indexOf("Wren Waiting")).toBeLessThan(waiting.indexOf("Yara Waiting"));
    // Another team's administrator does not see them.
    expect(await (await priya.get("/team")).text()).not.toContain("Wren Waiting");

    const linked = await jo.post("/team", {
      intent: "link",
      personId: radioValue(team, "Wren Waiting"),
      professionalId: radioValue(team, "Chris Evans"),
    });
    expect(linked.status).toBe(302);
    expect(await (await jo.get(linked.headers.get("location")!)).text()).toContain(
      "Linked. The person and the lead professionals have been told.",
    );
    // The person is told, in the portal and by an email that carries only a link.
    expect(await (await first.browser.get("/notifications")).text()).toContain(
      "Chris Evans is now your lead professional.",
    );
    // The second email to the address: the first was the sign-up code.
    const email = (await mailFor("wren.waiting@example.org", 2)).at(-1);
    expect(email!.text).toContain(`/people/${first.personId}`);
    expect(email!.text).not.toMatch(/Chris|Wren|North|mood|budget/i);
    const after = await (await first.browser.get(`/people/${first.personId}`)).text();
    expect(after).toMatch(/Chris Evans, since \d{1,2} [A-Z][a-z]+ 20\d\d/);
    const chris = await signIn(DEMO.chris);
    expect(await (await chris.get("/notifications")).text()).toContain(
      "You are now the lead professional for Wren Waiting.",
    );

    // A plan they then send reaches Chris's queue (not Jo's).
    const p = first.browser;
    for (const key of NEED_AREA_KEYS)
      expect((await p.post(`/people/${first.personId}/assessment/${key}`, { rating: "1" })).status).toBe(302);
    await p.post(`/people/${first.personId}/assessment/informal`, { informal: "a-little" });
    expect((await p.post(`/people/${first.personId}/assessment/check`, { intent: "calculate" })).status).toBe(302);
    // A plan is sent with at least one outcome (the plan's life: nothing empty reaches a queue).
    const outcome = await p.post(`/people/${first.personId}/plan/outcomes`, {
      intent: "add",
      words: "Walk by the river on Sundays",
      lifeAreaId: "feeling-well",
      now: "3",
      hope: "7",
    });
    expect(outcome.status).toBe(302);
    const sent = await p.post(`/people/${first.personId}/plan/submit`, {
      version: await reasonVersion(p, first.personId),
      consent: "on",
      reason: "I would like to talk it through before I add more.",
    });
    expect(sent.status).toBe(302);
    expect(await (await chris.get("/queue")).text()).toContain("Wren Waiting");
    expect(await (await jo.get("/queue")).text()).not.toContain("Wren Waiting");

    // Moving them to another lead professional tells the old one too.
    expect(
      (
        await jo.post("/team", {
          intent: "link",
          personId: radioValue(team, "Wren Waiting"),
          professionalId: radioValue(team, "Jo Ahmed"),
        })
      ).status,
    ).toBe(302);
    expect(await (await chris.get("/notifications")).text()).toContain(
      "Wren Waiting now has Jo Ahmed as their lead professional.",
    );
    expect(second.personId).toBeTruthy();
  });

  it("refuses linking across teams, and linking someone who did not choose the team, all alike", async () => {
    const north = await signUp("Zed North", "zed.north@example.org", "north-cmht");
    const unsure = await signUp("Uma Unsure", "uma.unsure@example.org", undefined);
    const joTeam = await (await jo.get("/team")).text();
    const priyaStaff = await (await priya.get("/team/staff")).text();
    const priyaSelf = /href="\/team\/staff\/([0-9a-f-]{36})">Priya Shah</.exec(priyaStaff)![1]!;
    const chrisId = radioValue(joTeam, "Chris Evans");
    const attempts = [
      // South's administrator, a North person, South's own professional.
      priya.post("/team", { intent: "link", personId: north.personId, professionalId: priyaSelf }),
      // North's administrator, a North person, a South professional.
      jo.post("/team", { intent: "link", personId: north.personId, professionalId: priyaSelf }),
      // North's administrator, someone who chose no team.
      jo.post("/team", { intent: "link", personId: unsure.personId, professionalId: chrisId }),
      // North's administrator, someone who does not exist.
      jo.post("/team", { intent: "link", personId: "00000000-0000-4000-8000-000000000000", professionalId: chrisId }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("Choose a person who chose your team.");
    }
    for (const id of [north.personId, unsure.personId])
      expect(
        (await one<{ lead: string | null }>("select lead_professional_id as lead from persons where id = ?", id)).lead,
      ).toBeNull();
  });

  it("the old /team email form is gone: it answers the same for an email with an account and one without", async () => {
    const chrisId = radioValue(await (await jo.get("/team")).text(), "Chris Evans");
    const known = await jo.post("/team", { email: DEMO.asha, professionalId: chrisId });
    const unknown = await jo.post("/team", { email: "nobody.here@example.org", professionalId: chrisId });
    expect(known.status).toBe(unknown.status);
    // Identical apart from echoing back what was typed.
    expect(withoutToken(await known.text()).replaceAll(DEMO.asha, "TYPED")).toBe(
      withoutToken(await unknown.text()).replaceAll("nobody.here@example.org", "TYPED"),
    );
    const asha = (await recordLinks(await signIn(DEMO.asha)))[0]!;
    expect(
      (
        await one<{ lead: string }>(
          "select u.name as lead from persons p join users u on u.id = p.lead_professional_id where p.id = ?",
          asha,
        )
      ).lead,
    ).toBe("Jo Ahmed");
  });

  it("inviting staff answers the same for an email with an account and one without", async () => {
    const known = await jo.post("/team/staff", { email: DEMO.chris, kind: "lead-professional" });
    const unknown = await jo.post("/team/staff", { email: "new.person@example.org", kind: "lead-professional" });
    expect(known.status).toBe(302);
    expect(unknown.status).toBe(302);
    expect(known.headers.get("location")).toBe(unknown.headers.get("location"));
  });

  it("a person can choose their team later with a code the team gave them; a code works once", async () => {
    const later = await signUp("Lou Later", "lou.later@example.org", undefined);
    const made = await jo.post("/team", { intent: "code" });
    const code = /data-testid="team-code">([A-Z0-9-]+)</.exec(await made.text())?.[1];
    expect(code).toBeTruthy();
    const used = await later.browser.post(`/people/${later.personId}/team`, { intent: "code", code: code! });
    expect(used.status).toBe(302);
    expect(await (await jo.get("/team")).text()).toContain("Lou Later");
    const again = await signUp("Max Again", "max.again@example.org", undefined);
    const reused = await again.browser.post(`/people/${again.personId}/team`, { intent: "code", code: code! });
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain("This code is not valid.");
  });
});

/** Follows an emailed invitation to the end: password, second factor, recovery codes. */
async function joinFromEmail(email: string, name: string, password: string) {
  const [mail] = await mailFor(email);
  const link = /http:\/\/[^\s]+\/join\/[A-Za-z0-9_-]+/.exec(mail!.text)![0];
  const where = new URL(link).pathname;
  const browser = new Browserish();
  const joined = await browser.post(where, { token: where.split("/").pop()!, name, password });
  expect(joined.status).toBe(302);
  expect(joined.headers.get("location")).toBe("/account/second-factor");
  const page = await (await browser.get("/account/second-factor")).text();
  const secret = /data-testid="totp-secret">([A-Z2-7 ]+)</.exec(page)![1]!.replace(/ /g, "");
  let step = totpStep(Date.now());
  const done = await browser.post("/account/second-factor", { code: totpCode(secret, step * 30_000) });
  expect(done.status).toBe(200);
  const codes = [...(await done.text()).matchAll(/<li><code>([A-Z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]!);
  return {
    mail: mail!,
    where,
    page,
    secret,
    codes,
    /** Signs in with the password and the next unused one-time code. */
    signIn: async () => {
      const b = new Browserish();
      const first = await b.post("/sign-in", { email, password, returnTo: "/home" });
      expect(first.headers.get("location")).toMatch(/^\/sign-in\/code/);
      step += 1;
      const code = await b.post(
        "/sign-in/code",
        { code: totpCode(secret, step * 30_000), returnTo: "/home" },
        { from: "/sign-in/code" },
      );
      expect(code.status).toBe(302);
      return b;
    },
  };
}

async function staffId(name: string): Promise<string> {
  const staff = await (await jo.get("/team/staff")).text();
  return new RegExp(`href="/team/staff/([0-9a-f-]{36})">${name}<`).exec(staff)![1]!;
}

describe("staff by invitation, with a second factor", () => {
  const email = "lee.newstarter@example.org";
  const password = "lee starts on monday with a long phrase";
  let lee: Awaited<ReturnType<typeof joinFromEmail>>;
  let leeSession: Browserish;

  it("an administrator invites; the email arrives with only the link; opening it twice changes nothing and sends no Referer", async () => {
    const res = await jo.post("/team/staff", { email, kind: "lead-professional" });
    expect(res.status).toBe(302);
    const [mail] = await mailFor(email);
    expect(mail!.subject).toBe("You are invited to Plan your support");
    expect(mail!.text).not.toMatch(/Jo Ahmed|North|lead professional/i);
    const where = new URL(/http:\/\/[^\s]+\/join\/[A-Za-z0-9_-]+/.exec(mail!.text)![0]).pathname;
    const visitor = new Browserish();
    for (let i = 0; i < 2; i++) {
      const page = await visitor.get(where);
      expect(page.status).toBe(200);
      expect(page.headers.get("referrer-policy")).toBe("no-referrer");
      expect(await page.text()).toContain("You have been invited to join as Lead professional");
    }
    expect(
      (
        await one<{ n: number }>(
          "select count(*) as n from staff_invitations where email = ? and accepted_at is null",
          email,
        )
      ).n,
    ).toBe(1);
  });

  it("the invitee chooses a password, reads the QR secret, confirms a code, gets ten recovery codes once, and signs in", async () => {
    lee = await joinFromEmail(email, "Lee Newstarter", password);
    expect(lee.page).toContain("<svg");
    expect(lee.codes).toHaveLength(10);
    expect(new Set(lee.codes).size).toBe(10);
    const stored = await db.all<{ code_hash: string }>(
      "select code_hash from recovery_codes r join users u on u.id = r.user_id where u.email = ?",
      email,
    );
    expect(stored).toHaveLength(10);
    expect(stored.map((s) => s.code_hash)).not.toContain(lee.codes[0]);
    leeSession = await lee.signIn();
    const home = await (await leeSession.get("/home")).text();
    expect(home).toContain("Lee Newstarter");
    expect(home).toContain("Nobody yet.");
  });

  it("a wrong code does not enrol; a recovery code works once instead of the authenticator", async () => {
    const lost = new Browserish();
    await lost.post("/sign-in", { email, password, returnTo: "/home" });
    const wrong = await lost.post(
      "/sign-in/code",
      { recovery: "AAAA-BBBB-CC", returnTo: "/home" },
      { from: "/sign-in/code" },
    );
    expect(wrong.status).toBe(400);
    expect(
      (await lost.post("/sign-in/code", { recovery: lee.codes[0]!, returnTo: "/home" }, { from: "/sign-in/code" }))
        .status,
    ).toBe(302);
    const again = new Browserish();
    await again.post("/sign-in", { email, password, returnTo: "/home" });
    const reused = await again.post(
      "/sign-in/code",
      { recovery: lee.codes[0]!, returnTo: "/home" },
      { from: "/sign-in/code" },
    );
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain("That recovery code did not work.");
  });

  it("a used invitation link, and an expired one, no longer work", async () => {
    const other = new Browserish();
    expect(await (await other.get(lee.where)).text()).toContain("This invitation link does not work.");
    const reused = await other.post(
      lee.where,
      { token: lee.where.split("/").pop()!, name: "Someone Else", password: "someone else long phrase" },
      { from: "/sign-in" },
    );
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain("This invitation link does not work.");
    // An invitation whose 72 hours have passed (written straight into the database, as time would).
    const token = "expired-token-for-the-test-aaaaaaaaaaaaaaaa";
    const writable = await openTestDatabase({ writable: true });
    await writable.run(
      "insert into staff_invitations (id, email, kind, team_id, token_hash, expires_at) values (?, ?, 'lead-professional', 'north-cmht', ?, ?)",
      randomUUID(),
      "late.starter@example.org",
      createHash("sha256").update(token).digest("hex"),
      new Date(Date.now() - 1000).toISOString(),
    );
    await writable.close();
    expect(await (await other.get(`/join/${token}`)).text()).toContain("This invitation link does not work.");
    const late = await other.post(
      `/join/${token}`,
      { token, name: "Late Starter", password: "late starter long phrase" },
      { from: "/sign-in" },
    );
    expect(late.status).toBe(400);
    expect(
      (await one<{ n: number }>("select count(*) as n from users where email = 'late.starter@example.org'")).n,
    ).toBe(0);
  });

  it("leaving: deactivation ends the sessions at once, refuses sign-in, keeps history, lists the caseload", async () => {
    const leeId = await staffId("Lee Newstarter");
    const person = await signUp("Nia Needs", "nia.needs@example.org", "north-cmht");
    const team = await (await jo.get("/team")).text();
    expect(
      (
        await jo.post("/team", {
          intent: "link",
          personId: person.personId,
          professionalId: radioValue(team, "Lee Newstarter"),
        })
      ).status,
    ).toBe(302);
    expect(await (await leeSession.get("/home")).text()).toContain("Nia Needs");

    expect((await jo.post(`/team/staff/${leeId}`, { intent: "deactivate" })).status).toBe(302);
    const old = await leeSession.get("/home");
    expect(old.status).toBe(302);
    expect(old.headers.get("location")).toMatch(/^\/sign-in/);
    const fresh = await new Browserish().post("/sign-in", { email, password, returnTo: "/home" });
    expect(fresh.status).toBe(400);
    expect(await fresh.text()).toContain("The email address or password is not right.");

    const page = await (await jo.get(`/team/staff/${leeId}`)).text();
    expect(page).toContain("Deactivated");
    expect(page).toContain("Nia Needs");
    expect(page).toContain("These people are now waiting for a new lead professional.");
    const after = await (await jo.get("/team")).text();
    expect(/data-testid="waiting">([\s\S]*?)<\/ol>/.exec(after)?.[1]).toContain("Nia Needs");
    expect(() => radioValue(after, "Lee Newstarter")).toThrow();
    expect((await one<{ name: string }>("select name from users where id = ?", leeId)).name).toBe("Lee Newstarter");
    expect(
      (
        await one<{ n: number }>(
          "select count(*) as n from audit_log where action = 'deactivate-staff' and target = ?",
          leeId,
        )
      ).n,
    ).toBe(1);
  });

  it("losing the authenticator: an administrator resets it (audited); sessions end; the next sign-in enrols afresh", async () => {
    const kimEmail = "kim.reset@example.org";
    const kimPassword = "kim keeps losing phones long phrase";
    expect((await jo.post("/team/staff", { email: kimEmail, kind: "panel-member" })).status).toBe(302);
    const kim = await joinFromEmail(kimEmail, "Kim Reset", kimPassword);
    const open = await kim.signIn();
    expect((await open.get("/home")).status).toBe(200);
    const kimId = await staffId("Kim Reset");
    expect((await jo.post(`/team/staff/${kimId}`, { intent: "reset-second-factor" })).status).toBe(302);
    expect((await open.get("/home")).status).toBe(302);
    const again = new Browserish();
    const res = await again.post("/sign-in", { email: kimEmail, password: kimPassword, returnTo: "/home" });
    expect(res.headers.get("location")).toBe("/account/second-factor");
    const page = await (await again.get("/account/second-factor")).text();
    expect(/data-testid="totp-secret">([A-Z2-7 ]+)</.exec(page)![1]!.replace(/ /g, "")).not.toBe(kim.secret);
    expect(
      (
        await one<{ n: number }>(
          "select count(*) as n from audit_log where action = 'reset-second-factor' and target = ?",
          kimId,
        )
      ).n,
    ).toBe(1);
    // Another team's administrator cannot touch Kim at all.
    expect((await priya.post(`/team/staff/${kimId}`, { intent: "deactivate" })).status).toBe(404);
  });
});

describe("the invitation page sends no Referer, and its form still works", () => {
  it("a form post from a no-referrer page (Origin: null) is accepted only when the browser says it is same-origin", async () => {
    const visitor = new Browserish();
    const crossSite = await visitor.post("/sign-in", { email: "x@example.org", password: "y" }, { origin: "null" });
    expect(crossSite.status).toBe(403);
  });
});
