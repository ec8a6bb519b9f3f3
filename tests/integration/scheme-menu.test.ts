import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findEntry, menuFileSchema } from "~/domain/menu";
import { CRITERIA } from "~/domain/plan-criteria";
import { NEED_AREA_KEYS } from "~/domain/choices";
import { chooseTeamAndLink, DEMO, reasonVersion, recordLinks, signIn, signUp } from "../support/accounts";
import { openTestDatabase, type TestDatabase } from "../support/database";
import { Browserish } from "../support/http";

/**
 * The menu, maintained: a commissioner retires an entry after a plan using it was signed off. The
 * signed-off plan stays exactly as it was; the lead professional is shown that the item's rule has
 * changed since; a new item can no longer choose it; the public menu says what changed and why.
 */
let person: Browserish;
let personId: string;
let jo: Browserish;
let morgan: Browserish;
let db: TestDatabase;

const ENTRY = "studio-space";
const shipped = menuFileSchema.parse(JSON.parse(readFileSync("content/menu/menu-2026-1.json", "utf8")));
const ITEM = "A shared pottery studio on Tuesdays";
const GYM_ITEM = "Leisure centre gym pass";
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  db = await openTestDatabase();
  person = new Browserish();
  await signUp(person, { name: "Mel Menu", email: "mel.menu@example.org", password: "mel menu long phrase" });
  personId = (await recordLinks(person))[0]!;
  jo = await signIn(DEMO.jo);
  morgan = await signIn(DEMO.morgan);
  await chooseTeamAndLink(person, personId, "Mel Menu", jo, "Jo Ahmed");
  for (const key of NEED_AREA_KEYS)
    await person.post(`/people/${personId}/assessment/${key}`, { rating: key === "mood" ? "3" : "1" });
  await person.post(`/people/${personId}/assessment/informal`, { informal: "a-little" });
  expect((await person.post(`/people/${personId}/assessment/check`, { intent: "calculate" })).status).toBe(302);
  await person.post(`/people/${personId}/plan/outcomes`, {
    intent: "add",
    words: "Make things with my hands again",
    lifeAreaId: "feeling-well",
    now: "2",
    hope: "7",
  });
  const outcomeId = /name="outcomeIds" value="([0-9a-f-]{36})"/.exec(
    await (await person.get(`/people/${personId}/plan/items/new/gym-membership`)).text(),
  )?.[1];
  const added = await person.post(`/people/${personId}/plan/items`, {
    intent: "add",
    what: ITEM,
    menuEntryId: ENTRY,
    provider: "Riverside Studios",
    frequency: "Every week",
    unitCost: "12",
    unitsPerYear: "40",
    outcomeIds: outcomeId!,
  });
  expect(added.status).toBe(302);
  const gym = await person.post(`/people/${personId}/plan/items`, {
    intent: "add",
    what: GYM_ITEM,
    menuEntryId: "gym-membership",
    provider: "Leisure centre",
    frequency: "Every month",
    unitCost: "20",
    unitsPerYear: "12",
    outcomeIds: outcomeId!,
  });
  expect(gym.status).toBe(302);
  const sent = await person.post(`/people/${personId}/plan/submit`, {
    version: await reasonVersion(person, personId),
    consent: "on",
    reason: "The rest is coming",
  });
  expect(sent.status).toBe(302);
  const review = await (await jo.get(`/people/${personId}/plan/review`)).text();
  const submissionId = /name="submissionId" value="([0-9a-f-]{36})"/.exec(review)![1]!;
  const fields: Record<string, string> = { submissionId, decision: "sign-off", reviewDate: inDays(90) };
  for (const c of CRITERIA) fields[`criteria.${c}.met`] = "met";
  const signed = await jo.post(`/people/${personId}/plan/review`, fields, { from: "/queue" });
  expect(signed.status).toBe(302);
}, 120_000);

afterAll(() => db?.close());

