import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NEED_AREA_KEYS } from "~/domain/choices";
import { chooseTeamAndLink, DEMO, DEMO_PASSWORD, recordLinks, signIn, signUp } from "../support/accounts";
import { expectNoAxeViolations, launchBrowser } from "../support/browser";
import { windowAs } from "../support/browser-accounts";
import { Browserish } from "../support/http";

/**
 * Every form of funding in the seeds (issue 20): a category tariff placed by the lead professional
 * and explained on the person's budget page; a small grant for someone below the threshold; a
 * treatment voucher with a provider switch and claims.
 */
let browser: Browser;
const windows: { context: BrowserContext }[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});

const CATEGORIES_SET = "browser-categories";
let morgan: Browserish | undefined;

afterAll(async () => {
  for (const w of windows) await w.context.close().catch(() => undefined);
  // Other browser tests expect the example's figures: retire the rule set this file published.
  if (morgan) await morgan.post(`/scheme/rule-sets/${CATEGORIES_SET}`, { intent: "retire" });
  await browser?.close();
});

const main = (page: Page) => page.locator("main").innerText();
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

async function open(email: string, options?: { javaScript?: boolean }) {
  const window = await windowAs(browser, email, options);
  windows.push(window);
  return window;
}

// 30 points: mood 3×3, experiences 2×3, keeping-safe 2×3, physical 1×2, daily-living 2×2, relationships 3×1.
const ANSWERS: Record<string, string> = {
  mood: "3",
  experiences: "2",
  "keeping-safe": "2",
  physical: "1",
  "daily-living": "2",
  relationships: "3",
};

/** A new person linked to Jo, with every question answered and a budget worked out. */
async function personWithBudget(name: string, email: string, answers = ANSWERS) {
  const person = new Browserish();
  expect((await signUp(person, { name, email, password: DEMO_PASSWORD })).status).toBe(302);
  const id = (await recordLinks(person))[0]!;
  await chooseTeamAndLink(person, id, name, await signIn(DEMO.jo), "Jo Ahmed");
  for (const key of NEED_AREA_KEYS)
    await person.post(`/people/${id}/assessment/${key}`, { rating: answers[key] ?? "0" });
  await person.post(`/people/${id}/assessment/informal`, { informal: "a-little" });
  expect((await person.post(`/people/${id}/assessment/check`, { intent: "calculate" })).status).toBe(302);
  return { id, email };
}

