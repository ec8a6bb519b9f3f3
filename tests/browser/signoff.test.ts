import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../support/accounts";
import { expectNoAxeViolationsIn, launchBrowser } from "../support/browser";
import { windowAs } from "../support/browser-accounts";
import { sentPlanPerson } from "../support/signed-off-plan";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const go = (page: Page, path: string) => page.goto(new URL(path, page.url()).href);

/**
 * axe runs as a script, so it cannot run in a window with JavaScript off: the same page, for the same
 * signed-in person, is opened in a second window with scripts on and checked there.
 */
const axeCheck = (window: { context: BrowserContext; page: Page }) => expectNoAxeViolationsIn(browser, window);
const main = (page: Page) => page.locator("main").innerText();

async function addItem(
  page: Page,
  record: string,
  item: { what: string; entry: string; provider?: string; providerId?: string; cost?: string; times: string },
) {
  await go(page, `${record}/plan/items`);
  await page.locator(`input[name="menuEntryId"][value="${item.entry}"]`).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("What it is, in your words").fill(item.what);
  if (item.providerId) await page.locator(`input[name="providerId"][value="${item.providerId}"]`).check();
  else await page.getByLabel("Who provides it").fill(item.provider ?? "");
  await page.getByLabel("How often").fill("Every week");
  if (item.cost) await page.getByLabel("Cost each time, in pounds").fill(item.cost);
  await page.getByLabel("How many times a year").fill(item.times);
  await page.locator('input[name="outcomeIds"]').first().check();
  await page.getByRole("button", { name: "Add this" }).click();
  await page.getByRole("status").waitFor();
  expect(await main(page)).toContain(item.what);
}

/** Every criterion met except those given, on the review screen. */
async function markCriteria(page: Page, notYet: Record<string, string>) {
  for (const c of [
    "outcomes",
    "effective-treatment",
    "integrated-support",
    "managed-risks",
    "resource-efficiency",
    "clear-decisions",
  ]) {
    await page.locator(`input[name="criteria.${c}.met"][value="${c in notYet ? "not-yet" : "met"}"]`).check();
    if (notYet[c]) await page.locator(`[id="f-criteria.${c}.comment"]`).fill(notYet[c]!);
  }
}

