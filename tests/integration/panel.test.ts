import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRITERIA } from "~/domain/plan-criteria";
import { NEED_AREA_KEYS } from "~/domain/choices";
import { chooseTeamAndLink, DEMO, reasonVersion, recordLinks, signIn, signUp } from "../support/accounts";
import { openTestDatabase, type TestDatabase } from "../support/database";
import { Browserish } from "../support/http";

/**
 * The positive-risk panel: a plan a lead professional refers is decided by a panel member of the
 * person's team, who sees it only while it is referred; the decision records who sat, and the person
 * and the lead professional see the outcome.
 */
let db: TestDatabase;
let jo: Browserish;
let alex: Browserish;
let priya: Browserish;

interface Sent {
  person: Browserish;
  personId: string;
}

/** A new person in the North team, linked to Jo, with a budget and a plan they send. */
async function personWhoSends(name: string, email: string): Promise<Sent> {
  const person = new Browserish();
  expect((await signUp(person, { name, email, password: `${name} writes a long pass phrase` })).status).toBe(302);
  const personId = (await recordLinks(person))[0]!;
  await chooseTeamAndLink(person, personId, name, jo, "Jo Ahmed");
  for (const key of NEED_AREA_KEYS)
    expect(
      (await person.post(`/people/${personId}/assessment/${key}`, { rating: key === "mood" ? "3" : "1" })).status,
    ).toBe(302);
  await person.post(`/people/${personId}/assessment/informal`, { informal: "a-little" });
  expect((await person.post(`/people/${personId}/assessment/check`, { intent: "calculate" })).status).toBe(302);
  const outcome = await person.post(`/people/${personId}/plan/outcomes`, {
    intent: "add",
    words: "Climb again with the club on Wednesdays",
    lifeAreaId: "feeling-well",
    now: "3",
    hope: "7",
  });
  expect(outcome.status).toBe(302);
  const sent = await person.post(`/people/${personId}/plan/submit`, {
    version: await reasonVersion(person, personId),
    consent: "on",
    reason: "The rest of the plan I will write with my brother.",
  });
  expect(sent.status).toBe(302);
  return { person, personId };
}

function decisionForm(submissionId: string, decision: string, extra: Record<string, string> = {}) {
  const fields: Record<string, string> = { submissionId, decision };
  for (const c of CRITERIA) fields[`criteria.${c}.met`] = "met";
  return { ...fields, ...extra };
}

async function submissionIdFor(browser: Browserish, personId: string): Promise<string> {
  const html = await (await browser.get(`/people/${personId}/plan/review`)).text();
  const id = /name="submissionId" value="([0-9a-f-]{36})"/.exec(html)?.[1];
  if (!id) throw new Error("No submission on the review page");
  return id;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const [year, month, day] = inDays(200).split("-");
const reviewDate = {
  "reviewDate-day": String(Number(day)),
  "reviewDate-month": String(Number(month)),
  "reviewDate-year": year!,
};

let referred: Sent;
let notReferred: Sent;

beforeAll(async () => {
  db = await openTestDatabase();
  jo = await signIn(DEMO.jo);
  alex = await signIn(DEMO.alex);
  priya = await signIn(DEMO.priya);
  referred = await personWhoSends("Rhea Referred", "rhea.referred@example.org");
  notReferred = await personWhoSends("Nico Notreferred", "nico.notreferred@example.org");
  const refer = await jo.post(
    `/people/${referred.personId}/plan/review`,
    decisionForm(await submissionIdFor(jo, referred.personId), "refer-to-panel", {
      risk: "Climbing after a recent fall: the club asks for a letter.",
      reason: "A positive risk worth taking; the panel should weigh it.",
    }),
  );
  expect(refer.status).toBe(302);
}, 180_000);

afterAll(() => db?.close());

describe("the positive-risk panel", () => {
  it("a panel member of the team sees the referred plan in the panel's list, with why it was referred", async () => {
    const list = await alex.get("/panel");
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain("Rhea Referred");
    expect(html).not.toContain("Nico Notreferred");
    const review = await (await alex.get(`/people/${referred.personId}/plan/review`)).text();
    expect(review).toContain("Climbing after a recent fall");
    expect(review).toContain("Who sat on the panel");
  });

  it("refuses a panel member a plan that was not referred, and every other page of the record", async () => {
    expect((await alex.get(`/people/${notReferred.personId}/plan/review`)).status).toBe(404);
    expect((await alex.get(`/people/${referred.personId}`)).status).toBe(404);
    expect((await alex.get(`/people/${referred.personId}/plan`)).status).toBe(404);
    expect((await alex.get(`/people/${referred.personId}/budget`)).status).toBe(404);
    // Someone not on the panel, or another team's administrator, has no panel list at all.
    expect((await jo.get("/panel")).status).toBe(404);
    expect((await priya.get("/panel")).status).toBe(404);
  });

  it("the lead professional who referred the plan cannot decide it: the panel does", async () => {
    const page = await (await jo.get(`/people/${referred.personId}/plan/review`)).text();
    expect(page).toContain("This plan is with the positive-risk panel");
    expect(page).not.toContain('name="submissionId"');
    // Posting the form anyway (the version sent is in the database): the state machine refuses.
    const { id } = (await db.get<{ id: string }>(
      "select id from plan_submissions where person_id = ? order by version desc limit 1",
      referred.personId,
    ))!;
    const res = await jo.post(`/people/${referred.personId}/plan/review`, decisionForm(id, "sign-off", reviewDate));
    expect(res.status).toBe(400);
    expect(await db.get("select count(*) as n from plan_decisions where panel_sat is not null")).toEqual({ n: 0 });
  });

  it("a panel decision needs who sat; with it, the decision records who sat and both the person and the lead see it", async () => {
    const submissionId = await submissionIdFor(alex, referred.personId);
    const without = await alex.post(
      `/people/${referred.personId}/plan/review`,
      decisionForm(submissionId, "sign-off", reviewDate),
    );
    expect(without.status).toBe(400);
    expect(await without.text()).toContain("Please say who sat on the panel for this decision.");
    const decided = await alex.post(
      `/people/${referred.personId}/plan/review`,
      decisionForm(submissionId, "sign-off", { ...reviewDate, panelSat: "Alex Kim, Dr Ruth Osei, Femi Lawal" }),
    );
    expect(decided.status).toBe(302);
    const row = await db.get(
      'select d.decision, d.panel_sat as "panelSat", u.email from plan_decisions d join users u on u.id = d.decided_by where d.panel_sat is not null',
    );
    expect(row).toEqual({
      decision: "signed-off",
      panelSat: "Alex Kim, Dr Ruth Osei, Femi Lawal",
      email: DEMO.alex,
    });
    const forPerson = await (await referred.person.get(`/people/${referred.personId}/plan/decision`)).text();
    expect(forPerson).toContain("Decided by the positive-risk panel. Who sat:");
    expect(forPerson).toContain("Alex Kim, Dr Ruth Osei, Femi Lawal");
    const joNotices = await (await jo.get("/notifications")).text();
    expect(joNotices).toContain("The positive-risk panel has decided on the plan of Rhea Referred.");
  });

  it("once the referral is closed the panel member sees nothing of the plan again", async () => {
    expect((await alex.get(`/people/${referred.personId}/plan/review`)).status).toBe(404);
    expect(await (await alex.get("/panel")).text()).not.toContain("Rhea Referred");
  });
});