describe("category tariffs", () => {
  it("Jo places a person in a category with a reason; the budget page explains it; the person asks for it to be looked at again and Jo is told", async () => {
    // The commissioners put the example categories in force from today (copy, ask, a second approves).
    morgan = await signIn(DEMO.morgan);
    const dana = await signIn(DEMO.dana);
    const copied = await morgan.post("/scheme", {
      intent: "copy",
      from: "example-categories-2026-1",
      id: CATEGORIES_SET,
    });
    expect(copied.status).toBe(302);
    const asked = await morgan.post(`/scheme/rule-sets/${CATEGORIES_SET}`, {
      intent: "ask-approval",
      effectiveFrom: today,
      reason: "Money follows the currency group in mental health",
    });
    expect(asked.status).toBe(302);
    const approved = await dana.post(`/scheme/rule-sets/${CATEGORIES_SET}`, {
      intent: "approve",
      note: "Tried against last year's cases",
    });
    expect(approved.status).toBe(302);

    const cat = await personWithBudget("Cat Category", "cat.category@example.org");

    // Jo, with JavaScript off, places Cat in a category from her budget page.
    const jo = await open(DEMO.jo, { javaScript: false });
    await jo.page.goto(new URL(`/people/${cat.id}/budget`, jo.page.url()).href);
    await jo.page.getByRole("link", { name: "Place in a category" }).click();
    expect(await jo.page.locator("h1").textContent()).toBe("Place in a category");
    // Forgetting the reason keeps the choice and says what is missing by the field.
    await jo.page.getByLabel("Example group 3: psychosis: £12,000").check();
    await jo.page.getByRole("button", { name: "Save and work out the budget again" }).click();
    await jo.page.getByText("There is a problem").waitFor();
    expect(await jo.page.getByLabel("Example group 3: psychosis: £12,000").isChecked()).toBe(true);
    await jo.page
      .getByLabel("Why this category (the person will read this)")
      .fill("We talked about the voices and how the last year has gone.");
    await jo.page.getByRole("button", { name: "Save and work out the budget again" }).click();
    await jo.page.waitForURL((url) => url.pathname === `/people/${cat.id}/budget`);

    // Cat reads it on her budget page: the category, its amount, why, and the larger of the two amounts.
    // Category: £12,000 at 80% NHS = £9,600; council £2,400 × 95% = £2,280; total £11,880.
    // Points: 30 points, NHS 20.1 × £300 = £6,030, council 9.9 × £300 × 95% = £2,821.50 → £2,820; total £8,850.
    const person = await open(cat.email);
    await person.page.goto(new URL(`/people/${cat.id}/budget`, person.page.url()).href);
    const budget = await main(person.page);
    expect(budget).toContain("Your category");
    expect(budget).toContain("Jo Ahmed placed you in “Example group 3: psychosis”");
    expect(budget).toContain("We talked about the voices and how the last year has gone.");
    expect(budget).toContain(
      "Your lead professional placed you in the category “Example group 3: psychosis”: £12,000 a year",
    );
    expect(budget).toContain("NHS part: the NHS pays 80% of £12,000: £9,600 to the nearest £10");
    expect(budget).toContain(
      "the category “Example group 3: psychosis” gives £11,880, your points give £8,850, so the category's amount is used",
    );
    expect(budget).toContain("£11,880");
    await expectNoAxeViolations(person.page);

    // She asks for it to be looked at again, in her own words.
    await person.page.getByRole("link", { name: "Ask for this to be looked at again" }).click();
    await expectNoAxeViolations(person.page);
    await person.page
      .getByLabel("What would you like looked at again? (your lead professional will read this)")
      .fill("Most of the time now it is the low mood, not the voices.");
    await person.page.getByRole("button", { name: "Send to my lead professional" }).click();
    await person.page.waitForURL((url) => url.pathname === `/people/${cat.id}/budget`);
    expect(await main(person.page)).toContain("for this to be looked at again. Your lead professional has been told.");

    // Jo is told, and the request is on the placement page with Cat's words.
    const notices = await open(DEMO.jo);
    await notices.page.goto(new URL("/notifications", notices.page.url()).href);
    await notices.page.getByText("Cat Category has asked for their category to be looked at again.").first().waitFor();
    await notices.page.goto(new URL(`/people/${cat.id}/budget/category`, notices.page.url()).href);
    const placing = await main(notices.page);
    expect(placing).toContain("Asked to look at it again");
    expect(placing).toContain("Most of the time now it is the low mood, not the voices.");
    await expectNoAxeViolations(notices.page);
  }, 180_000);
});

