import { beforeAll, describe, expect, it } from "vitest";
import { NEED_AREA_KEYS } from "~/domain/choices";
import { DEMO, recordLinks, signIn, signUp } from "../support/accounts";
import { Browserish } from "../support/http";

let asha: Browserish;
let ravi: Browserish;
let sam: Browserish;
let ashaId: string;

/** A newly signed-up person with a budget worked out, for the plan check and the cycle. */
let pat: Browserish;
let patId: string;

const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1];
const notYetTags = (html: string) => (html.match(/tag tag--warn">Not yet</g) ?? []).length;

beforeAll(async () => {
  asha = await signIn(DEMO.asha);
  ravi = await signIn(DEMO.ravi);
  sam = await signIn(DEMO.sam);
  ashaId = (await recordLinks(asha))[0]!;

  pat = new Browserish();
  await signUp(pat, {
    name: "Pat Cycle",
    email: "pat.cycle@example.org",
    password: "pat walks the whole cycle",
  });
  patId = (await recordLinks(pat))[0]!;
  const ratings: Record<string, string> = {
    mood: "3",
    experiences: "2",
    "keeping-safe": "2",
    "daily-living": "2",
    relationships: "3",
  };
  for (const key of NEED_AREA_KEYS)
    expect((await pat.post(`/people/${patId}/assessment/${key}`, { rating: ratings[key] ?? "1" })).status).toBe(302);
  expect((await pat.post(`/people/${patId}/assessment/informal`, { informal: "a-little" })).status).toBe(302);
  expect((await pat.post(`/people/${patId}/assessment/check`, { intent: "calculate" })).status).toBe(302);
}, 60_000);

describe("who changed the plan", () => {
  it("a representative acting for the person edits a section; the history says so", async () => {
    const res = await ravi.post(`/people/${ashaId}/plan/free-support`, {
      intent: "add",
      who: "My cousin Meena",
      what: "Walks on Sunday mornings",
      howOften: "Every week",
    });
    expect(res.status).toBe(302);
    const history = await (await asha.get(`/people/${ashaId}/plan/history`)).text();
    expect(history).toContain("by Ravi Patel, acting for Asha Patel");
    expect(history).toContain("Walks on Sunday mornings");
    expect(history).toContain("Help that costs nothing");
  });
});

describe("a character no keyboard types", () => {
  it("a NUL sent inside a form's words is dropped and the words are saved, on either engine", async () => {
    // PostgreSQL's text refuses NUL: this save was a 500 there, and on SQLite the NUL came back in the page.
    const nia = new Browserish();
    await signUp(nia, { name: "Nia Nul", email: "nia.nul@example.org", password: "nia types only words" });
    const niaId = (await recordLinks(nia))[0]!;
    const res = await nia.post(`/people/${niaId}/plan/free-support`, {
      intent: "add",
      who: "My neigh\u0000bour Ann",
      what: "Tea\u0000 on Fridays",
      howOften: "Every week",
    });
    expect(res.status).toBe(302);
    const page = await (await nia.get(`/people/${niaId}/plan/free-support`)).text();
    expect(page).toContain("My neighbour Ann");
    expect(page).toContain("Tea on Fridays");
    expect(page).not.toContain("\u0000");
  });
});

describe("two people save the crisis plan at once", () => {
  it("keeps the first, shows the second the comparison page, and loses neither text", async () => {
    const path = `/people/${ashaId}/plan/crisis`;
    const ashaVersion = versionOn(await (await asha.get(path)).text());
    const samVersion = versionOn(await (await sam.get(path)).text());
    expect(ashaVersion).toBeDefined();
    expect(samVersion).toBe(ashaVersion);
    const form = (earlySigns: string, version: string) => ({
      intent: "save",
      version,
      earlySigns,
      whatHelps: "A quiet room and a cup of tea",
      "contacts.0.name": "Ravi",
      "contacts.0.howToReach": "07700 900123",
      "contacts.1.name": "",
      "contacts.1.howToReach": "",
      "contacts.2.name": "",
      "contacts.2.howToReach": "",
      doNotWant: "",
      preferredPlace: "At home",
    });
    const first = await asha.post(path, form("Sleeping less than four hours", ashaVersion!));
    expect(first.status).toBe(302);
    const second = await sam.post(path, form("Stops answering the phone", samVersion!));
    expect(second.status).toBe(409);
    const comparison = await second.text();
    expect(comparison).toContain("Someone else changed this at the same time");
    expect(comparison).toContain("Sleeping less than four hours"); // theirs, as saved
    expect(comparison).toContain("Stops answering the phone"); // yours, as typed
    expect(comparison).toContain("Keep my version");
    expect(comparison).toContain("Keep their version");

    // The first save is the one applied; the second is kept in the history, marked as not applied.
    expect(await (await sam.get(path)).text()).toContain("Sleeping less than four hours");
    const history = await (await asha.get(`/people/${ashaId}/plan/history`)).text();
    expect(history).toContain("Stops answering the phone");
    expect(history).toContain("Kept, not applied");

    // "Keep mine" sends Sam's text against the version now saved, and it applies.
    const newer = versionOn(comparison);
    expect(Number(newer)).toBe(Number(ashaVersion) + 1);
    const keep = await sam.post(path, form("Stops answering the phone", newer!));
    expect(keep.status).toBe(302);
    expect(await (await asha.get(path)).text()).toContain("Stops answering the phone");
  });

  it("an autosave answers with the new version, and an out-of-date one is not applied", async () => {
    const path = `/people/${ashaId}/plan/crisis`;
    const version = versionOn(await (await asha.get(path)).text())!;
    const fields = {
      version,
      earlySigns: "Autosaved words",
      whatHelps: "",
      "contacts.0.name": "Ravi",
      "contacts.0.howToReach": "07700 900123",
      doNotWant: "",
      preferredPlace: "",
    };
    const saved = await asha.post(`${path}.data`, { intent: "autosave", ...fields }, { from: path });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain("saved");
    const stale = await sam.post(
      `${path}.data`,
      { intent: "autosave", ...fields, earlySigns: "Stale words" },
      { from: path },
    );
    expect(await stale.text()).toContain("conflict");
    expect(await (await asha.get(path)).text()).toContain("Autosaved words");
  });

  it("refuses half a contact and brings back what was typed", async () => {
    const path = `/people/${ashaId}/plan/crisis`;
    const version = versionOn(await (await asha.get(path)).text())!;
    const res = await asha.post(path, {
      intent: "save",
      version,
      earlySigns: "Typed and kept",
      "contacts.0.name": "Only a name",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Please say how to reach them");
    expect(html).toContain("Typed and kept");
  });
});

describe("the plan check, criterion by criterion", () => {
  const plan = () => `/people/${patId}/plan`;

  it("names each criterion that is not met yet: no outcomes, no crisis contact, over budget", async () => {
    const empty = await (await pat.get(plan())).text();
    expect(empty).toContain("Your plan does not say yet what you want it to achieve.");
    expect(empty).toContain("Your crisis plan has nobody to contact yet.");
    expect(empty).toContain("Your plan does not say yet how the money will be managed.");
    expect(notYetTags(empty)).toBeGreaterThanOrEqual(4);

    const big = await pat.post(`${plan()}/items`, {
      intent: "add",
      what: "A year away",
      menuEntryId: "something-else",
      somethingElse: "a long holiday",
      provider: "A travel firm",
      frequency: "Once",
      unitCost: "90000",
      unitsPerYear: "1",
    });
    expect(big.status).toBe(302);
    const over = await (await pat.get(plan())).text();
    expect(over).toMatch(/more than your budget\. You could change some items/);
    expect(over).toContain("Why my plan needs more than the budget");
    const itemId = /name="entryId" value="([0-9a-f-]{36})"/.exec(await (await pat.get(`${plan()}/items`)).text())?.[1];
    expect((await pat.post(`${plan()}/items`, { intent: "remove", entryId: itemId! })).status).toBe(302);
  });

  it("passes a small simple plan under £2,000 that has fewer details", async () => {
    expect(
      (
        await pat.post(`${plan()}/outcomes`, {
          intent: "add",
          words: "Get out of the house more",
          lifeAreaId: "days",
          now: "3",
          hope: "7",
        })
      ).status,
    ).toBe(302);
    const outcomeId = /name="outcomeIds" value="([0-9a-f-]{36})"/.exec(
      await (await pat.get(`${plan()}/items/new/gym-membership`)).text(),
    )?.[1];
    expect(outcomeId).toBeDefined();
    const gym = await pat.post(`${plan()}/items`, {
      intent: "add",
      what: "Gym",
      menuEntryId: "gym-membership",
      provider: "The local gym",
      frequency: "Monthly",
      unitCost: "25",
      unitsPerYear: "12",
      outcomeIds: outcomeId!,
    });
    expect(gym.status).toBe(302);
    const swim = await pat.post(`${plan()}/items`, {
      intent: "add",
      what: "Swimming",
      menuEntryId: "gym-membership",
      provider: "The pool",
      frequency: "Monthly",
      unitCost: "10",
      unitsPerYear: "12",
      outcomeIds: outcomeId!,
    });
    expect(swim.status).toBe(302);
    const crisisVersion = versionOn(await (await pat.get(`${plan()}/crisis`)).text())!;
    expect(
      (
        await pat.post(`${plan()}/crisis`, {
          intent: "save",
          version: crisisVersion,
          "contacts.0.name": "My brother",
          "contacts.0.howToReach": "07700 900456",
        })
      ).status,
    ).toBe(302);
    const decisionsVersion = versionOn(await (await pat.get(`${plan()}/decisions`)).text())!;
    // Indirect payment needs the representative: refused without, saved with.
    const missing = await pat.post(`${plan()}/decisions`, {
      intent: "save",
      version: decisionsVersion,
      management: "indirect-payment",
    });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Please give the name of the person who will hold the money.");
    expect(
      (
        await pat.post(`${plan()}/decisions`, {
          intent: "save",
          version: decisionsVersion,
          management: "direct-payment",
        })
      ).status,
    ).toBe(302);

    const html = await (await pat.get(plan())).text();
    expect(html).toContain("so it needs fewer details");
    expect(notYetTags(html)).toBe(0);
  });

  it("a lead professional can read the plan parts but not change them", async () => {
    const jo = await signIn(DEMO.jo);
    expect((await jo.get(`/people/${ashaId}/plan/crisis`)).status).toBe(200);
    expect(
      (await jo.post(`/people/${ashaId}/plan/crisis`, { intent: "save", version: "1" }, { from: "/sign-out" })).status,
    ).toBe(404);
  });
});

describe("stages 5 to 7", () => {
  it("organises an item, moves a little money at once and logs a bigger move for sign-off", async () => {
    const resources = await (await pat.get(`/people/${patId}/plan/resources`)).text();
    const budgetPounds = Number(/Your indicative budget is £([\d,]+)/.exec(resources)?.[1]?.replace(/,/g, ""));
    expect(budgetPounds).toBeGreaterThan(1000);
    // An item worth a fifth of the budget, so moving most of it is more than a small change.
    const fifth = String(Math.ceil(budgetPounds / 5));
    expect(
      (
        await pat.post(`/people/${patId}/plan/items`, {
          intent: "add",
          what: "Art classes",
          menuEntryId: "something-else",
          somethingElse: "art classes",
          provider: "The art studio",
          frequency: "Once",
          unitCost: fifth,
          unitsPerYear: "1",
        })
      ).status,
    ).toBe(302);
    const using = await (await pat.get(`/people/${patId}/plan/using`)).text();
    const ids = [...using.matchAll(/name="fromItemId" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(3);
    const small = await pat.post(`/people/${patId}/plan/using`, {
      intent: "move",
      fromItemId: ids[0]!,
      toItemId: ids[1]!,
      amount: "12",
    });
    expect(small.headers.get("location")).toMatch(/done=applied$/);
    const big = await pat.post(`/people/${patId}/plan/using`, {
      intent: "move",
      fromItemId: ids[2]!,
      toItemId: ids[1]!,
      amount: String(Math.ceil(budgetPounds / 6)),
    });
    expect(big.headers.get("location")).toMatch(/done=needsSignOff$/);
    expect((await pat.post(`/people/${patId}/plan/items`, { intent: "remove", entryId: ids[2]! })).status).toBe(302);
    const log = await (await pat.get(`/people/${patId}/plan/using`)).text();
    expect(log).toContain("£12 a year from “Gym” to “Swimming”");
    expect(log).toContain("Needs agreeing");
    expect(log).toContain("Made");
    const items = await (await pat.get(`/people/${patId}/plan/items`)).text();
    expect(items).toContain("£288 a year"); // Gym £300 - £12, the big move not applied
    expect(items).toContain("£132 a year"); // Swimming £120 + £12

    const arranged = await pat.post(`/people/${patId}/plan/organising`, {
      intent: "arrange",
      itemId: ids[0]!,
      provider: "The local gym",
      startDate: "2026-04-01",
      howPaid: "my-account",
    });
    expect(arranged.status).toBe(302);
    const organising = await (await pat.get(`/people/${patId}/plan/organising`)).text();
    expect(organising).toContain("starts 1 April 2026");
    expect(organising).toContain("Set up");
  });

  it("reflects with new ratings; two saves of the reflecting text meet the comparison page; nobody here starts a new cycle", async () => {
    const reflecting = await (await pat.get(`/people/${patId}/plan/reflecting`)).text();
    const field = /name="(now_[0-9a-f-]{36})"/.exec(reflecting)?.[1];
    expect(field).toBeDefined();
    const loadedAt = versionOn(reflecting)!;
    const saved = await pat.post(`/people/${patId}/plan/reflecting`, {
      intent: "save",
      version: loadedAt,
      working: "The gym gets me out",
      notWorking: "Mornings are hard",
      [field!]: "5",
    });
    expect(saved.status).toBe(302);
    const again = await (await pat.get(`/people/${patId}/plan/reflecting`)).text();
    expect(again).toContain("“Get out of the house more”: 3 when planned, 5 now, hoping for 7.");
    expect(again).toContain("<svg");

    // A second save from the same old page (someone else's tab): compared, not overwritten.
    const stale = await pat.post(`/people/${patId}/plan/reflecting`, {
      intent: "save",
      version: loadedAt,
      working: "Swimming helps more than the gym",
      notWorking: "",
    });
    expect(stale.status).toBe(409);
    const compare = await stale.text();
    expect(compare).toContain("Someone else changed this at the same time");
    expect(compare).toContain("The gym gets me out");
    expect(compare).toContain("Swimming helps more than the gym");
    expect(await (await pat.get(`/people/${patId}/plan/reflecting`)).text()).toContain("The gym gets me out");

    // Starting a new cycle is not something this page does: the review meeting does it.
    expect(again).not.toContain('value="next-cycle"');
    const next = await pat.post(`/people/${patId}/plan/reflecting`, { intent: "next-cycle", cycle: "1" });
    expect(next.status).toBe(400);
    const plan = await (await pat.get(`/people/${patId}/plan`)).text();
    expect(plan).toContain("Cycle 1");
    expect(plan).toContain("Being written");
    expect((await pat.get(`/people/${patId}/plan/cycles/2`)).status).toBe(404);
  });
});
