import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toIsoDate } from "~/domain/dates";
import { CRITERIA } from "~/domain/plan-criteria";
import { NEED_AREA_KEYS } from "~/domain/choices";
import { defaultReviewDate } from "~/domain/workflow";
import {
  chooseTeamAndLink,
  DEMO,
  reasonVersion,
  recordLinks,
  signIn,
  signUp as signUpWithCode,
} from "../support/accounts";
import { openTestDatabase, type TestDatabase } from "../support/database";
import { baseUrl, Browserish, databaseUrl, dataDir } from "../support/http";

/**
 * The plan's life has one owner (the workflow's state machine): a sent plan's pages are read-only and
 * say so; a save that arrives too late gets a calm page with every word typed; only the person (or
 * someone acting for them) sends or withdraws; only the lead professional's review opens a cycle; a
 * plan never goes to nobody; changes after sign-off add up against the signed-off plan.
 */
let person: Browserish;
let personId: string;
let jo: Browserish;
let broker: Browserish;
let supporter: Browserish;
let actingFor: Browserish;
let db: TestDatabase;

const OUTCOME = "Get to the allotment twice a week";
const PLAN_PAGES = [
  "",
  "/outcomes",
  "/items",
  "/free-support",
  "/risks",
  "/crisis",
  "/decisions",
  "/resources",
  "/organising",
  "/using",
  "/reflecting",
];

const all = <T>(sql: string, ...args: unknown[]) => db.all<T>(sql, ...args);
const one = async <T>(sql: string, ...args: unknown[]) => (await db.get<T>(sql, ...args))!;
const stateOf = () =>
  one<{ state: string; cycle: number }>(
    "select state, cycle from plans where person_id = ? order by cycle desc limit 1",
    personId,
  );
const mainOf = (html: string) => html.slice(html.indexOf("<main"), html.indexOf("</main>"));
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function signUp(name: string, email: string): Promise<{ browser: Browserish; id: string }> {
  const browser = new Browserish();
  const res = await signUpWithCode(browser, { name, email, password: `${name} has a long pass phrase` });
  expect(res.status).toBe(302);
  return { browser, id: (await recordLinks(browser))[0]! };
}

async function withBudget(browser: Browserish, id: string) {
  for (const key of NEED_AREA_KEYS)
    expect((await browser.post(`/people/${id}/assessment/${key}`, { rating: key === "mood" ? "3" : "2" })).status).toBe(
      302,
    );
  expect((await browser.post(`/people/${id}/assessment/informal`, { informal: "a-little" })).status).toBe(302);
  expect((await browser.post(`/people/${id}/assessment/check`, { intent: "calculate" })).status).toBe(302);
}

async function inviteAndJoin(kind: "peer-broker" | "representative", name: string, email: string) {
  const res = await person.post(`/people/${personId}/helpers`, { intent: "invite", kind });
  const code = /data-testid="invitation-code">([A-Z0-9-]+)</.exec(await res.text())?.[1];
  if (!code) throw new Error("No invitation code on the page");
  const helper = new Browserish();
  const joined = await signUpWithCode(
    helper,
    { name, email, password: `${name} has a long pass phrase`, invitation: code },
    { from: `/sign-up?invitation=${code}` },
  );
  expect(joined.status).toBe(302);
  return helper;
}

async function recordAuthority(name: string, authority: "supporting" | "acting-for") {
  const helpers = await (await person.get(`/people/${personId}/helpers`)).text();
  const helperId = new RegExp(`id="helper-([0-9a-f-]{36})">${name}<`).exec(helpers)?.[1];
  const fields: Record<string, string> = { intent: "authority", helperId: helperId!, authority };
  if (authority === "acting-for")
    Object.assign(fields, { actingForType: "lpa-health-welfare", actingForReference: "LPA-T-1" });
  const res = await person.post(`/people/${personId}/helpers`, fields, { from: `/people/${personId}/helpers` });
  expect(res.status).toBe(302);
}

async function send(reason = "The crisis part comes at the meeting") {
  const version = await reasonVersion(person, personId);
  const res = await person.post(`/people/${personId}/plan/submit`, { version, consent: "on", reason });
  expect(res.status, await res.clone().text()).toBe(302);
}

/** The review date the lead professional's review screen suggests for the waiting plan (YYYY-MM-DD). */
async function suggestedReviewDate(): Promise<string> {
  const html = await (await jo.get(`/people/${personId}/plan/review`)).text();
  const [, day, month, year] = /For example, (\d{1,2}) (\d{1,2}) (\d{4})\./.exec(html) ?? [];
  expect(year, "the review screen suggests a review date").toBeDefined();
  return `${year}-${month!.padStart(2, "0")}-${day!.padStart(2, "0")}`;
}
const threeMonthsOn = () => toIsoDate(defaultReviewDate(new Date(), true));
const aYearOn = () => toIsoDate(defaultReviewDate(new Date(), false));

