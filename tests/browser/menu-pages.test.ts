import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, newWindow, publicWindow } from "../support/browser";
import { baseUrl } from "../support/http";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PAGES = [
  "/menu",
  "/menu?q=zzqxv",
  "/menu?kind=controlled-treatment",
  "/help-outside-budget",
  "/guides",
  "/guides/direct-payment",
];

describe("the menu, the directory of help and the guides in a real browser", () => {
  for (const path of PAGES) {
    it(`${path}: axe finds nothing, and no script breaks the content security policy`, async () => {
      const { page, problems } = await publicWindow(browser);
      await page.goto(new URL(path, baseUrl()).href);
      await page.waitForLoadState("networkidle");
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    });

    it(`${path}: renders fully with JavaScript off`, async () => {
      const { page } = await publicWindow(browser, { javaScript: false });
      await page.goto(new URL(path, baseUrl()).href);
      expect(await page.locator("h1").textContent()).toBeTruthy();
      expect(await page.getByRole("link", { name: "Guides", exact: true }).count()).toBe(1);
    });
  }

  it("/menu in Urdu, right to left: axe finds nothing", async () => {
    const { context, page } = await newWindow(browser);
    await page.goto(new URL("/language?lng=ur&returnTo=%2Fmenu", baseUrl()).href);
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    await expectNoAxeViolations(page);
    await context.close();
  });

  it("searches and filters the menu with JavaScript off", async () => {
    const { context, page } = await newWindow(browser, { javaScript: false });
    await page.goto(new URL("/menu", baseUrl()).href);
    await page.getByLabel("Search the menu", { exact: true }).fill("gym");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=gym/);
    expect(await page.getByRole("heading", { name: "Gym membership" }).count()).toBe(1);
    expect(await page.getByRole("heading", { name: "Alcohol" }).count()).toBe(0);
    expect(await page.getByLabel("Search the menu", { exact: true }).inputValue()).toBe("gym");

    await page.getByLabel("Search the menu", { exact: true }).fill("");
    await page.getByLabel("Things the budget never pays for").check();
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/kind=absolute-exclusion/);
    expect(await page.getByRole("heading", { name: "Alcohol" }).count()).toBe(1);
    expect(await page.getByRole("heading", { name: "Gym membership" }).count()).toBe(0);
    await context.close();
  });

  it("goes from an exclusion to the help that can be used instead", async () => {
    const { context, page } = await newWindow(browser, { javaScript: false });
    await page.goto(new URL("/menu#repaying-debts", baseUrl()).href);
    await page
      .locator("#repaying-debts")
      .getByRole("link", { name: /Debt Advice/ })
      .click();
    await page.waitForURL(/\/help-outside-budget#example-debt-advice$/);
    expect(
      await page.locator("#example-debt-advice").getByText("Example entry — not a real organisation").count(),
    ).toBe(1);
    await context.close();
  });
});
