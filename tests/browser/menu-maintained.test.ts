import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO } from "../support/accounts";
import { expectNoAxeViolationsIn, launchBrowser, newWindow } from "../support/browser";
import { createAccountInPage, windowAs } from "../support/browser-accounts";
import { baseUrl, mailDir } from "../support/http";
import { receivedMail } from "../support/smtp";

/**
 * The menu maintained and its rules contested, with JavaScript off: a commissioner adds an entry in
 * English only (it appears on /menu marked for Urdu and Polish review), adds an accredited provider
 * and then moves its accreditation's expiry into the past (a person can no longer choose it for a new
 * item); someone not signed in questions a rule and a commissioner replies (by email, as asked).
 * Every new page is checked with axe in a script-enabled copy of the window.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const go = (page: Page, path: string) => page.goto(new URL(path, baseUrl()).href);
const main = (page: Page) => page.locator("main").innerText();
const axeCheck = (window: { context: BrowserContext; page: Page }, path?: string) =>
  expectNoAxeViolationsIn(browser, window, path);

/** The day `days` from today as the three boxes of a date input. */
function dateIn(days: number) {
  const d = new Date(Date.now() + days * 86_400_000);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
}

async function fillExpiry(page: Page, days: number) {
  const { day, month, year } = dateIn(days);
  await page.getByLabel("Day").fill(day);
  await page.getByLabel("Month").fill(month);
  await page.getByLabel("Year").fill(year);
}