describe("the whole mission with JavaScript off", () => {
  it("Tomasz assesses, plans and sends; Chris asks for changes; Tomasz revises and resends; Chris signs off; the review opens cycle 2", async () => {
    // -- Tomasz: what is hard, and the budget --
    const tomasz = await windowAs(browser, DEMO.tomasz, { javaScript: false });
    const t = tomasz.page;
    t.setDefaultTimeout(10_000);
    await t.getByRole("link", { name: "Open my record" }).click();
    const record = new URL(t.url()).pathname;
    await t.getByRole("link", { name: "What is hard at the moment (the questions)" }).click();
    await t.getByRole("link", { name: "Start" }).click();
    for (let i = 0; i < 12; i++) {
      await t.locator('input[name="rating"][value="2"]').check();
      await t.getByRole("button", { name: "Save and continue" }).click();
    }
    await t.getByLabel("A little").check();
    await t.getByRole("button", { name: "Save and continue" }).click();
    await t.getByRole("button", { name: "Work out my budget" }).click();
    expect(await t.locator("h1").textContent()).toBe("Your indicative budget");
    expect(await main(t)).toMatch(/£[\d,]+/);

    // -- the plan: an outcome, a citizen-led item, a co-designed item, a treatment from an accredited provider --
    await go(t, `${record}/plan/outcomes`);
    await t.getByLabel("In my own words").fill("Get back to playing football on Saturdays");
    await t.getByLabel("Feeling well in myself").check();
    await t.getByLabel("Where I am now (1 to 10)").fill("3");
    await t.getByLabel("Where I hope to be (1 to 10)").fill("8");
    await t.getByRole("button", { name: "Add this" }).click();
    await t.getByRole("status").waitFor();
    await addItem(t, record, {
      what: "Gym near work",
      entry: "gym-membership",
      provider: "Leisure centre",
      cost: "30",
      times: "12",
    });
    await addItem(t, record, {
      what: "Help getting to appointments",
      entry: "personal-assistant",
      provider: "An agency",
      cost: "15",
      times: "40",
    });
    await addItem(t, record, {
      what: "CBT sessions",
      entry: "cognitive-behavioural-therapy",
      providerId: "sample-street-cbt",
      provider: "Sample Street CBT",
      times: "10",
    });

    // -- sending it --
    await go(t, `${record}/plan`);
    await t.getByRole("link", { name: "Check and send the plan" }).click();
    await axeCheck(tomasz);
    await t.getByRole("button", { name: "Send the plan" }).click();
    await t.getByText("There is a problem").waitFor();
    await t
      .getByLabel("Some parts are not done yet. Please tell your lead professional why, in a few words")
      .fill("My crisis plan is with my GP; I will add it.");
    await t.getByLabel("I agree to send this plan to my lead professional", { exact: false }).check();
    await t.getByRole("button", { name: "Send the plan" }).click();
    expect(await t.locator("h1").textContent()).toBe("Your plan has been sent");
    await axeCheck(tomasz);

    // -- Chris asks for changes, with reasons on two parts --
    const chris = await windowAs(browser, DEMO.chris, { javaScript: false });
    const c = chris.page;
    c.setDefaultTimeout(10_000);
    await c.getByRole("link", { name: "Plans waiting for you" }).first().click();
    await axeCheck(chris);
    expect(await main(c)).toContain("Waiting 0 days");
    await c.getByRole("link", { name: /Tomasz Nowak/ }).click();
    expect(await main(c)).toContain("Get back to playing football on Saturdays");
    expect(await main(c)).toContain("My crisis plan is with my GP; I will add it.");
    await axeCheck(chris);
    await markCriteria(c, {
      "managed-risks": "Please add who you would call if things got hard.",
      "clear-decisions": "Please say how you would like the money to be managed.",
    });
    await c.getByLabel("Ask for changes").check();
    await c.getByRole("button", { name: "Record the decision" }).click();
    await c.getByRole("heading", { name: /Changes asked for by Chris Evans/ }).waitFor();

    // -- Tomasz reads the reasons, revises and resends --
    await go(t, "/notifications");
    await axeCheck(tomasz);
    await t.getByRole("button", { name: "Chris Evans has made a decision on the plan." }).click();
    const reasons = await main(t);
    expect(reasons).toContain("Please add who you would call if things got hard.");
    expect(reasons).toContain("Please say how you would like the money to be managed.");
    await axeCheck(tomasz);
    await go(t, `${record}/plan/outcomes`);
    await t.getByLabel("In my own words").fill("Call my brother when I notice the early signs");
    await t.getByLabel("Feeling well in myself").check();
    await t.getByLabel("Where I am now (1 to 10)").fill("4");
    await t.getByLabel("Where I hope to be (1 to 10)").fill("8");
    await t.getByRole("button", { name: "Add this" }).click();
    await t.getByRole("status").waitFor();
    await go(t, `${record}/plan/decision`);
    await t.getByRole("link", { name: "Send the plan again" }).click();
    await t
      .getByLabel("Some parts are not done yet. Please tell your lead professional why, in a few words")
      .fill("I have added my brother; the money will be a direct payment, still to write.");
    await t.getByLabel("I agree to send this plan to my lead professional", { exact: false }).check();
    await t.getByRole("button", { name: "Send the plan" }).click();
    expect(await main(t)).toContain("Version 2 of the plan has been sent");

    // -- Chris signs off with a review date (three months by default) --
    await go(c, "/queue");
    await c
      .getByRole("link", { name: /Tomasz Nowak/ })
      .first()
      .click();
    expect(await main(c)).toContain("Call my brother when I notice the early signs");
    await markCriteria(c, {});
    await c.locator('input[name="items.0.agreement"][value="adapt"]').check();
    await c.locator('[id="f-items.0.adaptation"]').fill("Up to 40 visits, from an agency on the council's list");
    await c.getByLabel("Sign off the plan").check();
    // The review date is suggested in its three boxes (day, month, year).
    const [day, month, year] = await Promise.all(
      ["#f-reviewDate", "#f-reviewDate-1", "#f-reviewDate-2"].map((box) => c.locator(box).inputValue()),
    );
    expect(`${day}/${month}/${year}`).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}$/);
    await c.getByRole("button", { name: "Record the decision" }).click();
    await c.getByRole("heading", { name: /Signed off by Chris Evans/ }).waitFor();
    await axeCheck(chris);

    await go(t, `${record}/plan/decision`);
    const decided = await main(t);
    expect(decided).toContain("Signed off by Chris Evans");
    expect(decided).toContain("agreed with this adaptation: Up to 40 visits");
    expect(decided).toContain("Review date:");

    // -- the review (stage 7) opens cycle 2, from the queue's list of reviews --
    await go(c, "/queue");
    await c.getByRole("link", { name: "Reviews (1)" }).click();
    await c.getByRole("heading", { name: "Reviews", level: 2 }).waitFor();
    await axeCheck(chris);
    await c.getByRole("link", { name: /Tomasz Nowak/ }).click();
    await c.getByLabel("What is working", { exact: true }).waitFor();
    expect(c.url()).toContain(`${record}/plan/review-meeting`);
    await axeCheck(chris);
    await c.getByLabel("What is working", { exact: true }).fill("Football most Saturdays; CBT is helping.");
    await c.getByLabel("What is not working").fill("Evenings are still hard.");
    await c.getByLabel("Changes agreed").fill("Try an evening peer group.");
    await c.getByRole("button", { name: "Complete the review and start the next cycle" }).click();
    expect(await main(c)).toContain("Cycle 2 has started");
    await c.getByRole("link", { name: "Open the plan" }).click();
    expect(await main(c)).toContain("Cycle 2");
    await go(c, "/notifications");
    await axeCheck(chris);

    await go(t, `${record}/plan`);
    expect(await main(t)).toContain("Cycle 2");
    expect(await main(t)).toContain("Being written");
    // The one refused form (sent without consent) answers 400 on purpose; nothing else may go wrong.
    expect([...tomasz.problems, ...chris.problems].filter((p) => !p.includes("status of 400"))).toEqual([]);
    await tomasz.context.close();
    await chris.context.close();
  }, 240_000);
});