describe("small grants", () => {
  it("a person below the threshold applies for a grant, the team grants it, and the person records spending against it", async () => {
    // Mood 1 × 3 = 3 points: below the threshold of 12, so no personal budget.
    const gus = await personWithBudget("Gus Grant", "gus.grant@example.org", { mood: "1" });

    // Gus, with JavaScript off, finds the small grant from his budget page and applies.
    const person = await open(gus.email, { javaScript: false });
    await person.page.goto(new URL(`/people/${gus.id}/budget`, person.page.url()).href);
    await person.page.getByRole("link", { name: "Small grants" }).click();
    await person.page.getByRole("link", { name: "Apply for a small grant" }).click();
    expect(await person.page.locator("h1").textContent()).toBe("Apply for a small grant");
    await person.page.getByLabel("What is it for?").fill("A pottery class at the community centre");
    await person.page.getByLabel("How will it help you?").fill("It gets me out of the house and meeting people.");
    await person.page.getByLabel("How much do you need? (up to £500)").fill("600");
    await person.page.getByRole("button", { name: "Send my application" }).click();
    // Over the cap: said by the field, everything typed kept.
    await person.page.getByText("A small grant can be up to £500").first().waitFor();
    expect(await person.page.getByLabel("What is it for?").inputValue()).toBe(
      "A pottery class at the community centre",
    );
    await person.page.getByLabel("How much do you need? (up to £500)").fill("120");
    await person.page.getByRole("button", { name: "Send my application" }).click();
    await person.page.waitForURL((url) => /\/grants\/[0-9a-f-]{36}$/.test(url.pathname));
    const grantPath = new URL(person.page.url()).pathname;
    expect(await main(person.page)).toContain("Waiting for the team's answer, by");

    // Nobody else's record reaches it: another person and a lead professional in the same team who is not Gus's.
    const tomasz = await signIn(DEMO.tomasz);
    expect((await tomasz.get(grantPath)).status).toBe(404);
    const chris = await signIn(DEMO.chris);
    expect((await chris.get(grantPath)).status).toBe(404);
    expect(
      (await chris.post(grantPath, { intent: "decide", decision: "grant", grantedAmount: "120", reason: "x" })).status,
    ).toBe(404);

    // Jo is told, and grants it with a reason.
    const jo = await open(DEMO.jo);
    await jo.page.goto(new URL("/notifications", jo.page.url()).href);
    await jo.page.getByText("Gus Grant has applied for a small grant.").first().waitFor();
    await jo.page.goto(new URL(grantPath, jo.page.url()).href);
    await expectNoAxeViolations(jo.page);
    await jo.page.getByLabel("Grant it", { exact: true }).check();
    await jo.page.getByLabel("Why (the person will read this)").fill("A good way to meet people nearby.");
    await jo.page.getByRole("button", { name: "Save the decision" }).click();
    await jo.page.getByText("Granted: £120").first().waitFor();
    // The person cannot decide, and the lead professional cannot spend Gus's money.
    expect(await jo.page.getByRole("button", { name: "Save this spending" }).count()).toBe(0);

    // Gus sees the answer and its reason, and records what he spends; the grant is a small budget.
    await person.page.goto(new URL(grantPath, person.page.url()).href);
    const granted = await main(person.page);
    expect(granted).toContain("Granted: £120");
    expect(granted).toContain("A good way to meet people nearby.");
    expect(await person.page.getByRole("button", { name: "Save the decision" }).count()).toBe(0);
    await person.page.getByLabel("Date").fill(today);
    await person.page.getByLabel("What it was for").fill("The first four classes");
    await person.page.getByLabel("Amount").fill("45.50");
    await person.page.getByRole("button", { name: "Save this spending" }).click();
    await person.page.getByText("The first four classes").first().waitFor();
    const spent = await main(person.page);
    expect(spent).toMatch(/Spent\s+£45\.50/);
    expect(spent).toMatch(/Left\s+£74\.50/);
    // More than is left is refused by the field, and nothing is recorded.
    await person.page.getByLabel("Date").fill(today);
    await person.page.getByLabel("What it was for").fill("Clay and glazes");
    await person.page.getByLabel("Amount").fill("80");
    await person.page.getByRole("button", { name: "Save this spending" }).click();
    await person.page.getByText("That is more than is left of the grant").first().waitFor();
    await person.page.goto(new URL(grantPath, person.page.url()).href);
    expect(await main(person.page)).toMatch(/Left\s+£74\.50/);

    // Every new page passes axe (checked in a window with scripts on).
    const axe = await open(gus.email);
    for (const path of [`/people/${gus.id}/grants`, `/people/${gus.id}/grants/apply`, grantPath]) {
      await axe.page.goto(new URL(path, axe.page.url()).href);
      await expectNoAxeViolations(axe.page);
    }
  }, 180_000);
});

