import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, DEMO_PASSWORD } from "../support/accounts";
import { expectNoAxeViolations, launchBrowser, newWindow } from "../support/browser";
import { createAccountInPage, windowAs } from "../support/browser-accounts";
import { baseUrl } from "../support/http";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function go(page: Page, path: string) {
  await page.goto(new URL(path, baseUrl()).href);
}

async function firstItemId(page: Page, record: string): Promise<string> {
  await go(page, `${record}/plan/organising`);
  const href = (await page.locator('a[href*="?item="]').first().getAttribute("href")) ?? "";
  return /item=([0-9a-f-]+)/.exec(href)?.[1] ?? "";
}

describe("the seven-stage cycle in a real browser", () => {
  it("with JavaScript off, a new person walks stages 1 to 3 to a plan that passes the plan check; every page passes axe", async () => {
    const { page, context } = await newWindow(browser, { javaScript: false });
    page.setDefaultTimeout(15_000);
    await page.goto(new URL("/sign-up", baseUrl()).href);
    await page.getByLabel("Your name").fill("Jamie Walker");
    await page.getByLabel("Email address").fill("jamie.walker@example.org");
    await page.getByLabel("Create a password").fill(DEMO_PASSWORD);
    await createAccountInPage(page, "jamie.walker@example.org");
    await page.getByRole("link", { name: "Open my record" }).click();
    const record = new URL(page.url()).pathname;

    await page.getByRole("link", { name: "My journey: where I am and what comes next" }).click();
    expect(await page.locator("h1").textContent()).toBe("My journey");
    expect(await page.locator("main").innerText()).toContain("Cycle 1");

    // Stage 1: the questions, then the budget.
    await page.getByRole("link", { name: "Identifying what I need" }).click();
    await page.getByRole("link", { name: "Start" }).click();
    for (let i = 0; i < 12; i++) {
      const title = await page.locator("h1").textContent();
      const choice = title === "Mood and emotional wellbeing" ? 3 : title?.startsWith("Relationships") ? 2 : 1;
      await page.locator(`input[name="rating"][value="${choice}"]`).check();
      await page.getByRole("button", { name: "Save and continue" }).click();
    }
    await page.getByLabel("A lot").check();
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.getByRole("button", { name: "Work out my budget" }).click();
    expect(await page.locator("h1").textContent()).toBe("Your indicative budget");

    // Stage 2: what I already have.
    await go(page, `${record}/journey`);
    expect(await page.locator("main").innerText()).toMatch(/Identifying what I need[\s\S]*Done/);
    await page.getByRole("link", { name: "Looking at what I already have" }).click();
    await page.getByLabel("What it is", { exact: true }).fill("I am good at drawing");
    await page.getByRole("radio", { name: "My strengths" }).check();
    await page.getByLabel("Who helps (if anyone)").fill("My art teacher");
    await page.getByRole("button", { name: "Add this" }).click();
    await page.getByText("I am good at drawing").first().waitFor();

    // Stage 3: the plan, section by section.
    await go(page, `${record}/journey`);
    await page.getByRole("link", { name: "Making my plan" }).click();
    expect(await page.locator("h1").textContent()).toBe("My plan");
    await page.getByRole("link", { name: "What I want to achieve", exact: true }).click();
    await page.getByLabel("In my own words").fill("Get out of the house more");
    await page.getByRole("radio", { name: "Things I do with my days" }).check();
    await page.getByLabel("Where I am now (1 to 10)").fill("3");
    await page.getByLabel("Where I hope to be (1 to 10)").fill("7");
    await page.getByRole("button", { name: "Add this" }).click();

    await go(page, `${record}/plan/items`);
    await page.locator('input[name="menuEntryId"][value="gym-membership"]').check();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("What it is, in your words").fill("Gym");
    await page.getByLabel("Who provides it").fill("The local gym");
    await page.getByLabel("How often").fill("Every month");
    await page.getByLabel("Cost each time, in pounds").fill("25");
    await page.getByLabel("How many times a year").fill("12");
    await page.getByRole("checkbox", { name: "Get out of the house more" }).check();
    await page.getByRole("button", { name: "Add this" }).click();
    await page.getByText("£300 a year").first().waitFor();

    await go(page, `${record}/plan/free-support`);
    await page.getByLabel("Who helps").fill("My neighbour");
    await page.getByLabel("What they help with").fill("Walks to the shop together");
    await page.getByRole("button", { name: "Add this" }).click();
    await page.getByText("Walks to the shop together").first().waitFor();

    await go(page, `${record}/plan/risks`);
    await page.getByLabel("What could go wrong").fill("Stopping going out when low");
    await page.getByLabel("How it would be handled").fill("My neighbour knocks on Tuesdays");
    await page.getByRole("button", { name: "Add this" }).click();
    await page.getByText("Stopping going out when low").first().waitFor();

    await go(page, `${record}/plan/crisis`);
    await page.getByLabel("Early signs that things are getting hard").fill("Not sleeping, not eating");
    await page.getByLabel("What helps", { exact: true }).fill("Quiet, music, a call from my sister");
    await page.getByLabel("Contact 1: name").fill("My sister");
    await page.getByLabel("Contact 1: how to reach them").fill("07700 900789");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Saved.").first().waitFor();
    expect(await page.getByLabel("Contact 1: name").inputValue()).toBe("My sister");

    await go(page, `${record}/plan/decisions`);
    // Only the chosen way's questions: none of the six ways' details before one is chosen.
    expect(await page.getByLabel("Trustees").count()).toBe(0);
    expect(await page.getByLabel("Who holds the money for you").count()).toBe(0);
    await page.getByLabel("Who decides what").fill("I decide; my sister helps me check the spending.");
    // An indirect payment needs the person who holds the money: refused, with what was typed kept.
    await page.locator('input[name="management"][value="indirect-payment"]').check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("There is a problem").first().waitFor();
    expect(await page.getByLabel("Who holds the money for you").count()).toBe(1);
    expect(await page.getByLabel("Trustees").count()).toBe(0);
    expect(await page.getByLabel("Who decides what").inputValue()).toBe(
      "I decide; my sister helps me check the spending.",
    );
    await page.locator('input[name="management"][value="direct-payment"]').check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Saved.").first().waitFor();

    await go(page, `${record}/plan`);
    const check = page.locator("section[aria-labelledby=plan-check]");
    expect(await check.locator(".tag--done").count()).toBe(6);
    expect(await check.locator(".tag--warn").count()).toBe(0);

    // Every other new page, as this person sees it.
    for (const path of [
      "journey",
      "plan/history",
      "plan/print",
      "plan/organising",
      "plan/using",
      "plan/reflecting",
      "plan/cycles/1",
      "plan/outcomes",
      "plan/items",
    ]) {
      await go(page, `${record}/${path}`);
    }
    await go(page, `${record}/plan/history`);
    expect(await page.locator("main").innerText()).toContain("by Jamie Walker");
    await go(page, `${record}/plan/print`);
    const printed = await page.locator("main").innerText();
    expect(printed).toContain("Get out of the house more");
    expect(printed).toContain("My sister: 07700 900789");
    expect(printed).toContain("Direct payment");
    await context.close();

    // axe runs in the page, so it needs JavaScript: the same person, every new page.
    const withJs = await windowAs(browser, "jamie.walker@example.org");
    for (const path of [
      "journey",
      "plan",
      "plan/resources",
      "plan/free-support",
      "plan/risks",
      "plan/crisis",
      "plan/decisions",
      "plan/history",
      "plan/print",
      "plan/organising",
      `plan/organising?item=${await firstItemId(withJs.page, record)}`,
      "plan/using",
      "plan/reflecting",
      "plan/cycles/1",
    ]) {
      await go(withJs.page, `${record}/${path}`);
      await expectNoAxeViolations(withJs.page);
    }
    expect(withJs.problems).toEqual([]);
    await withJs.context.close();
  }, 180_000);

  it("with JavaScript on, the crisis plan saves itself as the person types", async () => {
    const { page, context, problems } = await windowAs(browser, DEMO.tomasz);
    page.setDefaultTimeout(15_000);
    await page.getByRole("link", { name: "Open my record" }).click();
    const record = new URL(page.url()).pathname;
    await go(page, `${record}/plan/crisis`);
    await page.getByLabel("What I do not want").fill("I do not want to be moved far from home");
    await page.getByTestId("save-status").getByText("Saved", { exact: true }).waitFor({ timeout: 10_000 });
    await expectNoAxeViolations(page);
    // A second edit saves too (the page keeps the version it saved last).
    const secondSave = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith(`${record}/plan/crisis`),
    );
    await page.getByLabel("Where I would prefer to be").fill("At home, or at my brother's");
    await secondSave;
    await page.getByTestId("save-status").getByText("Saved", { exact: true }).waitFor({ timeout: 10_000 });
    await page.reload();
    expect(await page.getByLabel("What I do not want").inputValue()).toBe("I do not want to be moved far from home");
    expect(await page.getByLabel("Where I would prefer to be").inputValue()).toBe("At home, or at my brother's");

    // The decisions page autosaves too, and the plan's history names each save.
    await go(page, `${record}/plan/decisions`);
    await page.getByLabel("Who decides what").fill("I decide, with Sam's help");
    await page.getByTestId("save-status").getByText("Saved", { exact: true }).waitFor({ timeout: 10_000 });
    await go(page, `${record}/plan/history`);
    const history = await page.locator("main").innerText();
    expect(history).toContain("I decide, with Sam's help");
    expect(history).not.toContain("Kept, not applied");
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it("with JavaScript on, words typed before the page's script has started are saved too", async () => {
    const { page, context, problems } = await windowAs(browser, DEMO.tomasz);
    page.setDefaultTimeout(15_000);
    await page.getByRole("link", { name: "Open my record" }).click();
    const record = new URL(page.url()).pathname;
    // The page's script is held back until the person has typed (a slow phone, a quick typist).
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/entry\.client-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(new URL(`${record}/plan/crisis`, page.url()).href, { waitUntil: "commit" });
    await page.getByLabel("What I do not want").fill("Typed before the page was ready");
    release();
    await page.getByTestId("save-status").getByText("Saved", { exact: true }).waitFor({ timeout: 10_000 });
    await page.unroute(/\/assets\/entry\.client-[^/]+\.js$/);
    await page.reload();
    expect(await page.getByLabel("What I do not want").inputValue()).toBe("Typed before the page was ready");
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
