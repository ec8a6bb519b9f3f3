import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../support/accounts";
import { crawlFromHome } from "../support/asha-pages";
import { windowAs } from "../support/browser-accounts";
import { expectNoAxeViolations, launchBrowser } from "../support/browser";
import { baseUrl } from "../support/http";

// Split from tests/browser/access.test.ts (nobody else sees Asha's pages), so the two run side by side.
let browser: Browser;
let links: string[];
beforeAll(async () => {
  browser = await launchBrowser();
  const asha = await windowAs(browser, DEMO.asha);
  links = await crawlFromHome(asha.page);
  await asha.context.close();
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

describe("one person's pages, for her and those she lets in", () => {
  it("every page about Asha that she can reach passes axe", async () => {
    const recordPages = links.filter((l) => l.startsWith("/people/") && !l.endsWith(".json"));
    expect(recordPages.length).toBeGreaterThanOrEqual(4);
    const asha = await windowAs(browser, DEMO.asha);
    for (const path of recordPages) {
      await asha.page.goto(new URL(path, baseUrl()).href);
      await expectNoAxeViolations(asha.page);
    }
    await asha.context.close();
  }, 120_000);

  it("the representative acting for Asha and her peer broker see her record; the lead professional too", async () => {
    for (const email of [DEMO.ravi, DEMO.sam, DEMO.jo]) {
      const { page, context } = await windowAs(browser, email);
      await page.getByRole("link", { name: "Asha Patel" }).click();
      expect(await page.locator("h1").textContent()).toBe("Asha Patel's record");
      await expectNoAxeViolations(page);
      await context.close();
    }
  }, 120_000);
});
