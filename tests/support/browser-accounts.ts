import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_PASSWORD, freshCode } from "./accounts";
import { newWindow } from "./browser";
import { baseUrl } from "./http";

/** Signs in through the real pages in a fresh window (typing the one-time code where needed). */
export async function signInWindow(
  browser: Browser,
  email: string,
  { javaScript = true } = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const window = await newWindow(browser, { javaScript });
  const { page } = window;
  await page.goto(new URL("/sign-in", baseUrl()).href);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/home" || url.pathname === "/sign-in/code");
  if (new URL(page.url()).pathname === "/sign-in/code") {
    await page.getByLabel("6-digit code from your authenticator app").fill(await freshCode(email));
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((url) => url.pathname === "/home");
  }
  return window;
}
