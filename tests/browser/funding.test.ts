import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NEED_AREA_KEYS } from "~/domain/rule-set";
import { chooseTeamAndLink, DEMO, DEMO_PASSWORD, recordLinks, signIn } from "../support/accounts";
import { expectNoAxeViolations, launchBrowser } from "../support/browser";
import { signInWindow } from "../support/browser-accounts";
import { Browserish } from "../support/http";

/**
 * Every form of funding in the seeds (issue 20): a category tariff placed by the lead professional
 * and explained on the person's budget page.
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
  const window = await signInWindow(browser, email, options);
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
async function personWithBudget(name: string, email: string) {
  const person = new Browserish();
  await person.post("/sign-up", { name, email, password: DEMO_PASSWORD });
  const id = (await recordLinks(person))[0]!;
  await chooseTeamAndLink(person, id, name, await signIn(DEMO.jo), "Jo Ahmed");
  for (const key of NEED_AREA_KEYS)
    await person.post(`/people/${id}/assessment/${key}`, { rating: ANSWERS[key] ?? "0" });
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
