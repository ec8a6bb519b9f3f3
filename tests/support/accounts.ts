import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO_PASSWORD, DEMO_TOTP_SECRETS } from "~/models/demo.server";
import { totpCode, totpStep } from "~/lib/totp.server";
import { Browserish, dataDir, mailDir } from "./http";
import { receivedMail } from "./smtp";

export const DEMO = {
  asha: "asha@example.org",
  tomasz: "tomasz@example.org",
  ravi: "ravi@example.org",
  sam: "sam@example.org",
  jo: "jo.ahmed@example.org",
  chris: "chris.evans@example.org",
  alex: "alex.kim@example.org",
  priya: "priya.shah@example.org",
  morgan: "morgan.lee@example.org",
  dana: "dana.okafor@example.org",
} as const;
export { DEMO_PASSWORD };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A one-time code that has not been used yet for this account. The server refuses a code's time
 * step twice, and several test files sign in as the same professional, so the steps used are kept
 * in a file beside the test database (with a lock, since test files may run at once).
 */
export async function freshCode(email: string): Promise<string> {
  const secret = DEMO_TOTP_SECRETS[email];
  if (!secret) throw new Error(`${email} has no demo second factor`);
  const file = path.join(dataDir(), "totp-steps.json");
  const lock = `${file}.lock`;
  for (;;) {
    try {
      closeSync(openSync(lock, "wx"));
      break;
    } catch {
      await sleep(50);
    }
  }
  try {
    const used: Record<string, number> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
    // The test server accepts codes from 60 steps either side of now (PORTAL_TEST_ROUTES=1), so a
    // fresh step is always at hand: no test waits for the clock, and none lands on a window's edge.
    const now = totpStep(Date.now());
    const step = Math.max(now - 55, (used[email] ?? 0) + 1);
    if (step > now + 55) throw new Error(`Too many sign-ins as ${email} within a few minutes`);
    used[email] = step;
    writeFileSync(file, JSON.stringify(used));
    return totpCode(secret, step * 30_000);
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Signs in through the real pages (password, then the one-time code where the role needs it). */
export async function signIn(email: string, password = DEMO_PASSWORD): Promise<Browserish> {
  const browser = new Browserish();
  const res = await browser.post("/sign-in", { email, password, returnTo: "/home" });
  if (res.status !== 302) throw new Error(`Sign-in for ${email} answered ${res.status}`);
  if (res.headers.get("location")?.startsWith("/sign-in/code")) {
    const code = await browser.post(
      "/sign-in/code",
      { code: await freshCode(email), returnTo: "/home" },
      { from: "/sign-in/code" },
    );
    if (code.status !== 302) throw new Error(`One-time code for ${email} answered ${code.status}`);
  }
  return browser;
}

const SIGN_UP_CODE = /\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}\b/;
const signUpCodeMails = (email: string) =>
  receivedMail(mailDir()).filter((m) => m.to === email.toLowerCase() && SIGN_UP_CODE.test(m.text));

/**
 * The code in the next sign-up email to arrive for an address: call `before` (the count so far) first,
 * then make the sign-up, then wait for one more.
 */
export async function emailedSignUpCode(email: string, before: number): Promise<string> {
  const { vi } = await import("vitest");
  return vi.waitFor(
    () => {
      const mail = signUpCodeMails(email);
      if (mail.length <= before) throw new Error(`No sign-up email for ${email} yet`);
      return SIGN_UP_CODE.exec(mail.at(-1)!.text)![0];
    },
    { timeout: 10_000, interval: 50 },
  );
}

/** How many sign-up emails with a code have arrived for an address so far. */
export const signUpEmailsSoFar = (email: string): number => signUpCodeMails(email).length;

/**
 * Signs up through the real pages: the form, then the code emailed to the address. Returns the last
 * answer: the refusal when the form is refused, otherwise the confirmation's (302 to /home).
 */
export async function signUp(
  browser: Browserish,
  fields: Record<string, string>,
  opts: { from?: string } = {},
): Promise<Response> {
  const before = signUpEmailsSoFar(fields.email ?? "");
  const asked = await browser.post("/sign-up", fields, opts);
  if (asked.status !== 302 || asked.headers.get("location") !== "/sign-up/confirm") return asked;
  const code = await emailedSignUpCode(fields.email!, before);
  return browser.post("/sign-up/confirm", { code }, { from: "/sign-up/confirm" });
}

/** The record ids a signed-in user can reach from their home page. */
export async function recordLinks(browser: Browserish): Promise<string[]> {
  const html = await (await browser.get("/home")).text();
  return [...new Set([...html.matchAll(/href="\/people\/([0-9a-f-]{36})"/g)].map((m) => m[1]!))];
}

/** An id from a radio button on a page, by the label next to it (ids are random; labels are what people see). */
export function radioValue(html: string, label: string): string {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`value="([0-9a-f-]{36})"[^>]*/><div><label[^>]*>${escaped}<`).exec(html);
  if (!match?.[1]) throw new Error(`No choice labelled ${label}`);
  return match[1];
}

/**
 * The safe way a person comes to have a lead professional: they choose the team themselves (from
 * their record), then the team's administrator links them within the team.
 */
export async function chooseTeamAndLink(
  person: Browserish,
  personId: string,
  personName: string,
  admin: Browserish,
  professionalName: string,
  teamId = "north-cmht",
): Promise<void> {
  const chose = await person.post(`/people/${personId}/team`, { intent: "choose", teamId });
  if (chose.status !== 302) throw new Error(`Choosing the team answered ${chose.status}`);
  const html = await (await admin.get("/team")).text();
  const linked = await admin.post("/team", {
    intent: "link",
    personId: radioValue(html, personName),
    professionalId: radioValue(html, professionalName),
  });
  if (linked.status !== 302) throw new Error(`Linking answered ${linked.status}`);
}

/** The version of the reason for sending that the submit page was loaded at (the form carries it back). */
export async function reasonVersion(browser: Browserish, personId: string): Promise<string> {
  const html = await (await browser.get(`/people/${personId}/plan/submit`)).text();
  return /name="version" value="(\d+)"/.exec(html)?.[1] ?? "0";
}
