import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NEED_AREA_KEYS } from "~/domain/choices";
import { chooseTeamAndLink, DEMO, recordLinks, signIn, signUp } from "../support/accounts";
import { expectNoAxeViolations, expectNoAxeViolationsIn, launchBrowser, newWindow } from "../support/browser";
import { Browserish, baseUrl } from "../support/http";

/**
 * The plan's life with JavaScript off: a sent plan's pages are read-only and say so, with no form;
 * the person takes it back, changes it and sends it again. A save that arrives after sending shows
 * the calm page with what was typed. Every page passes axe.
 */
let browser: Browser;
let personId: string;
const EMAIL = "wren.window@example.org";
const PASSWORD = "wren opens every window slowly";
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

beforeAll(async () => {
  browser = await launchBrowser();
  const http = new Browserish();
  expect((await signUp(http, { name: "Wren Window", email: EMAIL, password: PASSWORD })).status).toBe(302);
  personId = (await recordLinks(http))[0]!;
  const jo = await signIn(DEMO.jo);
  await chooseTeamAndLink(http, personId, "Wren Window", jo, "Jo Ahmed");
  for (const key of NEED_AREA_KEYS)
    expect((await http.post(`/people/${personId}/assessment/${key}`, { rating: "2" })).status).toBe(302);
  await http.post(`/people/${personId}/assessment/informal`, { informal: "a-little" });
  expect((await http.post(`/people/${personId}/assessment/check`, { intent: "calculate" })).status).toBe(302);
  expect(
    (
      await http.post(`/people/${personId}/plan/outcomes`, {
        intent: "add",
        words: "Paint again on Sunday mornings",
        lifeAreaId: "feeling-well",
        now: "3",
        hope: "8",
      })
    ).status,
  ).toBe(302);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

async function signInAs(javaScript: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const window = await newWindow(browser, { javaScript });
  const { page } = window;
  page.setDefaultTimeout(10_000);
  await page.goto(new URL("/sign-in", baseUrl()).href);
  await page.getByLabel("Email address").fill(EMAIL);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/home");
  return window;
}

const go = (page: Page, path: string) => page.goto(new URL(path, baseUrl()).href);
const main = (page: Page) => page.locator("main").innerText();

/** axe runs as a script: the same page is opened for the same person in a window with scripts on. */
const axeCheck = (window: { context: BrowserContext; page: Page }) => expectNoAxeViolationsIn(browser, window);

describe("the plan's life with JavaScript off", () => {
  it("send a plan; every plan page is read-only with the message and no form; withdraw it; change it; send it again", async () => {
    const person = await signInAs(false);
    const p = person.page;
    const base = `/people/${personId}/plan`;
    // A page left open before sending: its form will arrive too late.
    const stale = await signInAs(true);
    await go(stale.page, `${base}/outcomes`);

    await go(p, `${base}/submit`);
    await p.getByLabel("Some parts are not done yet", { exact: false }).fill("The crisis part comes at the meeting.");
    await p.getByLabel("I agree to send this plan to my lead professional", { exact: false }).check();
    await p.getByRole("button", { name: "Send the plan" }).click();
    expect(await p.locator("h1").textContent()).toBe("Your plan has been sent");

    for (const page of PLAN_PAGES) {
      await go(p, `${base}${page}`);
      expect(await main(p), page).toContain("Your plan has been sent, so it cannot be changed now.");
      expect(await p.locator("main form").count(), page).toBe(0);
    }
    await go(p, `${base}/crisis`);
    await axeCheck(person);

    // The page opened before sending: what was typed comes back, calmly, ready to copy.
    await stale.page.getByLabel("In my own words").fill("Phone my sister every Friday");
    await stale.page.getByLabel("Feeling well in myself").check();
    await stale.page.getByLabel("Where I am now (1 to 10)").fill("4");
    await stale.page.getByLabel("Where I hope to be (1 to 10)").fill("7");
    await stale.page.getByRole("button", { name: "Add this" }).click();
    await stale.page.getByText("This change was not saved, and nothing you typed is lost").waitFor();
    expect(await main(stale.page)).toContain("Phone my sister every Friday");
    expect(await stale.page.locator("nav").count()).toBeGreaterThan(0);
    await expectNoAxeViolations(stale.page);
    await stale.context.close();

    // Take it back, change it, send it again.
    await go(p, `${base}/outcomes`);
    await p.getByRole("link", { name: "Take the plan back to change it" }).click();
    await axeCheck(person);
    await p.getByRole("button", { name: "Take the plan back" }).click();
    expect(await main(p)).toContain("You have taken the plan back.");
    await axeCheck(person);
    await go(p, `${base}/outcomes`);
    expect(await main(p)).not.toContain("cannot be changed now");
    await p.getByLabel("In my own words").fill("Phone my sister every Friday");
    await p.getByLabel("Feeling well in myself").check();
    await p.getByLabel("Where I am now (1 to 10)").fill("4");
    await p.getByLabel("Where I hope to be (1 to 10)").fill("7");
    await p.getByRole("button", { name: "Add this" }).click();
    await p.getByRole("status").waitFor();
    expect(await main(p)).toContain("Phone my sister every Friday");
    await go(p, `${base}/submit`);
    await p.getByLabel("Some parts are not done yet", { exact: false }).fill("The crisis part comes at the meeting.");
    await p.getByLabel("I agree to send this plan to my lead professional", { exact: false }).check();
    await p.getByRole("button", { name: "Send the plan" }).click();
    expect(await p.locator("h1").textContent()).toBe("Your plan has been sent");
    expect(await main(p)).toContain("2");
    await person.context.close();
  }, 180_000);
});