describe("the review form with JavaScript on", () => {
  it("checks the nested fields in the browser first (errors by the field, nothing sent), then records the decision", async () => {
    const { personId } = await sentPlanPerson("Hana Hooks", "hana.hooks@example.org");
    const jo = await windowAs(browser, DEMO.jo);
    const j = jo.page;
    j.setDefaultTimeout(10_000);
    const review = `/people/${personId}/plan/review`;
    let posts = 0;
    j.on("request", (r) => {
      if (r.method() === "POST" && new URL(r.url()).pathname === review) posts++;
    });
    await go(j, review);
    await markCriteria(j, {});
    await j.locator('input[name="items.0.agreement"][value="adapt"]').check();
    await j.getByLabel("Sign off the plan").check();
    await j.getByRole("button", { name: "Record the decision" }).click();
    const summary = j.locator(".error-summary");
    await summary.getByText("Please say what the adaptation is.").waitFor();
    expect(await summary.innerText()).not.toMatch(/unrecognized|invalid input/i);
    expect(await j.locator('[id="f-items.0.adaptation-error"]').innerText()).toContain(
      "Please say what the adaptation is.",
    );
    expect(posts).toBe(0);
    await j.locator('[id="f-items.0.adaptation"]').fill("Up to 60 hours, from an agency on the council's list");
    await j.getByRole("button", { name: "Record the decision" }).click();
    await j.getByRole("heading", { name: /Signed off by Jo Ahmed/ }).waitFor();
    expect(posts).toBe(1);
    expect(jo.problems).toEqual([]);
    await jo.context.close();
  }, 120_000);
});