describe("the commissioners maintain the menu and answer questions about it, with JavaScript off", () => {
  it("adds an entry in English only, expires a provider, and replies to a question from someone not signed in", async () => {
    const morgan = await windowAs(browser, DEMO.morgan, { javaScript: false });
    const m = morgan.page;
    m.setDefaultTimeout(15_000);
    await go(m, "/scheme/menu");
    await axeCheck(morgan);

    // Retiring is done from the entry's own page, on a page of its own that says what it does; with no
    // reason given it is refused by its box, and nothing is retired.
    await m.getByRole("link", { name: "Gym membership (change)" }).click();
    await m.getByRole("link", { name: "Retire this entry" }).click();
    expect(new URL(m.url()).pathname).toBe("/scheme/menu/entries/gym-membership/retire");
    expect(await m.locator("h1").textContent()).toBe("Retire “Gym membership”");
    await axeCheck(morgan);
    await m.getByRole("button", { name: "Retire this entry" }).click();
    expect(await m.locator(".error-summary").textContent()).toContain("Say why the entry is retired");
    await axeCheck(morgan);
    await go(m, "/scheme/menu");
    expect(await main(m)).toContain("Gym membership");

    // An entry in English only; a missing box is refused by its field with what was typed kept.
    await m.getByRole("link", { name: "Add a menu entry" }).click();
    expect(new URL(m.url()).pathname).toBe("/scheme/menu/entries/new");
    await axeCheck(morgan);
    await m.getByLabel("Support you choose yourself").check();
    await m.getByLabel("Title (English)").fill("Community allotment plot");
    await m.getByLabel("Why this rule (English)").fill("Growing food outdoors helps many people stay well.");
    await m.getByLabel("Examples (English)").fill("a council allotment\na shared garden plot");
    await m.getByLabel("Why this change").fill("Asked for at the co-production group");
    await m.getByRole("button", { name: "Add the entry" }).click();
    const refused = await main(m);
    expect(refused).toContain("There is a problem");
    expect(refused).toContain("What it is (English): Say in English what it is");
    expect(await m.getByLabel("Title (English)").inputValue()).toBe("Community allotment plot");
    await m.getByLabel("What it is (English)").fill("Renting a plot of land to grow fruit, vegetables or flowers.");
    await m.getByRole("button", { name: "Add the entry" }).click();
    expect(await main(m)).toMatch(/Saved: menu version 2026-1\.\d+ is now in force\./);
    expect(await main(m)).toContain("“Community allotment plot” was added to the menu.");
    await axeCheck(morgan, "/scheme/menu/entries/community-allotment-plot");

    // On the public menu, for anyone: the entry, marked as awaiting Urdu and Polish review, and the change log.
    const anyone = await newWindow(browser, { javaScript: false });
    const a = anyone.page;
    await go(a, "/menu");
    const entry = a.locator("section#community-allotment-plot");
    expect(await entry.innerText()).toContain("Renting a plot of land to grow fruit, vegetables or flowers.");
    expect(await entry.getByTestId("awaiting-review").innerText()).toBe("Translation awaiting review: Urdu and Polish");
    await a.getByTestId("menu-changes").locator("summary").click();
    expect(await a.getByTestId("menu-changes").innerText()).toContain(
      "“Community allotment plot” was added to the menu",
    );

    // A provider added, then its accreditation ended: a person can choose it, then no longer can.
    await go(m, "/scheme/providers");
    await axeCheck(morgan);
    await m.getByRole("link", { name: "Add an accredited provider" }).click();
    await axeCheck(morgan);
    await m.getByLabel("Name").fill("Browser Therapy Rooms");
    await m.getByLabel("Treatment accredited for").fill("cbt");
    await m.getByLabel("Accrediting body").fill("Example Accreditation Body for Talking Therapies (fictional)");
    await m.getByLabel("Registration number").fill("EX-CBT-0777");
    await m.getByLabel("Price per session, in pounds").fill("68.40");
    await m.getByLabel("Where they work").fill("Exampletown");
    await fillExpiry(m, 200);
    await m.getByLabel("Why this change").fill("Newly accredited");
    await m.getByRole("button", { name: "Save the provider" }).click();
    const providers = await m.getByTestId("providers").innerText();
    expect(providers).toContain("Browser Therapy Rooms");
    expect(providers).toContain("£68.40");

    const person = await newWindow(browser, { javaScript: false });
    const p = person.page;
    await go(p, "/sign-up");
    await p.getByLabel("Your name").fill("Noor Newitem");
    await p.getByLabel("Email address").fill("noor.newitem@example.org");
    await p.getByLabel("Create a password").fill("noor chooses a long phrase");
    await createAccountInPage(p, "noor.newitem@example.org");
    const record = (await p.locator('a[href^="/people/"]').first().getAttribute("href"))!.split("/")[2]!;
    const itemPage = `/people/${record}/plan/items/new/cognitive-behavioural-therapy`;
    await go(p, itemPage);
    await p.getByLabel(/^Browser Therapy Rooms/).waitFor();

    await go(m, "/scheme/providers");
    await m.getByRole("link", { name: /Browser Therapy Rooms/ }).click();
    await axeCheck(morgan);
    await fillExpiry(m, -1);
    await m.getByLabel("Why this change").fill("Accreditation lapsed");
    await m.getByRole("button", { name: "Save the provider" }).click();
    expect(await m.getByTestId("providers").locator("tr", { hasText: "Browser Therapy Rooms" }).innerText()).toContain(
      "Accreditation ended",
    );
    await go(p, itemPage);
    expect(await main(p)).toContain("Example Wellbeing Therapies (fictional)");
    expect(await main(p)).not.toContain("Browser Therapy Rooms");

    // Someone not signed in questions a rule, leaving an email for the reply.
    await go(a, "/menu");
    await a.getByRole("link", { name: /^Question this rule\W+Gym membership$/ }).click();
    expect(new URL(a.url()).pathname).toBe("/menu/gym-membership/question");
    await axeCheck(anyone);
    await a.getByLabel("Your question").fill("Why only a gym, and not a climbing wall?");
    await a.getByLabel("Email address for the reply (optional)").fill("climber@example.org");
    await a.getByRole("button", { name: "Send the question" }).click();
    expect(await main(a)).toContain("Thank you: your question has been sent to the commissioners.");
    expect(a.url()).not.toContain("climber");

    // The commissioner finds it in the inbox, oldest waiting first, and replies.
    await go(m, "/scheme/menu");
    await m.getByRole("link", { name: /Questions about the rules \(1 waiting for a reply\)/ }).click();
    await axeCheck(morgan);
    await m.getByRole("link", { name: "A question about “Gym membership”" }).first().click();
    await axeCheck(morgan);
    expect(await m.getByTestId("question").innerText()).toBe("Why only a gym, and not a climbing wall?");
    await m.getByLabel("Your reply").fill("A climbing wall counts: it is under exercise classes.");
    await m.getByRole("button", { name: "Send the reply" }).click();
    expect(await main(m)).toContain("Reply recorded and sent to the email address the person gave.");
    expect(await m.getByTestId("reply").innerText()).toBe("A climbing wall counts: it is under exercise classes.");
    const mail = await vi.waitFor(
      () => {
        const found = receivedMail(mailDir()).filter((x) => x.to === "climber@example.org");
        if (found.length === 0) throw new Error("No reply email yet");
        return found[0]!;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(mail.text).toContain("A climbing wall counts: it is under exercise classes.");
    await go(m, "/scheme/questions");
    expect(await main(m)).toContain("No question is waiting for a reply.");
    // A long journey: with a second browser file beside it on two cores it needs more than the default minute.
  }, 120_000);

  it("with JavaScript on, the entry form is checked in the page by the same schema, by its field", async () => {
    const morgan = await windowAs(browser, DEMO.morgan);
    const m = morgan.page;
    await go(m, "/scheme/menu/entries/new");
    const posts: string[] = [];
    m.on("request", (request) => {
      if (request.method() === "POST") posts.push(request.url());
    });
    await m.getByLabel("Support you choose yourself").check();
    await m.getByLabel("Title (English)").fill("Typed before a mistake");
    await m.getByRole("button", { name: "Add the entry" }).click();
    await m.getByRole("alert").waitFor();
    expect(new URL(m.url()).pathname).toBe("/scheme/menu/entries/new");
    const summary = await m.getByRole("alert").innerText();
    expect(summary).toContain("What it is (English): Say in English what it is");
    expect(summary).toContain("Why this change: ");
    expect(await m.getByLabel("Title (English)").inputValue()).toBe("Typed before a mistake");
    // Nothing was sent: the page checked it.
    expect(posts).toEqual([]);
    expect(morgan.problems).toEqual([]);
  });
});
