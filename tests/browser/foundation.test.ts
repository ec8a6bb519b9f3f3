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

const PUBLIC_PAGES = ["/", "/help", "/no-such-page"];

describe("public pages in a real browser", () => {
  for (const path of PUBLIC_PAGES) {
    it(`${path}: axe finds nothing, and no script breaks the content security policy`, async () => {
      const { page, problems } = await publicWindow(browser);
      await page.goto(new URL(path, baseUrl()).href);
      await page.waitForLoadState("networkidle");
      await expectNoAxeViolations(page);
      // The 404 page's own status shows in the console as a failed load; nothing else may.
      expect(problems.filter((p) => !(path === "/no-such-page" && p.includes("404")))).toEqual([]);
    });

    it(`${path}: renders fully with JavaScript off`, async () => {
      const { page } = await publicWindow(browser, { javaScript: false });
      await page.goto(new URL(path, baseUrl()).href);
      expect(await page.locator("h1").textContent()).toBeTruthy();
      expect(await page.getByRole("link", { name: "Get help now" }).count()).toBe(1);
    });
  }

  it("switches to Urdu without JavaScript, right to left, and axe still finds nothing", async () => {
    const { context, page } = await newWindow(browser, { javaScript: false });
    await page.goto(new URL("/help", baseUrl()).href);
    await page.getByRole("link", { name: "اردو" }).click();
    await page.waitForURL(/\/help$/);
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await page.locator("html").getAttribute("lang")).toBe("ur");
    await context.close();
    const withJs = await newWindow(browser);
    await withJs.context.addCookies([{ name: "lng", value: "ur", url: baseUrl() }]);
    await withJs.page.goto(new URL("/", baseUrl()).href);
    await expectNoAxeViolations(withJs.page);
    await withJs.context.close();
  });

  it("the skip link and the urgent help link can be reached with the keyboard", async () => {
    const { context, page } = await newWindow(browser);
    await page.goto(new URL("/", baseUrl()).href);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to main content");
    await page.keyboard.press("Enter");
    expect(page.url()).toMatch(/#main-content$/);
    await context.close();
  });
});