async function signOff(reviewDate: string) {
  const html = await (await jo.get(`/people/${personId}/plan/review`)).text();
  const submissionId = /name="submissionId" value="([0-9a-f-]{36})"/.exec(html)?.[1];
  const fields: Record<string, string> = { submissionId: submissionId!, decision: "sign-off", reviewDate };
  for (const c of CRITERIA) fields[`criteria.${c}.met`] = "met";
  const res = await jo.post(`/people/${personId}/plan/review`, fields);
  expect(res.status, await res.clone().text()).toBe(302);
}

beforeAll(async () => {
  db = await openTestDatabase();
  ({ browser: person, id: personId } = await signUp("Lin Life", "lin.life@example.org"));
  jo = await signIn(DEMO.jo);
  await chooseTeamAndLink(person, personId, "Lin Life", jo, "Jo Ahmed");
  await withBudget(person, personId);
  const outcome = await person.post(`/people/${personId}/plan/outcomes`, {
    intent: "add",
    words: OUTCOME,
    lifeAreaId: "feeling-well",
    now: "3",
    hope: "7",
  });
  expect(outcome.status).toBe(302);
  broker = await inviteAndJoin("peer-broker", "Bo Broker", "bo.broker@example.org");
  supporter = await inviteAndJoin("representative", "Sia Supporter", "sia.supporter@example.org");
  actingFor = await inviteAndJoin("representative", "Ari Acting", "ari.acting@example.org");
  await recordAuthority("Sia Supporter", "supporting");
  await recordAuthority("Ari Acting", "acting-for");
}, 120_000);

afterAll(() => db?.close());

