import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyPlan } from "~/domain/plan";
import { NEED_AREA_KEYS } from "~/domain/rule-set";
import { DEMO_PASSWORD } from "~/models/demo.server";
import { appendChained } from "~/lib/audit-chain.server";
import { formatDateTime } from "~/lib/format";
import { hashPassword } from "~/lib/password.server";
import { totpCode, totpStep } from "~/lib/totp.server";
import { Browserish, dataDir } from "../support/http";
import { fullScans, queryLogMark, statementsSince } from "../support/query-plans";

/**
 * Lists that grow with people come a page at a time (25, GOV.UK pagination, plain links), and every
 * query behind the pages the scale bench loads finds its rows through an index: SQLite is asked how it
 * runs each statement the server used while those pages loaded (EXPLAIN QUERY PLAN), and none reads a
 * whole table that grows with people.
 */
const LEAD_EMAIL = "pager.lead@example.org";
const LEAD_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const MANY = 26; // one more than a page
let sqlite: Database.Database;
let oldestLine: string;
let lead: Browserish;
let person: Browserish;
const personIds: string[] = [];

/** Tables that stay small whatever the number of people: a full scan of these is fine. */
// Tables that grow with the scheme's own work, not with people: read whole, and cached by version.
const SMALL_TABLES = new Set(["teams", "sign_in_failures", "__drizzle_migrations", "menu_changes"]);

async function signInAs(email: string, code?: string): Promise<Browserish> {
  const browser = new Browserish();
  const res = await browser.post("/sign-in", { email, password: DEMO_PASSWORD, returnTo: "/home" });
  expect(res.status).toBe(302);
  if (code) {
    const second = await browser.post("/sign-in/code", { code, returnTo: "/home" }, { from: "/sign-in/code" });
    expect(second.status).toBe(302);
  }
  return browser;
}

beforeAll(async () => {
  sqlite = new Database(path.join(dataDir(), "portal.sqlite"));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const leadId = randomUUID();
  const now = Date.now();
  const at = (i: number) => new Date(now - (MANY - i) * 60_000).toISOString();
  oldestLine = at(0);
  const snapshot = JSON.stringify({
    cycle: 1,
    version: 1,
    plan: emptyPlan(),
    budget: {
      totalPence: 0,
      basis: null,
      selfTotalPence: null,
      agreedTotalPence: null,
      committedPence: 0,
      agreedRatings: [],
    },
    notMet: [],
  });
  const addUser = sqlite.prepare(
    "insert into users (id, email, name, role, password_hash, totp_secret) values (?, ?, ?, ?, ?, ?)",
  );
  sqlite
    .transaction(() => {
      addUser.run(leadId, LEAD_EMAIL, "Pat Pager", "lead-professional", passwordHash, LEAD_SECRET);
      for (let i = 0; i < MANY; i++) {
        const userId = randomUUID();
        const personId = randomUUID();
        const planId = randomUUID();
        const name = `Paged Person ${String(i + 1).padStart(2, "0")}`;
        addUser.run(userId, `paged.${i + 1}@example.org`, name, "person", passwordHash, null);
        sqlite
          .prepare("insert into persons (id, user_id, lead_professional_id) values (?, ?, ?)")
          .run(personId, userId, leadId);
        sqlite
          .prepare("insert into plans (id, person_id, cycle, state) values (?, ?, 1, 'submitted')")
          .run(planId, personId);
        sqlite
          .prepare(
            "insert into plan_submissions (id, plan_id, person_id, version, snapshot, consent, submitted_by, submitted_at) values (?, ?, ?, 1, ?, 1, ?, ?)",
          )
          .run(randomUUID(), planId, personId, snapshot, userId, at(i));
        sqlite
          .prepare(
            "insert into notifications (id, user_id, kind, params, link, created_at) values (?, ?, 'plan-waiting', ?, ?, ?)",
          )
          .run(randomUUID(), leadId, JSON.stringify({ name }), `/people/${personId}/plan/review`, at(i));
        personIds.push(personId);
      }
      // The first person's plan has been saved 26 times, and their record looked at 26 times.
      const first = personIds[0]!;
      const firstUser = (sqlite.prepare("select user_id from persons where id = ?").get(first) as { user_id: string })
        .user_id;
      const planId = (sqlite.prepare("select id from plans where person_id = ?").get(first) as { id: string }).id;
      for (let i = 0; i < MANY; i++) {
        sqlite
          .prepare(
            "insert into plan_section_history (plan_id, section, version, content, saved_by, on_behalf_of, saved_at, outcome) values (?, 'outcomes', ?, '[]', ?, ?, ?, 'saved')",
          )
          .run(planId, i + 1, firstUser, first, at(i));
        // Chained as the portal writes them, so the server's trail stays one intact chain for the files after this.
        appendChained(sqlite, {
          at: at(i),
          actorId: firstUser,
          personId: first,
          action: "read",
          target: `/people/${first}`,
          result: "ok",
          detail: null,
        });
      }
    })
    .immediate();
  // A code from a step the server has not seen for this account (it accepts steps near now in tests).
  lead = await signInAs(LEAD_EMAIL, totpCode(LEAD_SECRET, (totpStep(Date.now()) - 50) * 30_000));
  person = await signInAs("paged.1@example.org");
  // The person answers the questions and works out a budget through the real forms.
  const first = personIds[0]!;
  for (const [i, area] of NEED_AREA_KEYS.entries())
    await person.post(`/people/${first}/assessment/${area}`, { rating: String(i % 4) });
  await person.post(`/people/${first}/assessment/informal`, { informal: "a-little" });
  await person.post(`/people/${first}/assessment/check`, { intent: "calculate" });
});

