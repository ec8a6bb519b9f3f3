import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_PASSWORD, emailedSignUpCode, freshCode, signUpEmailsSoFar } from "./accounts";
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

/**
 * Presses "Create account" on a filled sign-up form, then types the code emailed to the address on the
 * page that asks for it, as a person would, and arrives at their home page.
 */
export async function createAccountInPage(
  page: Page,
  email: string,
  { onConfirmPage }: { onConfirmPage?: () => Promise<void> } = {},
): Promise<void> {
  const before = signUpEmailsSoFar(email);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { name: "Check your email" }).waitFor();
  if (new URL(page.url()).pathname !== "/sign-up/confirm") throw new Error(`Sign-up went to ${page.url()}`);
  await onConfirmPage?.();
  await page.getByLabel("Code from the email").fill(await emailedSignUpCode(email, before));
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => url.pathname === "/home");
}
