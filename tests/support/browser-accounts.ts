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

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
/** Each account's session after its first sign-in in this test file (each file has its own module state). */
const sessions = new Map<string, StorageState>();

/**
 * A fresh window signed in as `email`, at their home page, for a test that is not about signing in: the
 * first time in a test file through the real pages (signInWindow), after that in a new window carrying
 * the same session cookie, as a second tab would. Signing in hashes the password (memory-hard, on
 * purpose) and takes several pages, so doing it once per account per file saves most of its cost.
 * A test that signs out or ends sessions signs in with signInWindow instead.
 */
export async function windowAs(
  browser: Browser,
  email: string,
  { javaScript = true } = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const kept = sessions.get(email);
  if (!kept) {
    const window = await signInWindow(browser, email, { javaScript });
    sessions.set(email, await window.context.storageState());
    return window;
  }
  const window = await newWindow(browser, { javaScript, storageState: kept });
  await window.page.goto(new URL("/home", baseUrl()).href);
  if (new URL(window.page.url()).pathname !== "/home")
    throw new Error(`${email}'s kept session went to ${window.page.url()}`);
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
