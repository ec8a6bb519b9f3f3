import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NEED_AREA_KEYS } from "~/domain/choices";
import { DEMO, recordLinks, signUp } from "../support/accounts";
import { expectNoAxeViolations, expectNoAxeViolationsIn, launchBrowser } from "../support/browser";
import { windowAs } from "../support/browser-accounts";
import { Browserish } from "../support/http";

/**
 * The commissioner's mission, with JavaScript off: copy the example rule set, change the price per
 * point, try it against a file of cases, ask a second commissioner, who publishes it from today. A
 * budget worked out afterwards uses it and names it; one worked out before keeps its figures.
 * Each page is also checked with axe in a script-enabled window for the same commissioner.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const go = (page: Page, path: string) => page.goto(new URL(path, page.url()).href);
const main = (page: Page) => page.locator("main").innerText();

const axeCheck = (window: { context: BrowserContext; page: Page }, path?: string) =>
  expectNoAxeViolationsIn(browser, window, path);

const ANSWERS: Record<string, string> = {
  mood: "3",
  experiences: "2",
  "keeping-safe": "2",
  physical: "1",
  "daily-living": "2",
  relationships: "3",
};

async function personWithBudget(name: string, email: string) {
  const person = new Browserish();
  await signUp(person, { name, email, password: `${name} has a long pass phrase` });
  const id = (await recordLinks(person))[0]!;
  for (const key of NEED_AREA_KEYS)
    await person.post(`/people/${id}/assessment/${key}`, { rating: ANSWERS[key] ?? "0" });
  await person.post(`/people/${id}/assessment/informal`, { informal: "a-little" });
  const calculated = await person.post(`/people/${id}/assessment/check`, { intent: "calculate" });
  expect(calculated.status).toBe(302);
  return { person, id };
}

const CASES = [
  ["case", ...NEED_AREA_KEYS, "informal"].join(","),
  ["Q1", ...NEED_AREA_KEYS.map((k) => ANSWERS[k] ?? "0"), "a-little"].join(","),
  ["Q2", ...NEED_AREA_KEYS.map(() => "1"), "none"].join(","),
  ["Q3", ...NEED_AREA_KEYS.map(() => "0"), "most"].join(","),
  ["Q4", ...NEED_AREA_KEYS.map(() => "4"), "a-lot"].join(","),
  "Q5,1,2,3",
].join("\n");

const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
let morganWindow: { context: BrowserContext; page: Page } | undefined;

afterAll(async () => {
  // Other browser tests expect the example's figures: retire what this test published.
  const page = morganWindow?.page;
  if (!page) return;
  await go(page, "/scheme/rule-sets/browser-price-330");
  if ((await main(page)).includes("Retire this rule set")) {
    await page.getByRole("button", { name: "Retire" }).click();
    await page.waitForLoadState();
  }
});

describe("the commissioner runs the scheme's rules, with JavaScript off", () => {
  it("copies, changes, tries, asks, and a second commissioner publishes; budgets follow the date", async () => {
    const before = await personWithBudget("Bea Before", "bea.before@example.org");
    const beforePage = await (await before.person.get(`/people/${before.id}/budget`)).text();
    expect(beforePage).toContain("£8,850");

    const morgan = await windowAs(browser, DEMO.morgan, { javaScript: false });
    morganWindow = morgan;
    const m = morgan.page;
    m.setDefaultTimeout(15_000);
    await m.getByRole("link", { name: "Rule sets: make, try and publish" }).click();
    expect(new URL(m.url()).pathname).toBe("/scheme");
    await axeCheck(morgan);

    // Copy the example into a draft.
    await m.getByLabel(/^Example rule set 2026 \(price per point\)/).check();
    await m.getByLabel("Name for the new draft").fill("browser-price-330");
    await m.getByRole("button", { name: "Copy into a new draft" }).click();
    expect(new URL(m.url()).pathname).toBe("/scheme/rule-sets/browser-price-330/edit");
    await axeCheck(morgan);

    // An invalid value is refused by its field, with what was typed kept.
    await m.getByLabel("NHS share %: Mood and emotional wellbeing").fill("120");
    await m.getByLabel("Price per point (whole pounds a year)").fill("330");
    await m.getByRole("button", { name: "Save the draft" }).click();
    const refused = await main(m);
    expect(refused).toContain("There is a problem");
    expect(refused).toContain("NHS share %: Mood and emotional wellbeing: must be at most 100");
    expect(await m.getByLabel("Price per point (whole pounds a year)").inputValue()).toBe("330");
    await m.getByLabel("NHS share %: Mood and emotional wellbeing").fill("80");
    await m.getByRole("button", { name: "Save the draft" }).click();
    expect(await main(m)).toContain("The draft is saved.");

    // Try it against a file of cases.
    await go(m, "/scheme/rule-sets/browser-price-330");
    expect(await main(m)).toContain("£330 a year for each point, from 12 points.");
    await axeCheck(morgan);
    await m.getByRole("link", { name: "Try it against cases" }).click();
    await axeCheck(morgan);
    await m.setInputFiles("#f-casesFile", { name: "cases.csv", mimeType: "text/csv", buffer: Buffer.from(CASES) });
    await m.getByRole("button", { name: "Work out every case" }).click();
    await m.getByRole("heading", { name: "Results for cases.csv" }).waitFor();
    const results = await main(m);
    expect(results).toContain("Cases worked out: 4");
    // Q4 is at the usual maximum under both; Q3 has no budget under either.
    // Q1 under £330: £9,730 against £8,850 in force; the change is shown.
    const q1 = await m.locator('[data-testid="trial-cases"] tr', { hasText: "Q1" }).innerText();
    expect(q1).toContain("£9,730");
    expect(q1).toContain("£8,850");
    expect(q1).toContain("+£880");
    expect(results).toMatch(/Compared with the rule set in force: 2 go up, 0 go down, 2 stay the same\./);
    expect(results).toContain("How budgets are spread");
    expect(results).toMatch(/Line 6: has 4 columns; the header has 14/);
    expect(await m.locator('[data-testid="trial-summary"]').innerText()).toContain("People with a budget");

    // The results page passes axe too (uploaded again in a script-enabled window, which also shows progress).
    const checkWindow = await browser.newContext({
      storageState: await morgan.context.storageState(),
      locale: "en-GB",
    });
    const checkPage = await checkWindow.newPage();
    await checkPage.goto(m.url());
    await checkPage.setInputFiles("#f-casesFile", {
      name: "cases.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(CASES),
    });
    await checkPage.getByRole("button", { name: "Work out every case" }).click();
    await checkPage.getByRole("heading", { name: "Results for cases.csv" }).waitFor();
    await expectNoAxeViolations(checkPage);
    await checkWindow.close();

    // Ask a second commissioner to approve it from today.
    await go(m, "/scheme/rule-sets/browser-price-330");
    await m.getByLabel("In force from").fill(today);
    await m.getByLabel("Why this change").fill("Costs of support rose by a tenth");
    await m.getByRole("button", { name: "Ask for approval" }).click();
    expect(await main(m)).toContain("waiting for approval");
    expect(await m.getByRole("button", { name: "Approve and publish" }).count()).toBe(0);

    const dana = await windowAs(browser, DEMO.dana, { javaScript: false });
    const d = dana.page;
    d.setDefaultTimeout(15_000);
    await go(d, "/scheme");
    expect(await main(d)).toContain("waiting for your approval");
    await d
      .getByRole("link", { name: /^Example rule set 2026 \(price per point\)/ })
      .last()
      .click();
    expect(new URL(d.url()).pathname).toBe("/scheme/rule-sets/browser-price-330");
    await axeCheck(dana);
    await d.getByLabel("Why you approve it").fill("Tried against last year's cases");
    await d.getByRole("button", { name: "Approve and publish" }).click();
    const published = await main(d);
    expect(published).toContain("Published");
    expect(published).toContain("Costs of support rose by a tenth");
    expect(published).toContain("Tried against last year's cases");
    await dana.context.close();

    // A budget worked out now uses the new rule set and says so; the earlier one keeps its figures.
    const after = await personWithBudget("Al After", "al.after@example.org");
    const afterHtml = await (await after.person.get(`/people/${after.id}/budget`)).text();
    expect(afterHtml).toContain("£9,730");
    expect(afterHtml).toContain("(browser-price-330), in force from");
    const stillBefore = await (await before.person.get(`/people/${before.id}/budget`)).text();
    expect(stillBefore).toContain("£8,850");
    expect(stillBefore).toContain("(example-2026-1)");
  }, 240_000);
});

describe("fitting a rule set to current costs, with JavaScript off", () => {
  // Two cases with no informal support, so each case's weighted points are its points: all ones give
  // 3+3+3+2+2+2+2+2+1+1+1+1 = 23 points, all twos 46. Their costs are £250 a point (£5,750 and £11,500),
  // so least squares finds £250; within a total of £13,800 for 69 points, the price is £200.
  const COSTED = [
    ["case", ...NEED_AREA_KEYS, "informal", "current_cost"].join(","),
    ["R1", ...NEED_AREA_KEYS.map(() => "1"), "none", "5750"].join(","),
    ["R2", ...NEED_AREA_KEYS.map(() => "2"), "none", "£11500.00"].join(","),
  ].join("\n");

  it("uploads cases with costs and a total, and reads the gap and the suggested price in plain words", async () => {
    const morgan = await windowAs(browser, DEMO.morgan, { javaScript: false });
    const m = morgan.page;
    await go(m, "/scheme/rule-sets/example-2026-1/try");
    await m.setInputFiles("#f-casesFile", { name: "costs.csv", mimeType: "text/csv", buffer: Buffer.from(COSTED) });
    await m.getByLabel("Total to stay within (pounds a year for the whole file, optional)").fill("£13,800");
    await m.getByRole("button", { name: "Work out every case" }).click();
    await m.getByRole("heading", { name: "Fitting to current costs" }).waitFor();
    const fit = await m.getByRole("region", { name: "Fitting to current costs" }).innerText();
    // Under £300 a point: 23 × £300 = £6,900 and 46 × £300 = £13,800 against £5,750 and £11,500.
    expect(fit).toContain("£20,700");
    expect(fit).toContain("£17,250");
    expect(fit).toContain("+£3,450");
    expect(fit).toContain("Least squares over 2 eligible cases with a cost: £250 a point, £250 in whole pounds.");
    expect(fit).toContain(
      "At £250 a point the file's budgets would come to about £17,250, more than the total you set (£13,800)",
    );
    expect(fit).toContain("Suggested price per point: £200 (this rule set has £300).");
    const r1 = await m.locator('[data-testid="trial-cases"] tr', { hasText: "R1" }).innerText();
    expect(r1).toContain("£5,750");
    expect(r1).toContain("+£1,150");
    // What was typed stays in the box.
    expect(await m.getByLabel("Total to stay within (pounds a year for the whole file, optional)").inputValue()).toBe(
      "£13,800",
    );
    await morgan.context.close();

    // The same results pass axe (in a script-enabled window).
    const check = await windowAs(browser, DEMO.morgan);
    await go(check.page, "/scheme/rule-sets/example-2026-1/try");
    await check.page.setInputFiles("#f-casesFile", {
      name: "costs.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(COSTED),
    });
    await check.page.getByRole("button", { name: "Work out every case" }).click();
    await check.page.getByRole("heading", { name: "Fitting to current costs" }).waitFor();
    await expectNoAxeViolations(check.page);
    await check.context.close();
  }, 120_000);
});