describe("a menu entry retired after sign-off", () => {
  it("leaves the signed-off plan unchanged and shows the lead professional the change", async () => {
    const snapshots = () =>
      db.all<{ snapshot: string }>("select snapshot from plan_submissions where person_id = ?", personId);
    const before = await snapshots();
    expect(before).toHaveLength(1);
    expect(before[0]!.snapshot).toContain(ENTRY);
    const reviewBefore = await (await jo.get(`/people/${personId}/plan/review-meeting`)).text();
    expect(reviewBefore).not.toContain('data-testid="rule-changed"');

    // Only a commissioner retires entries, from the entry's own page, and must say why.
    const retire = `/scheme/menu/entries/${ENTRY}/retire`;
    expect(await (await morgan.get(`/scheme/menu/entries/${ENTRY}`)).text()).toContain(`<a href="${retire}">`);
    expect((await jo.get(retire)).status).toBe(404);
    expect((await jo.post(retire, { why: "x" }, { from: "/home" })).status).toBe(404);
    const noWhy = await morgan.post(retire, { why: "" });
    expect(noWhy.status).toBe(400);
    expect(await noWhy.text()).toContain("Say why the entry is retired");
    const retired = await morgan.post(retire, { why: "Studios are now free at the hub" });
    expect(retired.status).toBe(302);
    expect(retired.headers.get("location")).toBe("/scheme/menu?retired");
    // Retired: its retire page is gone, and retiring it again is refused.
    expect((await morgan.get(retire)).status).toBe(404);
    expect((await morgan.post(retire, { why: "again" })).status).toBe(404);
    const log = await (await morgan.get("/scheme/menu")).text();
    expect(log).toContain("Studios are now free at the hub");
    expect(log).toMatch(/Version 2026-1\.\d+/);

    // The signed-off plan is exactly as it was; the lead professional sees the rule changed since.
    expect(await snapshots()).toEqual(before);
    const reviewAfter = (await (await jo.get(`/people/${personId}/plan/review-meeting`)).text()).replaceAll(
      "<!-- -->",
      "",
    );
    expect(reviewAfter).toContain(`<strong>${ITEM}</strong>`);
    expect(reviewAfter).toMatch(
      /data-testid="rule-changed">Its rule has changed since this plan was checked: retired from the menu on [^<]*: Studios are now free at the hub/,
    );

    // A new item can no longer choose it; the public menu says what changed and why.
    const items = await (await person.get(`/people/${personId}/plan/items`)).text();
    expect(items).not.toContain(`value="${ENTRY}"`);
    const menu = (await (await new Browserish().get("/menu")).text()).replaceAll("<!-- -->", "");
    expect(menu).toMatch(/Menu version 2026-1\.\d+/);
    expect(menu).toMatch(
      /<li>Version 2026-1\.\d+, [^<]*: “Studio space[^<]*” was taken off the menu\. Why: Studios are now free at the hub/,
    );
  });

  it("a menu entry changed after sign-off: the plan is unchanged and the lead professional sees what changed", async () => {
    const snapshots = () =>
      db.all<{ snapshot: string }>("select snapshot from plan_submissions where person_id = ?", personId);
    const before = await snapshots();
    const entry = findEntry(shipped, "gym-membership")!;
    const fields: Record<string, string> = { kind: entry.kind, reason: "Only gyms run by the council or a charity" };
    for (const lang of ["en", "ur", "pl"] as const) {
      fields[`${lang}.title`] = entry.title[lang];
      fields[`${lang}.description`] = entry.description[lang];
      fields[`${lang}.why`] = entry.why[lang];
      fields[`${lang}.examples`] = entry.examples[lang].join("\n");
    }
    fields["en.description"] = "Membership of a gym run by the council or a charity.";
    const changed = await morgan.post("/scheme/menu/entries/gym-membership", fields);
    expect(changed.status).toBe(302);

    expect(await snapshots()).toEqual(before);
    const review = (await (await jo.get(`/people/${personId}/plan/review-meeting`)).text()).replaceAll("<!-- -->", "");
    expect(review).toContain(`<strong>${GYM_ITEM}</strong>`);
    expect(review).toMatch(
      /data-testid="rule-changed">Its rule has changed since this plan was checked: changed \(what it is\) on [^<]*: Only gyms run by the council or a charity/,
    );
    // A new item is checked against the changed entry; the public menu shows its new words, Urdu and Polish to review.
    const menu = (await (await new Browserish().get("/menu")).text()).replaceAll("<!-- -->", "");
    expect(menu).toContain("Membership of a gym run by the council or a charity.");
    expect(menu).toMatch(
      /“Gym membership” was changed \(what it is\)\. Why: Only gyms run by the council or a charity/,
    );
    const gymSection = menu.slice(menu.indexOf('<section id="gym-membership"'));
    expect(gymSection.slice(0, gymSection.indexOf("</section>"))).toContain(
      "Translation awaiting review: Urdu and Polish",
    );
  });
});
