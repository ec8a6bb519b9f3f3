import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NEED_AREA_KEYS } from "~/domain/choices";
import { CRITERIA } from "~/domain/plan-criteria";
import { chooseTeamAndLink, DEMO, reasonVersion, recordLinks, signIn, signUp } from "../support/accounts";
import { openTestDatabase, type TestDatabase } from "../support/database";
import { Browserish } from "../support/http";

/**
 * Sign-off end to end over HTTP: submitting (and who may), the frozen snapshot, the lead
 * professional's decisions and their rules, reconsideration, review, notifications and the outbox.
 */
let person: Browserish;
let personId: string;
let jo: Browserish;
let chris: Browserish;
let broker: Browserish;
let supporter: Browserish;
let db: TestDatabase;

const OUTCOME_WORDS = "Sleep through the night and walk to the allotment again";
const GYM = "Swimming at the leisure centre";
const PA = "Someone to come with me to appointments";

const all = <T>(sql: string, ...args: unknown[]) => db.all<T>(sql, ...args);

async function inviteAndJoin(kind: "peer-broker" | "representative", name: string, email: string): Promise<Browserish> {
  const res = await person.post(`/people/${personId}/helpers`, { intent: "invite", kind });
  const code = /data-testid="invitation-code">([A-Z0-9-]+)</.exec(await res.text())?.[1];
  if (!code) throw new Error("No invitation code on the page");
  const helper = new Browserish();
  const joined = await signUp(
    helper,
    { name, email, password: `${name} has a long pass phrase`, invitation: code },
    { from: "/sign-up" },
  );
  expect(joined.status).toBe(302);
  return helper;
}

/** The whole review form: every criterion met unless listed, and any overrides. */
function decisionForm(
  submissionId: string,
  decision: string,
  notYet: Record<string, string> = {},
  extra: Record<string, string> = {},
) {
  const fields: Record<string, string> = { submissionId, decision };
  for (const c of CRITERIA) {
    fields[`criteria.${c}.met`] = c in notYet ? "not-yet" : "met";
    if (notYet[c]) fields[`criteria.${c}.comment`] = notYet[c]!;
  }
  return { ...fields, ...extra };
}