afterAll(() => sqlite?.close());

/** The names linked from a page's list, in order. */
const namesOn = (html: string) => [...html.matchAll(/>(Paged Person \d\d)</g)].map((m) => m[1]!);

describe("lists that grow come a page at a time", () => {
  it("the caseload shows 25 people, then the 26th on page 2, with GOV.UK pagination that works without JavaScript", async () => {
    const one = await (await lead.get("/home")).text();
    expect(namesOn(one)).toHaveLength(25);
    expect(namesOn(one)[0]).toBe("Paged Person 01");
    expect(one).toMatch(/<nav class="pagination" aria-label="Pages"/);
    expect(one).toContain('href="?page=2" rel="next"');
    expect(one).toMatch(/aria-current="page"[^>]*>1</);
    const two = await (await lead.get("/home?page=2")).text();
    expect(namesOn(two)).toEqual(["Paged Person 26"]);
    expect(two).toContain('href="?" rel="prev"');
    // A page past the end shows the last page, never an empty list or an error.
    expect(namesOn(await (await lead.get("/home?page=99")).text())).toEqual(["Paged Person 26"]);
  });

  it("the queue shows the 25 who have waited longest, and the 26th on the next page of that list", async () => {
    const one = await (await lead.get("/queue")).text();
    expect(namesOn(one)).toHaveLength(25);
    expect(namesOn(one)[0]).toBe("Paged Person 01"); // oldest first
    expect(one).toContain('href="?waiting=2" rel="next"');
    const two = await (await lead.get("/queue?waiting=2")).text();
    expect(namesOn(two)).toEqual(["Paged Person 26"]);
  });

  it("notifications show the newest 25 first, and the oldest on page 2", async () => {
    const named = (html: string) => [...new Set(html.match(/Paged Person \d\d/g))];
    const one = await (await lead.get("/notifications")).text();
    expect(named(one)).toHaveLength(25);
    expect(one).toContain("Paged Person 26");
    expect(one).not.toContain("Paged Person 01");
    const two = await (await lead.get("/notifications?page=2")).text();
    expect(named(two)).toEqual(["Paged Person 01"]);
  });

  it("who has looked at the record pages through the trail, newest first", async () => {
    const first = personIds[0]!;
    const rows = (html: string) => html.match(/<tr><td>/g)?.length ?? 0;
    const one = await (await person.get(`/people/${first}/audit`)).text();
    expect(rows(one)).toBe(25);
    expect(one).toContain('href="?page=2" rel="next"');
    // Newest first: the oldest line is on the last page, not the first.
    const oldest = formatDateTime(oldestLine, "en");
    expect(one).not.toContain(oldest);
    const pages = Number(/Page 1 of (\d+)/.exec(one)?.[1]);
    expect(pages).toBeGreaterThan(1);
    const last = await (await person.get(`/people/${first}/audit?page=${pages}`)).text();
    expect(rows(last)).toBeGreaterThan(0);
    expect(last).toContain(oldest);
  });

  it("the plan's history shows the newest 25 saves, and the first save on page 2", async () => {
    const first = personIds[0]!;
    const one = await (await person.get(`/people/${first}/plan/history`)).text();
    expect(one.match(/<tr><td>/g)).toHaveLength(25);
    const two = await (await person.get(`/people/${first}/plan/history?page=2`)).text();
    expect(two.match(/<tr><td>/g)).toHaveLength(1);
  });

  it("the data export carries every audit line, streamed", async () => {
    const first = personIds[0]!;
    const json = await (await person.get(`/people/${first}/my-data.json`)).json();
    const inTable = (
      sqlite.prepare("select count(*) as n from audit_log where person_id = ?").get(first) as { n: number }
    ).n;
    expect(json.account.email).toBe("paged.1@example.org");
    expect(json.auditTrail.length).toBe(inTable);
    expect(json.auditTrail[0].action).toBe("read");
    expect(json.auditTrail.at(-1).at <= json.auditTrail[0].at).toBe(true);
  });
});

describe("every query behind the listed pages finds its rows through an index", () => {
  it("EXPLAIN QUERY PLAN shows no full scan of a table that grows with people", async () => {
    const from = queryLogMark();
    const first = personIds[0]!;
    const waiting = personIds[1]!;
    const pages: [Browserish | null, string][] = [
      [null, "/"],
      [person, `/people/${first}`],
      [person, `/people/${first}/budget`],
      [person, `/people/${first}/plan`],
      [person, `/people/${first}/journey`],
      [person, `/people/${first}/plan/history`],
      [person, `/people/${first}/audit`],
      [person, `/people/${first}/my-data`],
      [person, `/people/${first}/my-data.json`],
      [person, "/notifications"],
      [lead, "/home"],
      [lead, "/queue"],
      [lead, `/people/${waiting}/plan/review`],
      [lead, "/notifications"],
    ];
    for (const [who, page] of pages) {
      const res = await (who ?? new Browserish()).get(page);
      expect(res.status, page).toBe(200);
      await res.arrayBuffer();
    }
    const statements = statementsSince(from);
    expect(statements.size).toBeGreaterThan(20);
    const scans = fullScans(sqlite, statements, SMALL_TABLES);
    expect(scans).toEqual([]);
  });
});