describe("a plan that has been sent", () => {
  it("every plan page is read-only, says so plainly and says what can be done", async () => {
    await send();
    expect((await stateOf()).state).toBe("submitted");
    for (const page of PLAN_PAGES) {
      const html = await (await person.get(`/people/${personId}/plan${page}`)).text();
      const main = mainOf(html);
      expect(main, page).toContain("Your plan has been sent, so it cannot be changed now.");
      expect(main, page).toContain("take the plan back (withdraw it)");
      expect(main, page).not.toContain("<form");
      // A peer broker reads the same, with who can take it back.
      const brokers = mainOf(await (await broker.get(`/people/${personId}/plan${page}`)).text());
      expect(brokers, page).toContain("Your plan has been sent, so it cannot be changed now.");
      expect(brokers, page).not.toContain("<form");
    }
  });

  it("a save that arrives now gets a calm page with every word typed, never an error page", async () => {
    const added = await person.post(
      `/people/${personId}/plan/outcomes`,
      { intent: "add", words: "Cook for my brother on Sundays", lifeAreaId: "home", now: "2", hope: "6" },
      { from: `/people/${personId}/plan` },
    );
    expect(added.status).toBe(409);
    const html = await added.text();
    expect(html).toContain("This change was not saved, and nothing you typed is lost");
    expect(html).toContain("Cook for my brother on Sundays");
    expect(mainOf(html)).not.toContain("Sorry, something went wrong");
    expect(html).toContain("Sign out"); // the page keeps its shell and navigation
    const crisis = await person.post(
      `/people/${personId}/plan/crisis`,
      { intent: "save", version: "0", earlySigns: "I stop answering the phone", whatHelps: "A walk with my dog" },
      { from: `/people/${personId}/plan` },
    );
    expect(crisis.status).toBe(409);
    const crisisHtml = await crisis.text();
    expect(crisisHtml).toContain("I stop answering the phone");
    expect(crisisHtml).toContain("A walk with my dog");
    // An autosave is told "not now" in its own small answer; the words stay in the form.
    const autosave = await person.post(
      `/people/${personId}/plan/crisis.data`,
      { intent: "autosave", version: "0", earlySigns: "typed while it was sent" },
      { from: `/people/${personId}/plan` },
    );
    expect(await autosave.text()).toContain("notNow");
    expect(
      await all(
        "select * from plan_sections p join plans on plans.id = p.plan_id where plans.person_id = ? and section = 'crisis'",
        personId,
      ),
    ).toEqual([]);
  });

  it("helpers cannot move the cycle on: a peer broker's and a supporting representative's next-cycle post is refused", async () => {
    for (const helper of [broker, supporter]) {
      const res = await helper.post(
        `/people/${personId}/plan/reflecting`,
        { intent: "next-cycle", cycle: "1" },
        { from: `/people/${personId}/plan` },
      );
      expect([400, 404, 409]).toContain(res.status);
    }
    expect(await stateOf()).toEqual({ state: "submitted", cycle: 1 });
    expect(await all("select id from plans where person_id = ?", personId)).toHaveLength(1);
  });

  it("a peer broker cannot withdraw it; someone acting for the person can, and the lead professional is told", async () => {
    const brokers = await broker.post(
      `/people/${personId}/plan/submit`,
      { intent: "withdraw" },
      { from: `/people/${personId}/plan` },
    );
    expect(brokers.status).toBe(404);
    expect((await stateOf()).state).toBe("submitted");
    const page = await (await actingFor.get(`/people/${personId}/plan/submit`)).text();
    expect(page).toContain("Take the plan back to change it");
    const res = await actingFor.post(`/people/${personId}/plan/submit`, { intent: "withdraw" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/people/${personId}/plan?done=withdrawn`);
    expect((await stateOf()).state).toBe("draft");
    expect(await (await jo.get("/notifications")).text()).toContain("Lin Life has taken their plan back to change it.");
    // The version sent stays as it was; the plan can be changed and sent again.
    expect(await all("select version from plan_submissions where person_id = ?", personId)).toHaveLength(1);
    const outcomes = mainOf(await (await person.get(`/people/${personId}/plan/outcomes`)).text());
    expect(outcomes).not.toContain("cannot be changed now");
    expect(outcomes).toContain("<form");
  });

  it("the reason for sending is saved with its version: two people's reasons meet the comparison page, and the decision names the version sent", async () => {
    expect((await stateOf()).state).toBe("draft");
    const submit = `/people/${personId}/plan/submit`;
    const loaded = await reasonVersion(person, personId); // Lin opens the page...
    expect(await reasonVersion(actingFor, personId)).toBe(loaded); // ...and so does Ari
    const aris = "Ari: the crisis part waits for the meeting with the GP";
    const saved = await actingFor.post(submit, { intent: "save", version: loaded, reason: aris });
    expect(saved.headers.get("location")).toBe(`${submit}?done=reasonSaved`);
    const sentBefore = (await all("select id from plan_submissions where person_id = ?", personId)).length;
    // Lin sends with her own words against the version she loaded: nothing is sent, both reasons are shown.
    const lins = "Lin: I want to talk about the crisis part with Jo";
    const blind = await person.post(submit, { version: loaded, consent: "on", reason: lins }, { from: submit });
    expect(blind.status).toBe(409);
    const compare = mainOf(await blind.text());
    expect(compare).toContain("Someone else changed this at the same time");
    expect(compare).toContain("Ari Acting saved this part while you were working on it");
    expect(compare).toContain(aris);
    expect(compare).toContain(lins);
    expect((await stateOf()).state).toBe("draft");
    expect(await all("select id from plan_submissions where person_id = ?", personId)).toHaveLength(sentBefore);
    // A send without the version it was loaded at is refused too.
    expect((await person.post(submit, { consent: "on", reason: lins }, { from: submit })).status).toBe(400);
    // Lin keeps her words (the comparison page's "keep mine" saves them at Ari's version) and sends.
    const theirVersion = /name="version" value="(\d+)"/.exec(compare)?.[1];
    expect(Number(theirVersion)).toBe(Number(loaded) + 1);
    const kept = await person.post(submit, { intent: "save", version: theirVersion!, reason: lins });
    expect(kept.headers.get("location")).toBe(`${submit}?done=reasonSaved`);
    const page = await (await person.get(submit)).text();
    expect(page).toContain(lins);
    await send(lins);
    const sent = await one<{ snapshot: string; reason: string }>(
      "select snapshot, reason from plan_submissions where person_id = ? order by version desc limit 1",
      personId,
    );
    expect(sent.reason).toBe(lins);
    expect(JSON.parse(sent.snapshot).reasonVersion).toBe(Number(loaded) + 2);
    const review = mainOf(await (await jo.get(`/people/${personId}/plan/review`)).text());
    expect(review).toContain(lins);
    expect(review).toContain(`Version ${Number(loaded) + 2} of the reason, exactly as it was sent with this plan.`);
    expect((await person.post(submit, { intent: "withdraw" })).status).toBe(302);
  });

  it("an edit whose body is still arriving when the plan is sent is refused, and the typed words come back", async () => {
    const csrf = await person.csrfFrom(`/people/${personId}/plan/outcomes`);
    const body = new URLSearchParams({
      csrf,
      intent: "add",
      words: "Join the walking group on Thursdays",
      lifeAreaId: "feeling-well",
      now: "2",
      hope: "8",
    }).toString();
    // A body of known length that arrives in two parts, the plan being sent in between.
    const url = new URL(`/people/${personId}/plan/outcomes`, baseUrl());
    const request = http.request(url, {
      method: "POST",
      headers: {
        cookie: person.cookieHeader(),
        origin: url.origin,
        "content-type": "application/x-www-form-urlencoded",
        "content-length": String(Buffer.byteLength(body)),
      },
    });
    const slow = new Promise<{ status: number; text: () => Promise<string> }>((resolve, reject) => {
      request.on("error", reject);
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text: async () => Buffer.concat(chunks).toString("utf8") }),
        );
      });
    });
    request.write(body.slice(0, 40));
    await send("Sending while another tab is still saving");
    request.end(body.slice(40));
    const res = await slow;
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("Join the walking group on Thursdays");
    expect(html).toContain("Your plan has been sent, so it cannot be changed now.");
    const snapshot = (
      await one<{ snapshot: string }>(
        "select snapshot from plan_submissions where person_id = ? order by version desc limit 1",
        personId,
      )
    ).snapshot;
    expect(snapshot).not.toContain("walking group");
    expect(await (await person.get(`/people/${personId}/plan/outcomes`)).text()).not.toContain("walking group");
  });
});

describe("no plan goes nowhere", () => {
  it("a person with no lead professional cannot send, and is told what happens next and who to contact", async () => {
    const { browser, id } = await signUp("Nell Nolead", "nell.nolead@example.org");
    await withBudget(browser, id);
    await browser.post(`/people/${id}/plan/outcomes`, {
      intent: "add",
      words: "Sleep better",
      lifeAreaId: "feeling-well",
      now: "2",
      hope: "6",
    });
    const page = await (await browser.get(`/people/${id}/plan/submit`)).text();
    expect(page).toContain("cannot be sent until you are linked to a lead professional");
    expect(page).toContain("contact the team you chose");
    expect(page).not.toContain('name="consent"');
    const res = await browser.post(
      `/people/${id}/plan/submit`,
      { version: "0", consent: "on", reason: "Please" },
      { from: `/people/${id}/plan` },
    );
    expect(res.status).toBe(400);
    expect(await all("select * from plan_submissions where person_id = ?", id)).toEqual([]);
  });

  it("an empty plan cannot be sent: it needs a budget worked out and at least one outcome", async () => {
    const { browser, id } = await signUp("Emi Empty", "emi.empty@example.org");
    await chooseTeamAndLink(browser, id, "Emi Empty", jo, "Jo Ahmed");
    const noBudget = await browser.post(
      `/people/${id}/plan/submit`,
      { version: "0", consent: "on", reason: "x" },
      { from: `/people/${id}/plan` },
    );
    expect(noBudget.status).toBe(400);
    expect(await noBudget.text()).toContain("once your budget has been worked out");
    await withBudget(browser, id);
    const noOutcome = await browser.post(
      `/people/${id}/plan/submit`,
      { version: "0", consent: "on", reason: "x" },
      { from: `/people/${id}/plan` },
    );
    expect(noOutcome.status).toBe(400);
    expect(await noOutcome.text()).toContain("at least one thing you want to achieve");
    expect(await all("select * from plan_submissions where person_id = ?", id)).toEqual([]);
  });
});

describe("after sign-off", () => {
  let budgetPence: number;
  let itemIds: string[];

  it("three moves of 5% each end in a change request to the lead professional", async () => {
    // Withdraw the plan sent during the slow edit, add two items worth a third of the budget each, send, sign off.
    expect((await person.post(`/people/${personId}/plan/submit`, { intent: "withdraw" })).status).toBe(302);
    budgetPence = (
      await one<{ total: number }>(
        "select total_pence as total from allocations where person_id = ? order by created_at desc limit 1",
        personId,
      )
    ).total;
    const outcomeId = /name="outcomeIds" value="([0-9a-f-]{36})"/.exec(
      await (await person.get(`/people/${personId}/plan/items/new/gym-membership`)).text(),
    )?.[1];
    const third = String(Math.floor(budgetPence / 3 / 100 / 10));
    for (const what of ["Gym in the mornings", "Swimming lessons"])
      expect(
        (
          await person.post(`/people/${personId}/plan/items`, {
            intent: "add",
            what,
            menuEntryId: "gym-membership",
            provider: "Leisure centre",
            frequency: "Every week",
            unitCost: third,
            unitsPerYear: "10",
            outcomeIds: outcomeId!,
          })
        ).status,
      ).toBe(302);
    await send();
    // Lin has never had a review: the first is suggested three months on.
    expect(await suggestedReviewDate()).toBe(threeMonthsOn());
    await signOff(inDays(10));
    expect((await stateOf()).state).toBe("signed-off");
    const using = await (await person.get(`/people/${personId}/plan/using`)).text();
    itemIds = [...using.matchAll(/name="fromItemId" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    expect(itemIds).toHaveLength(2);
    const fivePercent = String(Math.floor(budgetPence / 20 / 100));
    const move = () =>
      person.post(`/people/${personId}/plan/using`, {
        intent: "move",
        fromItemId: itemIds[0]!,
        toItemId: itemIds[1]!,
        amount: fivePercent,
      });
    expect((await move()).headers.get("location")).toMatch(/done=applied$/);
    expect((await move()).headers.get("location")).toMatch(/done=applied$/);
    expect((await move()).headers.get("location")).toMatch(/done=needsSignOff$/);
    const notices = await (await jo.get("/notifications")).text();
    expect(notices).toContain("Lin Life has made a small change to their support");
    expect(notices).toContain("Lin Life has asked for a change to their signed-off plan.");
    expect((await stateOf()).state).toBe("signed-off");
  });

  it("the lead professional decides a waiting change on their own screen: what would change, agreed or not, with reasons", async () => {
    const changes = `/people/${personId}/plan/change-requests`;
    const using = `/people/${personId}/plan/using`;
    const yearly = async () =>
      (
        JSON.parse(
          (
            await one<{ content: string }>(
              "select p.content from plan_sections p join plans on plans.id = p.plan_id where plans.person_id = ? and p.section = 'items' order by plans.cycle desc limit 1",
              personId,
            )
          ).content,
        ) as { id: string; unitCostPence: number; unitsPerYear: number }[]
      ).map((item) => item.unitCostPence * item.unitsPerYear);
    const pounds = (pence: number) =>
      new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", minimumFractionDigits: 0 }).format(
        pence / 100,
      );
    const five = Math.floor(budgetPence / 20 / 100) * 100;
    // Only the lead professional opens it or decides; the person and helpers are answered 404.
    for (const other of [person, broker, actingFor, supporter]) expect((await other.get(changes)).status).toBe(404);
    expect(
      (await actingFor.post(changes, { changeId: "x", decision: "agree", reason: "mine" }, { from: using })).status,
    ).toBe(404);
    // Jo's notice opens the change-requests page (opening a notice marks it read, so it is a form).
    const notices = await (await jo.get("/notifications")).text();
    const noticeId = /<button [^>]*value="([0-9a-f-]{36})"[^>]*>[^<]*asked for a change/.exec(notices)?.[1];
    // Where a notice points is the server's to know: the page sends its id, not the address.
    expect(notices).not.toContain(changes);
    const opened = await jo.post("/notifications", { intent: "open", id: noticeId! });
    expect(opened.headers.get("location")).toBe(changes);
    expect(mainOf(await (await jo.get(using)).text())).toContain("Decide on changes waiting for you (1)");

    const page = mainOf(await (await jo.get(changes)).text());
    expect(page).toContain(`Move ${pounds(five)} a year from “Gym in the mornings” to “Swimming lessons”`);
    expect(page).toContain("This moves more than a small part of your budget");
    const [gym, swim] = await yearly();
    expect(page).toContain(
      `<th scope="row">Gym in the mornings</th><td>${pounds(gym!)}</td><td>${pounds(gym! - five)}</td>`,
    );
    expect(page).toContain(
      `<th scope="row">Swimming lessons</th><td>${pounds(swim!)}</td><td>${pounds(swim! + five)}</td>`,
    );
    expect(page).toContain(`${pounds(3 * five)} a year would have moved`);
    const changeId = /name="changeId" value="([0-9a-f-]{36})"/.exec(page)?.[1];

    // A decision needs a reason; the choice comes back with the error.
    const noReason = await jo.post(changes, { changeId: changeId!, decision: "agree", reason: " " });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Please give a reason for your decision");
    expect(await yearly()).toEqual([gym, swim]);

    const agreed = await jo.post(changes, {
      changeId: changeId!,
      decision: "agree",
      reason: "Swimming is helping more; the gym can wait",
    });
    expect(agreed.headers.get("location")).toBe(`${changes}?done=decided`);
    expect(await yearly()).toEqual([gym! - five, swim! + five]);
    expect((await stateOf()).state).toBe("signed-off");
    expect(mainOf(await (await person.get(using)).text())).toContain(
      "Agreed by Jo Ahmed: Swimming is helping more; the gym can wait",
    );
    expect(await (await person.get("/notifications")).text()).toContain(
      "Jo Ahmed has decided on a change you asked for.",
    );
    // The history says it in plain words: the lead professional's own step, and what it changed.
    const history = mainOf(await (await person.get(`/people/${personId}/plan/history`)).text());
    expect(history).toContain("by Jo Ahmed, lead professional");
    expect(history).toContain("Changed “Gym in the mornings”: the cost");
    expect(history).toContain(
      "Agreed the move from “Gym in the mornings” to “Swimming lessons”, because: Swimming is helping more; the gym can wait",
    );
    expect(history).toContain(`Asked to move ${pounds(five)} a year from “Gym in the mornings” to “Swimming lessons”`);
    expect(mainOf(await (await jo.get(changes)).text())).toContain("No changes are waiting for a decision.");
    // Decided once: the same change cannot be decided again.
    const twice = await jo.post(changes, { changeId: changeId!, decision: "not-agree", reason: "Changed my mind" });
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain("This change is no longer waiting for a decision.");

    // The next move waits too (the three small moves still count); not agreed, the plan stays as it is.
    const fourth = await person.post(using, {
      intent: "move",
      fromItemId: itemIds[0]!,
      toItemId: itemIds[1]!,
      amount: String(five / 100),
    });
    expect(fourth.headers.get("location")).toMatch(/done=needsSignOff$/);
    const next = /name="changeId" value="([0-9a-f-]{36})"/.exec(await (await jo.get(changes)).text())?.[1];
    expect(next).not.toBe(changeId);
    const refused = await jo.post(changes, {
      changeId: next!,
      decision: "not-agree",
      reason: "Let us talk about the gym at the review first",
    });
    expect(refused.status, mainOf(await refused.clone().text()).slice(0, 3000)).toBe(302);
    expect(await yearly()).toEqual([gym! - five, swim! + five]);
    expect(mainOf(await (await person.get(using)).text())).toContain(
      "Not agreed by Jo Ahmed: Let us talk about the gym at the review first",
    );
  });

  it("review-due notices come from the scheduler once, whatever the number of servers or restarts; a page load writes none", async () => {
    const count = async () =>
      (
        await one<{ n: number }>(
          "select count(*) as n from notifications where kind = 'review-due' and link like ?",
          `/people/${personId}/%`,
        )
      ).n;
    expect(await count()).toBe(0);
    expect((await jo.get("/queue")).status).toBe(200);
    expect(await count()).toBe(0);
    // Two more servers on the same database, one after the other: each runs the scheduler at start.
    for (let i = 0; i < 2; i++) await startAndStopServer();
    expect(await count()).toBe(2); // one for the lead professional, one for the person
    // The date in words, in the reader's language; the lead professional's notice says whose plan it is.
    const { params } = await one<{ params: string }>(
      "select params from notifications where kind = 'review-due' and link like ? and params like '%name%'",
      `/people/${personId}/%`,
    );
    const { name, date } = JSON.parse(params) as { name: string; date: string };
    const [year, month, day] = date.split("-").map(Number);
    const words = `${day} ${["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][month! - 1]} ${year}`;
    expect(mainOf(await (await person.get("/notifications")).text())).toContain(
      `Your plan is due for review on ${words}.`,
    );
    expect(mainOf(await (await jo.get("/notifications")).text())).toContain(
      `${name}’s plan is due for review on ${words}.`,
    );
  }, 120_000);

  it("a peer broker's next-cycle post is refused after sign-off too; the lead professional's review opens cycle 2 with its own assessment", async () => {
    const res = await broker.post(
      `/people/${personId}/plan/reflecting`,
      { intent: "next-cycle", cycle: "1" },
      { from: `/people/${personId}/plan` },
    );
    expect(res.status).toBe(400);
    expect(await stateOf()).toEqual({ state: "signed-off", cycle: 1 });
    const cycle1Answers = await all(
      "select need_area, rating, answered_by, answered_at from assessment_answers a join assessments s on s.id = a.assessment_id where s.person_id = ? and s.cycle = 1 order by need_area",
      personId,
    );
    const held = await jo.post(`/people/${personId}/plan/review-meeting`, {
      whatIsWorking: "The gym",
      whatIsNot: "Mornings",
      changesAgreed: "Try evenings",
      nextReviewDate: inDays(365),
    });
    expect(held.status).toBe(302);
    expect(await stateOf()).toEqual({ state: "draft", cycle: 2 });
    const assessments = await all<{ cycle: number; id: string }>(
      "select cycle, id from assessments where person_id = ? order by cycle",
      personId,
    );
    expect(assessments.map((a) => a.cycle)).toEqual([1, 2]);
    // Cycle 2 starts from last cycle's answers, with its own budget calculation.
    const budgets = await all<{ assessment_id: string }>(
      "select assessment_id from allocations where person_id = ?",
      personId,
    );
    expect(budgets.some((b) => b.assessment_id === assessments[1]!.id)).toBe(true);
    // A changed answer in cycle 2 leaves cycle 1's answers exactly as they were.
    expect((await person.post(`/people/${personId}/assessment/mood`, { rating: "4" })).status).toBe(302);
    expect(
      await all(
        "select need_area, rating, answered_by, answered_at from assessment_answers a join assessments s on s.id = a.assessment_id where s.person_id = ? and s.cycle = 1 order by need_area",
        personId,
      ),
    ).toEqual(cycle1Answers);
    const cycle2Mood = await one<{ rating: number }>(
      "select rating from assessment_answers where assessment_id = ? and need_area = 'mood'",
      assessments[1]!.id,
    );
    expect(cycle2Mood.rating).toBe(4);
  });

  it("once a cycle has been reviewed, the next plan's review is suggested a year on, not three months", async () => {
    expect((await person.post(`/people/${personId}/assessment/check`, { intent: "calculate" })).status).toBe(302);
    await send("Cycle two, after the review");
    expect(await stateOf()).toEqual({ state: "submitted", cycle: 2 });
    expect(aYearOn()).not.toBe(threeMonthsOn());
    expect(await suggestedReviewDate()).toBe(aYearOn());
    // Taken back, so the plan's history below is read from cycle 2's draft.
    expect((await person.post(`/people/${personId}/plan/submit`, { intent: "withdraw" })).status).toBe(302);
    expect(await stateOf()).toEqual({ state: "draft", cycle: 2 });
  });
});

describe("the plan's history in plain words", () => {
  it("each save says what changed, in the entry's own words and translated labels, who changed it and in what capacity", async () => {
    expect(await stateOf()).toEqual({ state: "draft", cycle: 2 });
    const base = `/people/${personId}/plan`;
    const ok = async (who: Browserish, path: string, fields: Record<string, string>) =>
      expect((await who.post(`${base}${path}`, fields, { from: base })).status).toBe(302);
    await ok(broker, "/free-support", { intent: "add", who: "My cousin Mo", what: "Cooks with me on Fridays" });
    await ok(supporter, "/risks", { intent: "add", risk: "I skip meals when low", howManaged: "Mo checks in" });
    const decisions = await (await actingFor.get(`${base}/decisions`)).text();
    await ok(actingFor, "/decisions", {
      intent: "save",
      version: /name="version" value="(\d+)"/.exec(decisions)?.[1] ?? "0",
      whoDecidesWhat: "Lin decides; Ari helps with forms",
      management: "direct-payment",
    });
    const freeSupport = await (await person.get(`${base}/free-support`)).text();
    const moId = /name="entryId" value="([0-9a-f-]{36})"/.exec(freeSupport)?.[1];
    await ok(person, "/free-support", { intent: "remove", entryId: moId! });

    const html = await (await person.get(`${base}/history`)).text();
    const history = html.slice(html.indexOf("<table"), html.indexOf("</table>"));
    const row = (words: string) => history.split("<tr>").find((r) => r.includes(words)) ?? "";
    expect(row("Removed “My cousin Mo: Cooks with me on Fridays”")).toContain("by Lin Life<");
    expect(row("Added “My cousin Mo: Cooks with me on Fridays”")).toContain(
      "by Bo Broker, peer broker, helping Lin Life",
    );
    expect(row("Added “I skip meals when low”")).toContain("by Sia Supporter, representative, helping Lin Life");
    const decided = row("Who decides what now reads: “Lin decides; Ari helps with forms”");
    expect(decided).toContain("by Ari Acting, acting for Lin Life");
    expect(decided).toContain("How the money is managed: Direct payment");
    // The parts carried into cycle 2 at the review say so, with their words, not "on behalf of".
    expect(row("Kept as it was: Get to the allotment twice a week")).toContain("carried forward from cycle 1");
    // Never stored JSON, ids, keys or machine dates.
    expect(history).not.toContain("on behalf of");
    expect(history).not.toContain("direct-payment");
    expect(history).not.toContain("feeling-well");
    expect(history).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(history).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(history).not.toMatch(/[{}[\]"]\w+"?:/);
  });
});

describe("the review screen", () => {
  it("shows every part of the plan with what changed marked; a not-agreed item with its reason reaches the person and is not counted as planned", async () => {
    const { browser: rue, id } = await signUp("Rue Review", "rue.review@example.org");
    await chooseTeamAndLink(rue, id, "Rue Review", jo, "Jo Ahmed");
    await withBudget(rue, id);
    const base = `/people/${id}/plan`;
    const ok = async (path: string, fields: Record<string, string>) =>
      expect((await rue.post(`${base}${path}`, fields, { from: base })).status).toBe(302);
    await ok("/outcomes", {
      intent: "add",
      words: "Feel calmer at weekends",
      lifeAreaId: "feeling-well",
      now: "3",
      hope: "7",
    });
    const outcomeId = /name="outcomeIds" value="([0-9a-f-]{36})"/.exec(
      await (await rue.get(`${base}/items/new/gym-membership`)).text(),
    )?.[1];
    await ok("/items", {
      intent: "add",
      what: "Something for Friday nights",
      menuEntryId: "something-else",
      somethingElse: "a bottle of vodka",
      provider: "The corner shop",
      frequency: "Every week",
      unitCost: "20",
      unitsPerYear: "52",
      outcomeIds: outcomeId!,
    });
    await ok("/free-support", {
      intent: "add",
      who: "My neighbour Dev",
      what: "Tea on Sunday afternoons",
      howOften: "weekly",
    });
    await ok("/risks", { intent: "add", risk: "I drink more when I am alone", howManaged: "I call Dev first" });
    await ok("/crisis", {
      intent: "save",
      version: "0",
      earlySigns: "I stop eating",
      whatHelps: "Quiet music",
      "contacts.0.name": "Dev",
      "contacts.0.howToReach": "07000 000000",
    });
    await ok("/decisions", {
      intent: "save",
      version: "0",
      whoDecidesWhat: "I decide, Dev helps me think",
      management: "direct-payment",
      unwellWhatChanges: "Dev holds the card for a week",
      unwellWho: "Dev",
      unwellBack: "When I say I am ready",
    });
    await ok("/resources", { intent: "add", heading: "connections", what: "The allotment society" });
    // Kept, marked, not counted: the plan check names it with the menu's reason and what could help instead.
    const planPage = await (await rue.get(base)).text();
    expect(planPage).toContain("“Something for Friday nights” may be something a budget cannot pay for");
    expect(planPage).not.toContain("£1,040");
    expect(
      (await rue.post(`${base}/submit`, { version: "0", consent: "on", reason: "Please talk it through with me" }))
        .status,
    ).toBe(302);
    // Jo asks for changes to the crisis plan; Rue changes it and sends again.
    const firstId = /name="submissionId" value="([0-9a-f-]{36})"/.exec(
      await (await jo.get(`${base}/review`)).text(),
    )?.[1];
    const changes: Record<string, string> = { submissionId: firstId!, decision: "request-changes" };
    for (const c of CRITERIA) changes[`criteria.${c}.met`] = c === "managed-risks" ? "not-yet" : "met";
    changes["criteria.managed-risks.comment"] = "Please add a second contact for nights";
    expect((await jo.post(`${base}/review`, changes)).status).toBe(302);
    await ok("/crisis", {
      intent: "save",
      version: "1",
      earlySigns: "I stop eating",
      whatHelps: "Quiet music",
      "contacts.0.name": "Dev",
      "contacts.0.howToReach": "07000 000000",
      "contacts.1.name": "Night line",
      "contacts.1.howToReach": "0800 000 000",
    });
    expect(
      (await rue.post(`${base}/submit`, { version: "1", consent: "on", reason: "Added a night contact" })).status,
    ).toBe(302);

    const review = mainOf(await (await jo.get(`${base}/review`)).text());
    for (const words of [
      "Feel calmer at weekends",
      "Something for Friday nights",
      "Tea on Sunday afternoons",
      "I drink more when I am alone",
      "I stop eating",
      "Night line",
      "I decide, Dev helps me think",
      "Dev holds the card for a week",
      "The allotment society",
    ])
      expect(review, words).toContain(words);
    expect(review).toContain("Changed since version 1: If things get hard.");
    expect(review).toContain("Changed since the last version sent");
    expect(review).toContain("Not agreed");

    const secondId = /name="submissionId" value="([0-9a-f-]{36})"/.exec(review)?.[1];
    const signOff: Record<string, string> = {
      submissionId: secondId!,
      decision: "sign-off",
      reviewDate: inDays(90),
      "items.0.agreement": "not-agree",
    };
    for (const c of CRITERIA) signOff[`criteria.${c}.met`] = "met";
    const noReason = await jo.post(`${base}/review`, signOff);
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Please say why it is not agreed");
    signOff["items.0.adaptation"] = "The budget cannot pay for alcohol";
    expect((await jo.post(`${base}/review`, signOff)).status).toBe(302);

    const decision = mainOf(await (await rue.get(`${base}/decision`)).text());
    expect(decision).toContain(
      "“Something for Friday nights”: not agreed, because: The budget cannot pay for alcohol.",
    );
    expect(decision).not.toContain("agreed with this adaptation");
    expect(decision).toContain("What could help instead");
    const planned = (
      await one<{ snapshot: string }>(
        "select snapshot from plan_submissions where person_id = ? order by version desc limit 1",
        id,
      )
    ).snapshot;
    expect(JSON.parse(planned).budget.committedPence).toBe(0);
  });
});

/** Starts the built server on the test database (as a restart or a second server would), waits until it listens, stops it. */
async function startAndStopServer(): Promise<void> {
  const env = { ...process.env };
  for (const key of ["PUBLIC_URL", "SESSION_SECRET", "SMTP_URL", "ACTIVE_RULE_SET", "CONTENT_DIR", "DATABASE_URL"])
    delete env[key];
  // The same database as this file's server: its SQLite file in the data folder, or its PostgreSQL database.
  const url = databaseUrl();
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...env, NODE_ENV: "production", PORT: "0", DATA_DIR: dataDir(), ...(url ? { DATABASE_URL: url } : {}) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("running at")) resolve();
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
