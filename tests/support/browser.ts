import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { expect, inject } from "vitest";
import { slot } from "./http";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * This file's browser: a connection to its worker slot's Chromium, started once by the test set-up
 * (tests/setup/browser.ts). Every window a file opens is a browser context of its own (the windows
 * `publicWindow` and `expectNoAxeViolationsIn` reuse too); closing the connection (`browser.close()` in
 * afterAll) closes every context the file made.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.connect(inject("browserEndpoints")[slot()]!);
}

/** A browser window; fails the test on any Content-Security-Policy violation or page error. */
export async function newWindow(
  browser: Browser,
  {
    javaScript = true,
    storageState,
  }: { javaScript?: boolean; storageState?: BrowserContextOptions["storageState"] } = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled: javaScript, locale: "en-GB", storageState });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(msg.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return { context, page, problems };
}

/** Each file's reused windows with nobody signed in, one per JavaScript setting (`publicWindow`). */
const publicWindows = new WeakMap<Browser, Map<boolean, Promise<{ page: Page; problems: string[] }>>>();

/**
 * A window with nobody signed in, for a test that only opens a public page and reads it: one window per
 * file and JavaScript setting, reused, and each time emptied first (cookies cleared, a blank page, no
 * problems yet), so that a test gets it as a new window would be but for the files it has already
 * fetched (the portal's pages themselves are never cached: no-store). Opening a new window costs
 * Chromium about 0.5 s of CPU (a context, a page and their processes); a test does not close this one.
 */
export async function publicWindow(
  browser: Browser,
  { javaScript = true }: { javaScript?: boolean } = {},
): Promise<{ page: Page; problems: string[] }> {
  let windows = publicWindows.get(browser);
  if (!windows) publicWindows.set(browser, (windows = new Map()));
  let window = windows.get(javaScript);
  if (!window) {
    window = newWindow(browser, { javaScript });
    windows.set(javaScript, window);
  }
  const { page, problems } = await window;
  await page.context().clearCookies();
  await page.goto("about:blank");
  problems.length = 0;
  return { page, problems };
}

/** Runs axe (WCAG 2.0–2.2 A and AA rules) on the page and fails with the violations listed. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  // The same document keeps axe once loaded (a test often checks a page twice); a new page needs it again.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(`${axeSource}\n;undefined`);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  expect(violations, `axe found problems on ${page.url()}`).toEqual([]);
}

/** Each file's window for axe (below): one context with scripts on and one page in it, made when first needed. */
const axeWindows = new WeakMap<Browser, Promise<Page>>();

/**
 * axe runs as a script: the page a window has open (often with JavaScript off) is checked in a copy of
 * that window's session with scripts on. `path` checks another page instead. The copy is one window per
 * file, reused: before each check its cookies are replaced by the window's cookies as they are now (the
 * portal keeps nothing else in the browser), as a new window with the window's storage state would start.
 * A new context for every check cost Chromium about 0.4 s of CPU each (three processes started and ended).
 */
export async function expectNoAxeViolationsIn(
  browser: Browser,
  window: { context: BrowserContext; page: Page },
  path?: string,
): Promise<void> {
  let copy = axeWindows.get(browser);
  if (!copy) {
    copy = browser.newContext({ locale: "en-GB" }).then((context) => context.newPage());
    axeWindows.set(browser, copy);
  }
  const page = await copy;
  await page.context().clearCookies();
  await page.context().addCookies(await window.context.cookies());
  const address = new URL(path ?? window.page.url(), window.page.url()).href;
  // The same page with another #fragment would only scroll, not load again with the cookies just set.
  if (address.split("#")[0] === page.url().split("#")[0]) await page.goto("about:blank");
  await page.goto(address);
  await expectNoAxeViolations(page);
}
