import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolationsIn, launchBrowser } from "../support/browser";
import { windowAs } from "../support/browser-accounts";
import { GYM, PA, signedOffPerson } from "../support/signed-off-plan";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** axe runs as a script: the same page, for the same signed-in person, is checked in a window with scripts on. */
const axeCheck = (window: { context: BrowserContext; page: Page }) => expectNoAxeViolationsIn(browser, window);

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** Twenty lines of a bank statement: gym payments at £25 and helper's hours at £15, in turn, some a little different. */
const LINES = Array.from({ length: 20 }, (_, i) => ({
  date: `${String(2 + i).padStart(2, "0")}/02/2027`,
  details: i % 2 === 0 ? `RIVERSIDE LEISURE CARD ${1000 + i}` : `HELPING HANDS AGENCY REF ${i}`,
  pence: i % 2 === 0 ? 2_500 : 1_500 + (i % 3) * 100,
}));
const CSV =
  "Date,Details,Amount,Balance\n" +
  LINES.map(
    (l) => `${l.date},${l.details},-${Math.floor(l.pence / 100)}.${String(l.pence % 100).padStart(2, "0")},0.00`,
  ).join("\n") +
  "\n";

const pounds = (pence: number) =>
  `£${Math.floor(pence / 100).toLocaleString("en-GB")}${pence % 100 === 0 ? "" : `.${String(pence % 100).padStart(2, "0")}`}`;

describe("money after sign-off with JavaScript off", () => {
  it("records money received, imports a 20-line statement (mapping the columns), confirms the suggestions, attaches a receipt, and sees planned, spent and left per item", async () => {
    const s = await signedOffPerson("Rosa Receipts", "rosa.receipts@example.org");
    const window = await windowAs(browser, "rosa.receipts@example.org", { javaScript: false });
    const page = window.page;
    page.setDefaultTimeout(10_000);
    const go = (path: string) => page.goto(new URL(path, page.url()).href);
    await go(`/people/${s.personId}/spending`);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Money: your budget in use");
    await axeCheck(window);

    // Money received, from the council.
    await page.getByRole("link", { name: "Record money received" }).click();
    await axeCheck(window);
    await page.getByLabel("Date it arrived").fill("2027-02-01");
    await page.getByLabel("Amount").fill("1000");
    await page.getByLabel("Council").check();
    await page.getByRole("button", { name: "Save money received" }).click();
    expect(await page.getByRole("status").innerText()).toContain("Money received has been recorded.");

    // The statement: choose the file, say once which columns are which, check the suggestions.
    await page.getByRole("link", { name: "Bring in a bank or card statement" }).click();
    await axeCheck(window);
    await page
      .getByLabel("The statement (CSV)")
      .setInputFiles({ name: "statement.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
    await page.getByRole("button", { name: "Read the statement" }).click();
    await axeCheck(window);
    await page.getByRole("group", { name: "The date column" }).getByLabel("Date").check();
    await page.getByRole("group", { name: "The description column" }).getByLabel("Details").check();
    await page.getByRole("group", { name: "The amount column" }).getByLabel("Amount").check();
    await page.getByLabel("Day first, for example 31/01/2027").check();
    await page.getByRole("button", { name: "Use these columns" }).click();
    expect(await page.locator("main").innerText()).toContain("20 lines to check");
    await axeCheck(window);
    for (const [i, line] of LINES.entries()) {
      const select = page.getByLabel(`What line ${i + 2} was for`);
      expect(await select.locator("option:checked").innerText(), line.details).toBe(i % 2 === 0 ? GYM : PA);
    }
    await page.getByRole("button", { name: "Record these lines" }).click();
    expect(await page.getByRole("status").innerText()).toContain("The statement has been brought in.");

    // A receipt for the first gym payment.
    await page.getByRole("link", { name: "Add a receipt" }).click();
    await axeCheck(window);
    await page.locator('input[name="entryId"]').last().check();
    await page.getByLabel("The receipt").setInputFiles({ name: "gym.png", mimeType: "image/png", buffer: PNG });
    await page.getByRole("button", { name: "Add the receipt" }).click();
    expect(await page.getByRole("status").innerText()).toContain("The receipt has been added.");
    expect(await page.getByRole("link", { name: "Receipt 1 (download)" }).count()).toBe(1);

    // Planned, spent and left per item equal an independent sum of the statement.
    const gymSpent = LINES.filter((_, i) => i % 2 === 0).reduce((a, l) => a + l.pence, 0);
    const paSpent = LINES.filter((_, i) => i % 2 === 1).reduce((a, l) => a + l.pence, 0);
    const row = async (what: string) =>
      (
        await page
          .getByRole("row", { name: new RegExp(`^${what}`) })
          .locator("td")
          .allInnerTexts()
      ).map((t) => t.replace(/over$/, "").trim());
    expect(await row(GYM)).toEqual([pounds(30_000), pounds(gymSpent), "£0", pounds(30_000 - gymSpent)]);
    expect(await row(PA)).toEqual([pounds(120_000), pounds(paSpent), "£0", pounds(120_000 - paSpent)]);
    expect(await page.locator('[data-total="balance"] td').innerText()).toBe(pounds(100_000 - gymSpent - paSpent));
    // The chart is drawn on the server, with the same figures in a table beside it.
    expect(await page.locator("svg[role=img] title").first().textContent()).toBe("Money received and spent each month");
    expect(await page.getByRole("table", { name: "Received and spent each month" }).innerText()).toContain(
      pounds(gymSpent + paSpent),
    );
    await axeCheck(window);

    // The other new pages pass axe too: a payment, the contingency, the monitoring return.
    for (const path of ["record", "contingency", "return"]) {
      await go(`/people/${s.personId}/spending/${path}`);
      await axeCheck(window);
    }
    expect(window.problems).toEqual([]);
    await window.context.close();
  }, 120_000);
});
