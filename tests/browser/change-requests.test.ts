import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../support/accounts";
import { expectNoAxeViolationsIn, launchBrowser } from "../support/browser";
import { windowAs } from "../support/browser-accounts";
import { GYM, PA, signedOffPerson } from "../support/signed-off-plan";

/**
 * A change after sign-off beyond the allowed share waits for the lead professional, who sees what
 * would change and agrees it or not, with reasons, on their own screen, with JavaScript off. The
 * person reads the decision beside the change. Every page passes axe.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** axe runs as a script: the same page, for the same signed-in person, is checked in a window with scripts on. */
const axeCheck = (window: { context: BrowserContext; page: Page }) => expectNoAxeViolationsIn(browser, window);

describe("a change request after sign-off, with JavaScript off", () => {
  it("the person moves more than the allowed share; Jo sees it with what would change, refuses a decision without reasons, and agrees it; the person reads why", async () => {
    const s = await signedOffPerson("Cai Change", "cai.change@example.org");
    const using = `/people/${s.personId}/plan/using`;
    const small = /A small change is up to £([\d,]+) a year/.exec(await (await s.person.get(using)).text())?.[1];
    // The personal assistant's £1,200 a year is more than the share that can move without Jo.
    expect(Number(small!.replace(",", ""))).toBeLessThan(1200);
    const person = await windowAs(browser, "cai.change@example.org", { javaScript: false });
    person.page.setDefaultTimeout(10_000);
    await person.page.goto(new URL(using, person.page.url()).href);
    await person.page.getByRole("group", { name: "Move money from" }).getByLabel(PA).check();
    await person.page.getByRole("group", { name: "Move it to" }).getByLabel(GYM).check();
    await person.page.getByLabel("How much a year, in pounds").fill("1200");
    await person.page.getByRole("button", { name: "Move the money" }).click();
    expect(await person.page.locator("main").innerText()).toContain("your lead professional needs to agree it");

    const jo = await windowAs(browser, DEMO.jo, { javaScript: false });
    const page = jo.page;
    page.setDefaultTimeout(10_000);
    await page.goto(new URL(using, page.url()).href);
    await page.getByRole("link", { name: "Decide on changes waiting for you (1)" }).click();
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Changes waiting for you: Cai Change");
    const main = await page.locator("main").innerText();
    expect(main).toContain(`Move £1,200 a year from “${PA}” to “${GYM}”`);
    expect(main).toContain("This moves more than a small part of your budget");
    expect(await page.getByRole("row", { name: PA }).innerText()).toMatch(/£1,200\s+£0/);
    expect(await page.getByRole("row", { name: GYM }).innerText()).toMatch(/£300\s+£1,500/);
    await axeCheck(jo);

    await page.getByLabel("Agree to this change", { exact: true }).check();
    await page.getByRole("button", { name: "Record my decision" }).click();
    expect(await page.getByRole("alert").innerText()).toContain("Please give a reason for your decision");
    await axeCheck(jo);
    await page.getByLabel("Your reasons (the person will read them)").fill("The gym is what keeps you going out");
    await page.getByRole("button", { name: "Record my decision" }).click();
    expect(await page.getByRole("status").innerText()).toContain("Your decision is recorded");
    expect(await page.locator("main").innerText()).toContain("No changes are waiting for a decision.");
    await axeCheck(jo);

    await person.page.reload();
    expect(await person.page.locator("main").innerText()).toContain(
      "Agreed by Jo Ahmed: The gym is what keeps you going out",
    );
    await axeCheck(person);
    await jo.context.close();
    await person.context.close();
  }, 180_000);
});