describe("treatment vouchers", () => {
  it("a voucher for 12 sessions of CBT, a provider switch, two claims, 10 sessions left", async () => {
    const vic = await personWithBudget("Vic Voucher", "vic.voucher@example.org");

    // Jo, with JavaScript off, issues the voucher instead of money: 12 sessions, worth £840, held by the end of 2027.
    const jo = await open(DEMO.jo, { javaScript: false });
    await jo.page.goto(new URL(`/people/${vic.id}/vouchers`, jo.page.url()).href);
    await jo.page.getByLabel("Cognitive behavioural therapy (CBT)").check();
    await jo.page.getByLabel("Number of sessions").fill("12");
    await jo.page.getByLabel("Value of the voucher").fill("840");
    await jo.page.getByLabel("Sessions to be held by").fill("2027-12-31");
    await jo.page.getByRole("button", { name: "Issue the voucher" }).click();
    await jo.page.waitForURL((url) => /\/vouchers\/[0-9a-f-]{36}$/.test(url.pathname));
    const voucherPath = new URL(jo.page.url()).pathname;
    expect(await main(jo.page)).toContain("12 of 12");
    // No claim before Vic has chosen a provider.
    expect(await jo.page.getByRole("button", { name: "Record the claim" }).count()).toBe(0);

    // Vic chooses an accredited provider, then switches to another.
    const person = await open(vic.email, { javaScript: false });
    await person.page.goto(new URL(voucherPath, person.page.url()).href);
    await person.page.getByLabel("Example Wellbeing Therapies (fictional)").check();
    await person.page.getByRole("button", { name: "Save my choice" }).click();
    await person.page.getByText("Example Wellbeing Therapies (fictional), chosen on").waitFor();
    await person.page.getByLabel("Sample Street CBT Practice (fictional)").check();
    await person.page.getByRole("button", { name: "Save my choice" }).click();
    await person.page.getByText("Sample Street CBT Practice (fictional), chosen on").waitFor();
    const switched = await main(person.page);
    expect(switched).toContain("Example Wellbeing Therapies (fictional), chosen on");
    expect(switched).toMatch(/Provider\s+Sample Street CBT Practice \(fictional\)/);
    // Vic cannot record claims; a provider not accredited for CBT cannot be chosen.
    expect(await person.page.getByRole("button", { name: "Record the claim" }).count()).toBe(0);
    const vicHttp = await signIn(vic.email);
    const refused = await vicHttp.post(voucherPath, { intent: "choose", providerId: "example-dbt-collective" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Choose a provider accredited for this treatment");

    // Jo records the provider's two claims, one session each, at Sample Street's £70 a session.
    await jo.page.goto(new URL(voucherPath, jo.page.url()).href);
    for (const [date, left] of [
      [today, "11 of 12"],
      [today, "10 of 12"],
    ] as const) {
      await jo.page.getByLabel("Sessions", { exact: true }).fill("1");
      await jo.page.getByLabel("Date of the last session").fill(date);
      await jo.page.getByRole("button", { name: "Record the claim" }).click();
      await jo.page.getByText(left, { exact: true }).waitFor();
    }
    // More sessions than are left is refused by the field.
    await jo.page.getByLabel("Sessions", { exact: true }).fill("11");
    await jo.page.getByLabel("Date of the last session").fill(today);
    await jo.page.getByRole("button", { name: "Record the claim" }).click();
    await jo.page.getByText("That is more sessions than are left").first().waitFor();

    // Vic sees 10 sessions left, £700 of £840, and both claims.
    await person.page.goto(new URL(voucherPath, person.page.url()).href);
    const after = await main(person.page);
    expect(after).toMatch(/Sessions left\s+10 of 12/);
    expect(after).toMatch(/Value left\s+£700 of £840/);
    expect(after.match(/Sample Street CBT Practice \(fictional\)\s+1\s+£70/g)).toHaveLength(2);

    // Every new page passes axe.
    const axe = await open(vic.email);
    for (const path of [`/people/${vic.id}/vouchers`, voucherPath]) {
      await axe.page.goto(new URL(path, axe.page.url()).href);
      await expectNoAxeViolations(axe.page);
    }
    const joAxe = await open(DEMO.jo);
    for (const path of [`/people/${vic.id}/vouchers`, voucherPath]) {
      await joAxe.page.goto(new URL(path, joAxe.page.url()).href);
      await expectNoAxeViolations(joAxe.page);
    }
  }, 180_000);
});