async function submissionId(): Promise<string> {
  const html = await (await jo.get(`/people/${personId}/plan/review`)).text();
  const id = /name="submissionId" value="([0-9a-f-]{36})"/.exec(html)?.[1];
  if (!id) throw new Error("No submission on the review page");
  return id;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const inputs = (html: string, name: string) =>
  [...html.matchAll(/<input\b[^>]*>/g)].map((m) => m[0]).filter((tag) => attribute(tag, "name") === name);
/** The radio chosen in a group, as the page was sent. */
const chosen = (html: string, name: string) =>
  inputs(html, name)
    .filter((tag) => /\schecked(=""|\s|\/?>)/.test(tag))
    .map((tag) => attribute(tag, "value"))
    .join(",");
/** What a text box or textarea holds, as the page was sent. */
const typedInto = (html: string, name: string) => {
  const box = inputs(html, name)[0];
  if (box) return attribute(box, "value");
  const escaped = name.replace(/[.]/g, "\\.");
  return new RegExp(`<textarea\\b[^>]*\\sname="${escaped}"[^>]*>([^<]*)</textarea>`).exec(html)?.[1];
};
/** The error message shown beside a field (after its hidden "Error:" prefix). */
const errorBy = (html: string, name: string) =>
  new RegExp(
    `id="f-${name.replace(/[.]/g, "\\.")}-error"><span class="visually-hidden">[\\s\\S]*?</span>([^<]*)</span>`,
  ).exec(html)?.[1];

beforeAll(async () => {
  db = await openTestDatabase();
  person = new Browserish();
  await signUp(person, {
    name: "Sol Signoff",
    email: "sol.signoff@example.org",
    password: "sol signs off a long phrase",
  });
  personId = (await recordLinks(person))[0]!;
  jo = await signIn(DEMO.jo);
  chris = await signIn(DEMO.chris);
  await chooseTeamAndLink(person, personId, "Sol Signoff", jo, "Jo Ahmed");
  // A budget to plan against.
  for (const key of NEED_AREA_KEYS)
    expect(
      (await person.post(`/people/${personId}/assessment/${key}`, { rating: key === "mood" ? "3" : "1" })).status,
    ).toBe(302);
  await person.post(`/people/${personId}/assessment/informal`, { informal: "a-little" });
  expect((await person.post(`/people/${personId}/assessment/check`, { intent: "calculate" })).status).toBe(302);
  // A plan: an outcome, a citizen-led item and a co-designed item.
  const outcomes = await person.post(`/people/${personId}/plan/outcomes`, {
    intent: "add",
    words: OUTCOME_WORDS,
    lifeAreaId: "feeling-well",
    now: "3",
    hope: "7",
  });
  expect(outcomes.status).toBe(302);
  const outcomeId = /name="outcomeIds" value="([0-9a-f-]{36})"/.exec(
    await (await person.get(`/people/${personId}/plan/items/new/gym-membership`)).text(),
  )?.[1];
  const base = {
    intent: "add",
    frequency: "Every week",
    unitsPerYear: "20",
    provider: "Local people",
    outcomeIds: outcomeId!,
  };
  expect(
    (
      await person.post(`/people/${personId}/plan/items`, {
        ...base,
        what: GYM,
        menuEntryId: "gym-membership",
        unitCost: "4",
      })
    ).status,
  ).toBe(302);
  expect(
    (
      await person.post(`/people/${personId}/plan/items`, {
        ...base,
        what: PA,
        menuEntryId: "personal-assistant",
        unitCost: "15",
      })
    ).status,
  ).toBe(302);
  broker = await inviteAndJoin("peer-broker", "Pip Broker", "pip.broker@example.org");
  supporter = await inviteAndJoin("representative", "Sage Supporter", "sage.supporter@example.org");
  const helpers = await (await person.get(`/people/${personId}/helpers`)).text();
  const helperId = /id="helper-([0-9a-f-]{36})">Sage Supporter</.exec(helpers)?.[1];
  expect(
    (
      await person.post(
        `/people/${personId}/helpers`,
        { intent: "authority", helperId: helperId!, authority: "supporting" },
        { from: `/people/${personId}/helpers` },
      )
    ).status,
  ).toBe(302);
}, 120_000);

afterAll(() => db?.close());

describe("submitting a plan", () => {
  it("a peer broker and a supporting representative see why they cannot send it, and their posts are refused", async () => {
    const brokerPage = await (await broker.get(`/people/${personId}/plan/submit`)).text();
    expect(brokerPage).toContain("A peer broker can help with the plan, but only the person");
    expect(brokerPage).not.toContain("Send the plan</button>");
    expect(
      (
        await broker.post(
          `/people/${personId}/plan/submit`,
          { consent: "on", reason: "x" },
          { from: `/people/${personId}/plan` },
        )
      ).status,
    ).toBe(404);
    const supporterPage = await (await supporter.get(`/people/${personId}/plan/submit`)).text();
    expect(supporterPage).toContain("sending it needs the person, or someone with recorded authority");
    expect(
      (
        await supporter.post(
          `/people/${personId}/plan/submit`,
          { consent: "on", reason: "x" },
          { from: `/people/${personId}/plan` },
        )
      ).status,
    ).toBe(404);
    expect(await all("select * from plan_submissions where person_id = ?", personId)).toEqual([]);
  });

  it("needs the person's consent, and a reason when the plan check is not met", async () => {
    const page = await (await person.get(`/people/${personId}/plan/submit`)).text();
    expect(page).toContain("Plan check");
    expect(page).toContain("Not yet");
    const noConsent = await person.post(`/people/${personId}/plan/submit`, {
      version: "0",
      reason: "The crisis part is coming",
    });
    expect(noConsent.status).toBe(400);
    const kept = await noConsent.text();
    expect(kept).toContain("Please tick the box to agree to send the plan.");
    expect(kept).toContain("The crisis part is coming");
    const noReason = await person.post(`/people/${personId}/plan/submit`, { version: "0", consent: "on" });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("tell your lead professional why");
    const forged = await person.post(`/people/${personId}/plan/submit`, {
      version: "0",
      consent: "on",
      reason: "x",
      state: "signed-off",
    });
    expect(forged.status).toBe(400);
  });

  it("sends it, freezes the snapshot and shows a confirmation; the plan can no longer be edited", async () => {
    const sent = await person.post(`/people/${personId}/plan/submit`, {
      version: "0",
      consent: "on",
      reason: "I am still writing the crisis part with my sister.",
    });
    expect(sent.status).toBe(302);
    expect(sent.headers.get("location")).toBe(`/people/${personId}/plan/submit?sent=1`);
    const confirmation = await (await person.get(sent.headers.get("location")!)).text();
    expect(confirmation).toContain("Your plan has been sent");
    expect(confirmation).toContain("What happens next");
    const rows = await all<{ version: number; snapshot: string }>(
      "select version, snapshot from plan_submissions where person_id = ?",
      personId,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.snapshot).toContain(OUTCOME_WORDS);
    const edit = await person.post(`/people/${personId}/plan/outcomes`, {
      intent: "add",
      words: "Another",
      lifeAreaId: "home",
      now: "2",
      hope: "5",
    });
    expect(edit.status).toBe(409);
    const again = await person.post(`/people/${personId}/plan/submit`, {
      version: "1",
      consent: "on",
      reason: "again",
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("This plan has been sent.");
  });
});

describe("the lead professional", () => {
  it("sees the plan in their queue with how long it has waited; an unlinked lead professional does not, and gets 404", async () => {
    const queue = await (await jo.get("/queue")).text();
    expect(queue).toContain("Sol Signoff");
    expect(queue).toContain("Waiting 0 days");
    const theirs = await (await chris.get("/queue")).text();
    expect(theirs).not.toContain("Sol Signoff");
    expect((await chris.get(`/people/${personId}/plan/review`)).status).toBe(404);
    expect(
      (await chris.post(`/people/${personId}/plan/review`, decisionForm("x", "sign-off"), { from: "/queue" })).status,
    ).toBe(404);
    expect((await chris.get(`/people/${personId}/plan/review-meeting`)).status).toBe(404);
    expect((await person.get("/queue")).status).toBe(404);
  });

  it("the review screen shows the frozen snapshot, the budget and the six criteria", async () => {
    const html = await (await jo.get(`/people/${personId}/plan/review`)).text();
    expect(html).toContain(OUTCOME_WORDS);
    expect(html).toContain(GYM);
    expect(html).toContain("I am still writing the crisis part with my sister.");
    expect(html).toContain("Budget:");
    for (const name of ["What I want to achieve", "Staying safe", "Clear decisions"]) expect(html).toContain(name);
    expect(html).toContain(`Agreement for “${PA}”`);
  });

  it("asking for changes needs a reason for every part not met; signing off needs a review date after today", async () => {
    const id = await submissionId();
    const noReasons = await jo.post(
      `/people/${personId}/plan/review`,
      decisionForm(id, "request-changes", { "managed-risks": "" }),
    );
    expect(noReasons.status).toBe(400);
    expect(await noReasons.text()).toContain("Give a reason for this part, in plain words the person will read.");
    const noneNotYet = await jo.post(`/people/${personId}/plan/review`, decisionForm(id, "request-changes"));
    expect(noneNotYet.status).toBe(400);
    const noDate = await jo.post(
      `/people/${personId}/plan/review`,
      decisionForm(id, "sign-off", {}, { "items.0.agreement": "agree" }),
    );
    expect(noDate.status).toBe(400);
    expect(await noDate.text()).toContain("Choose a review date after today");
    const past = await jo.post(
      `/people/${personId}/plan/review`,
      decisionForm(id, "sign-off", {}, { "items.0.agreement": "agree", reviewDate: "2020-01-01" }),
    );
    expect(past.status).toBe(400);
    expect(await past.text()).toContain("Please choose a review date after today.");
    expect(
      await all("select d.* from plan_decisions d join plans p on p.id = d.plan_id where p.person_id = ?", personId),
    ).toEqual([]);
  });

  it("a rejected review form comes back with every choice and reason typed, and each error by its field", async () => {
    const id = await submissionId();
    const typed = {
      "criteria.managed-risks.comment": "Who would you call at night, when the office is closed?",
      "items.0.adaptation": "The agency must be on the council list",
      risk: "Evenings alone are the hardest time",
      reason: "Two parts need more words before I can agree them",
    };
    const refused = await jo.post(
      `/people/${personId}/plan/review`,
      decisionForm(
        id,
        "request-changes",
        { "managed-risks": typed["criteria.managed-risks.comment"], "clear-decisions": "" },
        {
          "items.0.agreement": "adapt",
          "items.0.adaptation": typed["items.0.adaptation"],
          risk: typed.risk,
          reason: typed.reason,
        },
      ),
    );
    expect(refused.status).toBe(400);
    const html = await refused.text();
    // Every choice made is still chosen.
    expect(chosen(html, "decision")).toBe("request-changes");
    expect(chosen(html, "items.0.agreement")).toBe("adapt");
    for (const c of CRITERIA)
      expect(chosen(html, `criteria.${c}.met`), c).toBe(
        c === "managed-risks" || c === "clear-decisions" ? "not-yet" : "met",
      );
    // Every word typed is still there, in its own box.
    for (const [name, words] of Object.entries(typed)) expect(typedInto(html, name), name).toBe(words);
    // The error stands by the field it is about, and in the summary.
    expect(errorBy(html, "criteria.clear-decisions.comment")).toContain(
      "Give a reason for this part, in plain words the person will read.",
    );
    expect(html).toContain('href="#f-criteria.clear-decisions.comment"');

    // A check only the server makes (every item needs an agreement to sign off) keeps the typing too.
    const unagreed = await jo.post(
      `/people/${personId}/plan/review`,
      decisionForm(
        id,
        "sign-off",
        { "managed-risks": typed["criteria.managed-risks.comment"] },
        { reviewDate: inDays(90), "items.0.adaptation": typed["items.0.adaptation"], reason: typed.reason },
      ),
    );
    expect(unagreed.status).toBe(400);
    const again = await unagreed.text();
    expect(errorBy(again, "items.0.agreement")).toContain("Choose whether you agree this item");
    expect(chosen(again, "decision")).toBe("sign-off");
    expect(chosen(again, "criteria.managed-risks.met")).toBe("not-yet");
    expect(typedInto(again, "criteria.managed-risks.comment")).toBe(typed["criteria.managed-risks.comment"]);
    expect(typedInto(again, "items.0.adaptation")).toBe(typed["items.0.adaptation"]);
    // The review date comes back in its three boxes (GOV.UK date input).
    const [year, month, day] = inDays(90).split("-").map(Number);
    expect(typedInto(again, "reviewDate-day")).toBe(String(day));
    expect(typedInto(again, "reviewDate-month")).toBe(String(month));
    expect(typedInto(again, "reviewDate-year")).toBe(String(year));
    expect(
      await all("select d.* from plan_decisions d join plans p on p.id = d.plan_id where p.person_id = ?", personId),
    ).toEqual([]);
  });

  it("asks for changes with reasons on two parts; the person reads every reason", async () => {
    const id = await submissionId();
    const res = await jo.post(
      `/people/${personId}/plan/review`,
      decisionForm(id, "request-changes", {
        "managed-risks": "Please add who you would call if things got hard.",
        "clear-decisions": "Please say how you would like the money managed.",
      }),
    );
    expect(res.status).toBe(302);
    const html = await (await person.get(`/people/${personId}/plan/decision`)).text();
    expect(html).toContain("Changes asked for by Jo Ahmed");
    expect(html).toContain("Please add who you would call if things got hard.");
    expect(html).toContain("Please say how you would like the money managed.");
    expect(html).toContain("What happens next");
    expect(html).toContain("Ask us to think again");
  });

  it("the frozen snapshot stays byte-for-byte the same after the person edits the plan", async () => {
    const before = (
      await all<{ snapshot: string }>(
        "select snapshot from plan_submissions where person_id = ? and version = 1",
        personId,
      )
    )[0]!.snapshot;
    const edit = await person.post(`/people/${personId}/plan/outcomes`, {
      intent: "add",
      words: "Ring my sister on Sundays",
      lifeAreaId: "home",
      now: "2",
      hope: "6",
    });
    expect(edit.status).toBe(302);
    const after = (
      await all<{ snapshot: string }>(
        "select snapshot from plan_submissions where person_id = ? and version = 1",
        personId,
      )
    )[0]!.snapshot;
    expect(after).toBe(before);
    expect(after).not.toContain("Ring my sister on Sundays");
  });

  it("the person asks to think again: the plan goes back to the queue marked as a reconsideration", async () => {
    const empty = await person.post(`/people/${personId}/plan/decision`, { reasons: "" });
    expect(empty.status).toBe(400);
    const res = await person.post(`/people/${personId}/plan/decision`, {
      reasons: "My sister is my crisis contact and that is written in the notes we made together.",
    });
    expect(res.status).toBe(302);
    const queue = await (await jo.get("/queue")).text();
    expect(queue).toContain("Asked to think again");
    const review = await (await jo.get(`/people/${personId}/plan/review`)).text();
    expect(review).toContain("My sister is my crisis contact");
    // The version looked at again is the one decided on, not the draft edited since.
    expect(review).not.toContain("Ring my sister on Sundays");
    const rows = await all<{ version: number; snapshot: string; reconsideration: number | boolean }>(
      "select version, snapshot, reconsideration from plan_submissions where person_id = ? order by version",
      personId,
    );
    // A boolean: 0/1 on SQLite, false/true on PostgreSQL.
    expect(rows.map((r) => [r.version, Boolean(r.reconsideration)])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(rows[1]!.snapshot).toBe(rows[0]!.snapshot);
  });

  it("asks for changes again; the person revises and resubmits; sign-off needs every item agreed, then cannot happen twice", async () => {
    expect(
      (
        await jo.post(
          `/people/${personId}/plan/review`,
          decisionForm(await submissionId(), "request-changes", {
            "managed-risks": "Please write your sister in as the crisis contact.",
          }),
        )
      ).status,
    ).toBe(302);
    expect(
      (
        await person.post(`/people/${personId}/plan/submit`, {
          version: await reasonVersion(person, personId),
          consent: "on",
          reason: "I added what we talked about.",
        })
      ).status,
    ).toBe(302);
    const id = await submissionId();
    const noAgreement = await jo.post(
      `/people/${personId}/plan/review`,
      decisionForm(id, "sign-off", {}, { reviewDate: inDays(90) }),
    );
    expect(noAgreement.status).toBe(400);
    expect(await noAgreement.text()).toContain("Choose whether you agree this item");
    const needsWords = await jo.post(
      `/people/${personId}/plan/review`,
      decisionForm(id, "sign-off", {}, { reviewDate: inDays(90), "items.0.agreement": "adapt" }),
    );
    expect(needsWords.status).toBe(400);
    const signed = await jo.post(
      `/people/${personId}/plan/review`,
      decisionForm(
        id,
        "sign-off",
        {},
        {
          reviewDate: inDays(90),
          "items.0.agreement": "adapt",
          "items.0.adaptation": "Up to 20 hours, from an agency on the council's list",
        },
      ),
    );
    expect(signed.status).toBe(302);
    const twice = await jo.post(
      `/people/${personId}/plan/review`,
      decisionForm(id, "sign-off", {}, { reviewDate: inDays(90), "items.0.agreement": "agree" }),
    );
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain("This plan has already been signed off.");
    expect(
      await all(
        "select d.* from plan_decisions d join plans p on p.id = d.plan_id where p.person_id = ? and d.decision = 'signed-off'",
        personId,
      ),
    ).toHaveLength(1);
    const html = await (await person.get(`/people/${personId}/plan/decision`)).text();
    expect(html).toContain("Signed off by Jo Ahmed");
    expect(html).toContain("agreed with this adaptation: Up to 20 hours");
    expect(html).toContain("Review date:");
    expect(html).toContain("Budget confirmed:");
  });

  it("audits every transition with who, for whom, the reason and the plan version", async () => {
    const lines = await all<{ action: string; actor_id: string; person_id: string; detail: string }>(
      "select action, actor_id, person_id, detail from audit_log where person_id = ? and action like 'plan-%' and result = 'ok' order by seq",
      personId,
    );
    expect(lines.map((l) => l.action)).toEqual([
      "plan-submit",
      "plan-request-changes",
      "plan-ask-to-think-again",
      "plan-request-changes",
      "plan-submit",
      "plan-sign-off",
    ]);
    const signOff = JSON.parse(lines.at(-1)!.detail);
    expect(signOff).toMatchObject({
      action: "sign-off",
      from: "submitted",
      to: "signed-off",
      version: 3,
      actingAs: "lead-professional",
    });
    expect(signOff.reviewDate).toBe(inDays(90));
    const changes = JSON.parse(lines[1]!.detail);
    expect(changes.reasons["managed-risks"]).toContain("who you would call");
  });

  it("the review meeting closes the cycle and opens cycle 2 with the plan carried forward", async () => {
    const empty = await jo.post(`/people/${personId}/plan/review-meeting`, {});
    expect(empty.status).toBe(400);
    const res = await jo.post(`/people/${personId}/plan/review-meeting`, {
      whatIsWorking: "Swimming twice a week",
      whatIsNot: "Evenings are still hard",
      changesAgreed: "Try an evening group",
      nextReviewDate: inDays(365),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/people/${personId}/plan/review-meeting?cycle=2`);
    const plan = await (await person.get(`/people/${personId}/plan`)).text();
    expect(plan).toContain("Cycle 2");
    const plans = await all<{ cycle: number; state: string }>(
      "select cycle, state from plans where person_id = ? order by cycle",
      personId,
    );
    expect(plans).toEqual([
      { cycle: 1, state: "closed" },
      { cycle: 2, state: "draft" },
    ]);
    const decision = await (await person.get(`/people/${personId}/plan/decision`)).text();
    expect(decision).toContain("Evenings are still hard");
  });
});

describe("notifications and email", () => {
  it("every signed-in user has a list; the person was told of each decision, the lead professional of each plan waiting", async () => {
    const mine = await (await person.get("/notifications")).text();
    expect(mine).toContain("Jo Ahmed has made a decision on the plan.");
    // Unread notices: the page offers to mark them all read (from the shell's count of unread).
    expect(mine).toContain('name="intent" value="read-all"');
    expect((await person.get("/home")).status).toBe(200);
    expect(await (await person.get("/home")).text()).toMatch(
      /href="\/notifications">Notifications<span class="count"> \(<!-- -->\d+ new/,
    );
    const joList = await (await jo.get("/notifications")).text();
    expect(joList).toContain("Sol Signoff has sent a plan for you to look at.");
    expect(joList).toContain("Sol Signoff has asked you to think again about their plan.");
    expect((await person.post("/notifications", { intent: "read-all" })).status).toBe(302);
    expect(await (await person.get("/home")).text()).not.toMatch(
      /href="\/notifications">Notifications<span class="count">/,
    );
    // None unread: nothing to mark.
    const read = await (await person.get("/notifications")).text();
    expect(read).toContain("Jo Ahmed has made a decision on the plan.");
    expect(read).not.toContain('name="intent" value="read-all"');
  });

  it("puts email in the outbox, never with the plan's words, needs or budget", async () => {
    const mail = await all<{ to_email: string; subject: string; body: string; sent_at: string | null }>(
      "select * from outbox",
    );
    const toSol = mail.filter(
      (m) => m.to_email === "sol.signoff@example.org" && m.subject === "Something to look at in Plan your support",
    );
    expect(toSol.length).toBeGreaterThanOrEqual(3);
    expect(mail.some((m) => m.to_email === DEMO.jo)).toBe(true);
    const forbidden = [
      OUTCOME_WORDS,
      "allotment",
      GYM,
      PA,
      "Swimming",
      "crisis",
      "sister",
      "£",
      "Mood",
      "mood",
      "budget",
      "Sol Signoff",
      "signed off",
      "changes",
    ];
    for (const m of mail) {
      for (const word of forbidden) expect(`${m.subject}\n${m.body}`, m.body).not.toContain(word);
      // Every nudge links to a record or the home page (sign-up and invitation emails carry a code or a sign-in link instead).
      if (m.subject === "Something to look at in Plan your support")
        expect(m.body).toMatch(/http:\/\/[^\s]+\/(people\/[0-9a-f-]{36}|home)\b/);
    }
  });
});
