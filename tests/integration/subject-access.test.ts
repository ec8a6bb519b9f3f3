import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORT_PLACE_OF_TABLE, NOT_EXPORTED } from "~/models/my-data.server";
import { signUp } from "../support/accounts";
import { columnNames, foreignKeys, openTestDatabase, tableNames, type TestDatabase } from "../support/database";
import { Browserish } from "../support/http";
import { signedOffPerson, type SignedOff } from "../support/signed-off-plan";

/**
 * The subject access export holds everything the portal keeps about a person. The tables are found in
 * the database itself (not from a list in the code), so a table added later that holds a person's id
 * fails this test until the export carries it.
 */
let db: TestDatabase;
let s: SignedOff;
const EMAIL = "sacha.access@example.org";

// Rows of these tables belong to a person's plan or assessment rather than naming the person.
const OWNED_BY = { plans: "plan_id", assessments: "assessment_id" } as const;

interface HeldTable {
  table: string;
  count: () => Promise<number>;
}

/** Every table that holds something about the person, with how to count the person's rows in it. */
async function tablesAboutThePerson(personId: string, userId: string): Promise<HeldTable[]> {
  const n = async (sql: string, ...args: unknown[]) => (await db.get<{ n: number }>(sql, ...args))!.n;
  const held: HeldTable[] = [];
  for (const table of await tableNames(db)) {
    const columns = await columnNames(db, table);
    const references = (await foreignKeys(db, table)).filter((fk) => fk.table in OWNED_BY).map((fk) => fk.from);
    if (table === "persons")
      held.push({ table, count: () => n("select count(*) as n from persons where id = ?", personId) });
    else if (columns.includes("person_id"))
      held.push({ table, count: () => n(`select count(*) as n from ${table} where person_id = ?`, personId) });
    else if (references.includes("plan_id"))
      held.push({
        table,
        count: () =>
          n(`select count(*) as n from ${table} where plan_id in (select id from plans where person_id = ?)`, personId),
      });
    else if (references.includes("assessment_id"))
      held.push({
        table,
        count: () =>
          n(
            `select count(*) as n from ${table} where assessment_id in (select id from assessments where person_id = ?)`,
            personId,
          ),
      });
    else if (columns.includes("user_id"))
      held.push({ table, count: () => n(`select count(*) as n from ${table} where user_id = ?`, userId) });
    else if (columns.includes("to_email"))
      held.push({ table, count: () => n(`select count(*) as n from ${table} where to_email = ?`, EMAIL) });
  }
  return held;
}

/** How many things the export holds at a place like `plans[].sections` (an object counts as one). */
function countAt(value: unknown, place: string): number {
  const [head, ...rest] = place.split(".");
  const many = head!.endsWith("[]");
  const key = many ? head!.slice(0, -2) : head!;
  const here = (value as Record<string, unknown>)[key];
  if (rest.length === 0) return Array.isArray(here) ? here.length : here === null || here === undefined ? 0 : 1;
  if (many) return (here as unknown[]).reduce<number>((sum, one) => sum + countAt(one, rest.join(".")), 0);
  return countAt(here, rest.join("."));
}

beforeAll(async () => {
  db = await openTestDatabase();
  s = await signedOffPerson("Sacha Access", EMAIL);
  // Money, a helper and an invitation too, so the export has something in most places.
  const base = `/people/${s.personId}/spending`;
  expect(
    (await s.person.post(`${base}/received`, { intent: "received", date: "2026-12-01", amount: "100", source: "nhs" }))
      .status,
  ).toBe(302);
  const invited = await (
    await s.person.post(`/people/${s.personId}/helpers`, { intent: "invite", kind: "peer-broker" })
  ).text();
  const code = /data-testid="invitation-code">([A-Z0-9-]+)</.exec(invited)![1]!;
  await s.person.post(`/people/${s.personId}/helpers`, { intent: "invite", kind: "representative" });
  const joined = await signUp(new Browserish(), {
    name: "Pip Broker",
    email: "pip.broker.access@example.org",
    password: "pip brokers a long phrase",
    invitation: code,
  });
  expect(joined.status).toBe(302);
  // A question about a rule on the public menu, asked while signed in, is held about the person too.
  expect((await s.person.post("/menu/swimming/question", { message: "Is a swimming lesson a class?" })).status).toBe(
    302,
  );
});

afterAll(() => db?.close());

describe("the subject access export", () => {
  it("holds every row of every table that holds something about the person", async () => {
    const userId = (await db.get<{ id: string }>("select user_id as id from persons where id = ?", s.personId))!.id;
    const held = await tablesAboutThePerson(s.personId, userId);
    const counts = async () => new Map(await Promise.all(held.map(async (h) => [h.table, await h.count()] as const)));
    const before = await counts();
    const res = await s.person.get(`/people/${s.personId}/my-data.json`);
    expect(res.status).toBe(200);
    const exported = (await res.json()) as Record<string, unknown>;
    const after = await counts();

    // The tables found include the ones this person certainly has rows in (the test would be empty otherwise).
    const withRows = held.filter((h) => before.get(h.table)! > 0).map((h) => h.table);
    for (const table of [
      "persons",
      "helpers",
      "invitations",
      "sessions",
      "notifications",
      "outbox",
      "menu_questions",
      "assessments",
      "assessment_answers",
      "allocations",
      "plans",
      "plan_sections",
      "plan_section_history",
      "plan_submissions",
      "plan_decisions",
      "ledger_entries",
      "audit_log",
    ])
      expect(withRows, table).toContain(table);

    for (const { table } of held) {
      if (table in NOT_EXPORTED) continue;
      const place = EXPORT_PLACE_OF_TABLE[table];
      expect(place, `${table} holds something about the person but is not in the export`).toBeDefined();
      // The download adds its own audit line while it is made: between the count before and after.
      const count = countAt(exported, place!);
      expect(count, `${table} at ${place}`).toBeGreaterThanOrEqual(before.get(table)!);
      expect(count, `${table} at ${place}`).toBeLessThanOrEqual(after.get(table)!);
    }
  });

  it("carries the plan's words, the reasons for decisions and every cycle's answers, in the download and in plain words", async () => {
    const exported = (await (await s.person.get(`/people/${s.personId}/my-data.json`)).json()) as {
      plans: {
        submissions: { planAsSent: unknown }[];
        decisions: { decision: string }[];
        sections: unknown[];
        sectionHistory: unknown[];
      }[];
      assessments: { cycle: number; answers: unknown[] }[];
    };
    expect(JSON.stringify(exported.plans[0]!.sections)).toContain("Feel steady enough to go out most days");
    expect(JSON.stringify(exported.plans[0]!.submissions[0]!.planAsSent)).toContain("Swimming and the gym");
    expect(exported.plans[0]!.decisions.map((d) => d.decision)).toContain("signed-off");
    expect(exported.assessments.map((a) => a.cycle)).toEqual([1]);
    const html = await (await s.person.get(`/people/${s.personId}/my-data`)).text();
    const page = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
    expect(page).toContain("Plans");
    expect(page).toContain("Signed off");
    expect(page).toContain("Emails sent");
    expect(page).not.toMatch(/planAsSent|itemAgreements|"cycle"/);
    // The page counts the plan's saves (the download has each one): the same number.
    const saves = exported.plans[0]!.sectionHistory.length;
    expect(saves).toBeGreaterThan(1);
    expect(page).toMatch(new RegExp(`<dt>Times saved</dt><dd><bdi>${saves}</bdi></dd>`));
  });
});
