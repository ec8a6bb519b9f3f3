import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRITERIA } from "~/domain/plan-criteria";
import { DEMO } from "../support/accounts";
import { expectNoAxeViolationsIn, launchBrowser } from "../support/browser";
import { windowAs } from "../support/browser-accounts";
import { sentPlanPerson } from "../support/signed-off-plan";

/**
 * The positive-risk panel with JavaScript off: Jo refers a plan; Alex, on the North team's panel,
 * finds it on the panel's list, reads why it was referred, and signs it off naming who sat; the
 * person's decision page shows who sat. Every page passes axe.
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

describe("the positive-risk panel, with JavaScript off", () => {
  it("Jo refers a plan; Alex finds it, reads why, and signs it off naming who sat; the person sees who sat", async () => {
    const s = await sentPlanPerson("Pia Panel", "pia.panel@example.org");
    const review = await (await s.jo.get(`/people/${s.personId}/plan/review`)).text();
    const submissionId = /name="submissionId" value="([0-9a-f-]{36})"/.exec(review)?.[1];
    const fields: Record<string, string> = {
      submissionId: submissionId!,
      decision: "refer-to-panel",
      risk: "Travelling alone to appointments after a recent crisis",
      reason: "A risk worth taking with support; the panel should weigh it.",
    };
    for (const c of CRITERIA) fields[`criteria.${c}.met`] = "met";
    expect((await s.jo.post(`/people/${s.personId}/plan/review`, fields)).status).toBe(302);

    const alex = await windowAs(browser, DEMO.alex, { javaScript: false });
    alex.page.setDefaultTimeout(10_000);
    await alex.page.getByRole("link", { name: "Plans referred to the positive-risk panel" }).click();
    await axeCheck(alex);
    await alex.page.getByRole("link", { name: /Pia Panel/ }).click();
    const referred = await alex.page.locator("main").innerText();
    expect(referred).toContain("Why the plan was referred to the panel");
    expect(referred).toContain("Travelling alone to appointments after a recent crisis");
    await axeCheck(alex);
    // Every criterion is suggested; the items need an agreement each before sign-off.
    const groups = alex.page.getByRole("group", { name: /^Agreement for/ });
    for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByLabel("Agree", { exact: true }).check();
    await alex.page.getByLabel("Sign off the plan").check();
    const [year, month, day] = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10).split("-");
    await alex.page.getByLabel("Day", { exact: true }).fill(String(Number(day)));
    await alex.page.getByLabel("Month", { exact: true }).fill(String(Number(month)));
    await alex.page.getByLabel("Year", { exact: true }).fill(year!);
    // Without who sat, the page says so by the field and keeps everything chosen.
    await alex.page.getByRole("button", { name: "Record the decision" }).click();
    expect(await alex.page.locator("main").innerText()).toContain("Please say who sat on the panel for this decision.");
    await alex.page.getByLabel("Who sat on the panel").fill("Alex Kim, Dr Ruth Osei");
    await alex.page.getByRole("button", { name: "Record the decision" }).click();
    await alex.page.waitForURL(/\/plan\/decision$/);

    const person = await windowAs(browser, "pia.panel@example.org", { javaScript: false });
    await person.page.goto(new URL(`/people/${s.personId}/plan/decision`, person.page.url()).href);
    expect(await person.page.getByTestId("panel-sat").innerText()).toBe(
      "Decided by the positive-risk panel. Who sat: Alex Kim, Dr Ruth Osei",
    );
    await axeCheck(person);
    await alex.context.close();
    await person.context.close();
  });
});
