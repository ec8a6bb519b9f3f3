import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccountInPage, windowAs } from "../support/browser-accounts";
import { NEED_AREA_KEYS } from "~/domain/choices";
import { DEMO_PASSWORD, recordLinks, signUp as signUpWithCode } from "../support/accounts";
import { expectNoAxeViolations, expectNoAxeViolationsIn, launchBrowser, newWindow } from "../support/browser";
import { baseUrl, Browserish } from "../support/http";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const url = (path: string) => new URL(path, baseUrl()).href;

async function signUp(page: Page, name: string, email: string): Promise<string> {
  await page.goto(url("/sign-up"));
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Create a password").fill(`${name} has a long pass phrase`);
  await createAccountInPage(page, email);
  const href = await page.getByRole("link", { name: "Open my record" }).getAttribute("href");
  return href!;
}

async function setLanguage(page: Page, lng: string, returnTo: string) {
  await page.goto(url(`/language?lng=${lng}&returnTo=${encodeURIComponent(returnTo)}`));
  await page.waitForURL((u) => u.pathname === returnTo);
}

// zod's and the framework's own words, and raw keys.
const DEVELOPER_TEXT =
  /invalid input|expected (string|number|object)|received (null|undefined)|too (small|big)|\b(errors|items|common|plan)\.[a-z]|undefined|\[object/i;

describe("what people notice, in a real browser", () => {
  it("no schema or framework text on a refused form, with and without JavaScript, in English, Urdu and Polish", async () => {
    for (const javaScript of [true, false]) {
      const { page, context, problems } = await newWindow(browser, { javaScript });
      const record = await signUp(page, "Nia Words", `nia.words.${javaScript ? "js" : "nojs"}@example.org`);
      for (const lng of ["en", "ur", "pl"]) {
        await setLanguage(page, lng, `${record}/plan/items`);
        // An exercise class, nothing else answered: the walk-through's case.
        await page.locator('input[name="menuEntryId"][value="exercise-classes"]').check();
        await page.locator('form button[type="submit"]').last().click();
        await page.waitForURL((u) => u.pathname.endsWith("/plan/items/new/exercise-classes"));
        await page.locator('form button[type="submit"]').last().click();
        await page.locator(".error-summary").waitFor();
        const text = await page.locator("main").innerText();
        expect(text, `${lng} ${javaScript ? "with" : "without"} JavaScript`).not.toMatch(DEVELOPER_TEXT);
      }
      // A refused form answers 400, which the browser logs; anything else would be a fault.
      expect(problems.filter((p) => !p.includes("status of 400"))).toEqual([]);
      await context.close();
    }
  });

  it("choosing 3 or 4 on keeping safe offers urgent help on that page; the crisis plan always offers it", async () => {
    const js = await newWindow(browser);
    const record = await signUp(js.page, "Kai Script", "kai.script@example.org");
    await js.page.goto(url(`${record}/assessment/keeping-safe`));
    const inset = js.page.getByTestId("urgent-help");
    expect(await inset.count()).toBe(0);
    await js.page.locator('input[name="rating"][value="3"]').check();
    await inset.waitFor();
    expect(await inset.innerText()).toMatch(/999[\s\S]*111[\s\S]*option 2[\s\S]*116 123[\s\S]*0800 000 0000/);
    await expectNoAxeViolations(js.page);
    await js.page.locator('input[name="rating"][value="1"]').check();
    expect(await inset.count()).toBe(0);
    await js.page.goto(url(`${record}/plan/crisis`));
    await inset.waitFor();
    expect(js.problems).toEqual([]);
    await js.context.close();
  });

  it("in Urdu, '07700 900123' typed into a box reads in that order, and money reads £300 not 300£", async () => {
    const { page, context } = await newWindow(browser, { javaScript: false });
    const record = await signUp(page, "Ali Order", "ali.order@example.org");
    await setLanguage(page, "ur", `${record}/plan/crisis`);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    const box = page.locator('input[name="contacts.0.howToReach"]');
    await box.fill("07700 900123");
    // The box takes its direction from what is in it: left to right for a phone number.
    expect(await box.evaluate((el) => el.matches(":dir(ltr)"))).toBe(true);
    expect(await box.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe("isolate");
    // The urgent-help numbers on the same page: "116 123" in order, its first digit to the left of its last.
    const positions = await page.evaluate(() => {
      const link = [...document.querySelectorAll("a.phone")].find((a) => a.textContent === "116 123")!;
      const text = link.querySelector("bdi")!.firstChild!;
      const box = (i: number) => {
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        return range.getBoundingClientRect().left;
      };
      return { first: box(0), last: box(6) };
    });
    expect(positions.first).toBeLessThan(positions.last);
    // An English value in a right-to-left list sits beside its label (at the cell's right), not across the row.
    await page.goto(url(`${record}/my-data`));
    const edges = await page.evaluate(() => {
      const value = [...document.querySelectorAll("dd bdi")].find((b) => b.textContent === "Ali Order")!;
      return { value: value.getBoundingClientRect().right, cell: value.parentElement!.getBoundingClientRect().right };
    });
    expect(Math.abs(edges.cell - edges.value)).toBeLessThan(2);
    await context.close();
  });

  it("the caseload shows each person's stage, plan state, days waiting and review date, sortable", async () => {
    const { page, context, problems } = await windowAs(browser, "jo.ahmed@example.org");
    const table = page.locator("table.caseload");
    await table.waitFor();
    const headers = await table.locator("thead th").allInnerTexts();
    expect(headers).toEqual(["Name", "Stage", "Plan", "Waiting", "Review date", "What needs you"]);
    const asha = table.locator("tbody tr", { hasText: "Asha Patel" });
    expect(await asha.locator("td").first().innerText()).toMatch(/^\d\. /);
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Stage" }).click();
    await page.waitForURL(/sort=stage/);
    expect(await page.locator('th[aria-sort="ascending"]').innerText()).toBe("Stage");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("the person's home says where they are and what comes next, with the next step as the main button", async () => {
    const { page, context } = await newWindow(browser, { javaScript: false });
    await signUp(page, "Bo Home", "bo.home@example.org");
    expect(await page.locator("h1").innerText()).toBe("Your plan: where you are");
    expect(await page.getByText("Step 1 of 7").count()).toBe(1);
    await page.getByRole("link", { name: "Answer the questions" }).click();
    await page.waitForURL(/\/assessment$/);
    await context.close();
  });

  it("no page scrolls sideways at 320 px, and the menu folds", async () => {
    const { page, context } = await windowAs(browser, "asha@example.org", { javaScript: false });
    await page.setViewportSize({ width: 320, height: 640 });
    const record = await page.locator('a[href^="/people/"]').first().getAttribute("href");
    const paths = [
      "/",
      "/help",
      "/menu",
      "/guides",
      "/home",
      "/notifications",
      "/account/sessions",
      record!,
      `${record}/journey`,
      `${record}/audit`,
      `${record}/my-data`,
      `${record}/budget`,
      `${record}/assessment/check`,
      `${record}/plan`,
      `${record}/plan/items`,
      `${record}/plan/crisis`,
      `${record}/plan/decisions`,
      `${record}/plan/history`,
      `${record}/plan/print`,
      `${record}/plan/reflecting`,
    ];
    for (const lng of ["en", "ur"]) {
      await setLanguage(page, lng, "/home");
      for (const path of paths) {
        await page.goto(url(path));
        const [scroll, viewport] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
        expect(scroll, `${lng} ${path}`).toBe(viewport);
      }
    }
    // The header and folded menu take less than a third of the screen's height.
    await setLanguage(page, "en", "/home");
    const navBottom = await page.locator(".site-nav").evaluate((el) => el.getBoundingClientRect().bottom);
    expect(navBottom).toBeLessThan(640 / 3);
    await page.getByText("Menu", { exact: true }).click();
    await page.getByRole("link", { name: "Notifications" }).waitFor();
    await context.close();
  }, 180_000);
});

describe("support and treatment, one thing at a time", () => {
  it("without JavaScript asks for a provider only for a treatment; shows the budget; a saved item can be changed and the history keeps it", async () => {
    // A person with a budget and one thing they want to achieve, set up through the real pages.
    const email = "ivo.items@example.org";
    const http = new Browserish();
    expect((await signUpWithCode(http, { name: "Ivo Items", email, password: DEMO_PASSWORD })).status).toBe(302);
    const personId = (await recordLinks(http))[0]!;
    for (const key of NEED_AREA_KEYS)
      await http.post(`/people/${personId}/assessment/${key}`, { rating: key === "mood" ? "3" : "1" });
    await http.post(`/people/${personId}/assessment/informal`, { informal: "a-little" });
    expect((await http.post(`/people/${personId}/assessment/check`, { intent: "calculate" })).status).toBe(302);
    await http.post(`/people/${personId}/plan/outcomes`, {
      intent: "add",
      words: "Sleep better",
      lifeAreaId: "feeling-well",
      now: "3",
      hope: "7",
    });

    const window = await windowAs(browser, email, { javaScript: false });
    const { page } = window;
    const items = url(`/people/${personId}/plan/items`);
    await page.goto(items);
    expect(await page.locator("main").innerText()).toMatch(/Planned £0 of £[\d,]+ a year/);

    // Something citizen-led: no list of accredited providers, a cost of its own.
    await page.locator('input[name="menuEntryId"][value="gym-membership"]').check();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Add: Gym membership" }).waitFor();
    expect(await page.locator('input[name="providerId"]').count()).toBe(0);
    expect(await page.getByLabel("Cost each time, in pounds").count()).toBe(1);
    expect(await page.getByLabel("Describe what you would like").count()).toBe(0);
    await expectNoAxeViolationsIn(browser, window);

    // A controlled treatment: the accredited providers (whose price is used), no cost to type.
    await page.goto(items);
    await page.locator('input[name="menuEntryId"][value="cognitive-behavioural-therapy"]').check();
    await page.getByRole("button", { name: "Continue" }).click();
    expect(await page.locator('input[name="providerId"]').count()).toBeGreaterThan(0);
    expect(await page.getByLabel("Cost each time, in pounds").count()).toBe(0);
    await page.getByLabel("What it is, in your words").fill("Talking therapy");
    await page.locator('input[name="providerId"]').first().check();
    await page.getByLabel("How often").fill("Every week");
    await page.getByLabel("How many times a year").fill("12");
    await page.getByRole("button", { name: "Add this" }).click();
    await page.getByRole("status").waitFor();
    expect(await page.locator("main").innerText()).toMatch(/Planned £[1-9][\d,]* of £[\d,]+ a year/);

    // Changed: the same questions, answered as saved; the history keeps what it said before.
    await page.getByRole("link", { name: /^Change\s*:\s*Talking therapy$/ }).click();
    expect(await page.getByLabel("How often").inputValue()).toBe("Every week");
    await expectNoAxeViolationsIn(browser, window);
    await page.getByLabel("How often").fill("Every fortnight");
    await page.getByRole("button", { name: "Save the change" }).click();
    await page.getByText("Your change is saved").waitFor();
    expect(await page.locator("main").innerText()).toContain("Every fortnight");
    await page.goto(url(`/people/${personId}/plan/history`));
    const history = await page.locator("main").innerText();
    expect(history).toMatch(/Talking therapy/);
    expect(history).toMatch(/How often/i);

    // The plan's task list: one status per part, beside its name.
    await page.goto(url(`/people/${personId}/plan`));
    const row = (part: string) => page.locator(`li#${part} .tag`);
    expect(await row("items").innerText()).toMatch(/^(Done|Started)$/);
    expect(await row("risks").innerText()).toBe("Not started");
    expect(await row("outcomes").innerText()).toBe("Done");

    // Check and send shows the whole plan, each part with a Change link, before the consent.
    await page.goto(url(`/people/${personId}/plan/submit`));
    const send = await page.locator("main").innerText();
    expect(send).toContain("Talking therapy");
    expect(send).toContain("Sleep better");
    await page.getByRole("link", { name: /^Change\s*:\s*Support and treatment$/ }).click();
    await page.getByRole("heading", { name: "Support and treatment" }).waitFor();
    await window.context.close();
  });
});
