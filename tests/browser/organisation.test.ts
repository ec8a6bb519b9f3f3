import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCode, totpStep } from "~/lib/totp.server";
import { DEMO } from "../support/accounts";
import { expectNoAxeViolations, expectNoAxeViolationsIn, launchBrowser, newWindow } from "../support/browser";
import { createAccountInPage, windowAs } from "../support/browser-accounts";
import { baseUrl, mailDir } from "../support/http";
import { waitForMail } from "../support/smtp";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const go = (page: Page, path: string) => page.goto(new URL(path, baseUrl()).href);
const main = (page: Page) => page.locator("main").innerText();

/** axe runs as a script: the same page, for the same session, is checked in a window with scripts on. */
const axeCheck = (window: { context: BrowserContext; page: Page }) => expectNoAxeViolationsIn(browser, window);

/** A page that only a form's answer shows (it cannot be opened again): its markup, checked as it is. */
async function axeCheckAnswer(page: Page) {
  const html = (await page.content())
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace("<head>", `<head><base href="${baseUrl()}/">`);
  const context = await browser.newContext({ locale: "en-GB" });
  const copy = await context.newPage();
  await copy.setContent(html, { waitUntil: "load" });
  await expectNoAxeViolations(copy);
  await context.close();
}

describe("a council runs it, with JavaScript off", () => {
  it("an administrator invites a lead professional; the email arrives; they set a password, read the QR secret, confirm a code, sign in with the second factor and see an empty caseload", async () => {
    const email = "rowan.invited@example.org";
    const password = "rowan joins the team with a long phrase";
    const admin = await windowAs(browser, DEMO.jo, { javaScript: false });
    await go(admin.page, "/team/staff");
    await axeCheck(admin);
    await admin.page.getByLabel("Their work email address").fill(email);
    await admin.page.getByLabel("Lead professional", { exact: true }).check();
    await admin.page.getByRole("button", { name: "Send the invitation" }).click();
    await admin.page.getByRole("status").waitFor();
    expect(await main(admin.page)).toContain("The invitation has been sent.");
    expect(await main(admin.page)).toContain(email);

    const [mail] = await waitForMail(mailDir(), email);
    const link = /http:\/\/[^\s]+\/join\/[A-Za-z0-9_-]+/.exec(mail!.text)![0];
    expect(mail!.text).not.toMatch(/Jo Ahmed|North/);

    const invitee = await newWindow(browser, { javaScript: false });
    await invitee.page.goto(link);
    await axeCheck(invitee);
    await invitee.page.getByLabel("Your name").fill("Rowan Invited");
    await invitee.page.getByLabel("Create a password").fill(password);
    await invitee.page.getByRole("button", { name: "Continue" }).click();
    await invitee.page.waitForURL((url) => url.pathname === "/account/second-factor");
    expect(await invitee.page.locator(".qr-code svg").count()).toBe(1);
    await axeCheck(invitee);
    // "Scanning" the QR code: the secret is also there as text, as an authenticator app would read it.
    const secret = (await invitee.page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
    const step = totpStep(Date.now());
    await invitee.page.getByLabel("6-digit code from your authenticator app").fill(totpCode(secret, step * 30_000));
    await invitee.page.getByRole("button", { name: "Continue" }).click();
    await invitee.page.getByRole("heading", { name: "Your recovery codes" }).waitFor();
    expect(await invitee.page.getByTestId("recovery-codes").locator("li").count()).toBe(10);
    await axeCheckAnswer(invitee.page);

    await invitee.page.getByRole("link", { name: "Sign in" }).last().click();
    await invitee.page.getByLabel("Email address").fill(email);
    await invitee.page.getByLabel("Password").fill(password);
    await invitee.page.getByRole("button", { name: "Sign in" }).click();
    await invitee.page.waitForURL((url) => url.pathname === "/sign-in/code");
    await axeCheck(invitee);
    await invitee.page
      .getByLabel("6-digit code from your authenticator app")
      .fill(totpCode(secret, (step + 1) * 30_000));
    await invitee.page.getByRole("button", { name: "Continue" }).first().click();
    await invitee.page.waitForURL((url) => url.pathname === "/home");
    const home = await main(invitee.page);
    expect(home).toContain("Rowan Invited");
    expect(home).toContain("Nobody yet.");
    expect(invitee.problems).toEqual([]);

    // The administrator's page for the new member, and the team's linking page.
    await go(admin.page, "/team/staff");
    await admin.page.getByRole("link", { name: "Rowan Invited" }).click();
    expect(await main(admin.page)).toContain("Active");
    await axeCheck(admin);
    await go(admin.page, "/team");
    await axeCheck(admin);
    await admin.context.close();
    await invitee.context.close();
  });

  it("a person signs up choosing their team, and sees it on their record and the team page", async () => {
    const window = await newWindow(browser, { javaScript: false });
    await go(window.page, "/sign-up");
    await window.page.getByLabel("Your name").fill("Ash Chooses");
    await window.page.getByLabel("Email address").fill("ash.chooses@example.org");
    await window.page.getByLabel("Create a password").fill("ash chooses a team long phrase");
    await window.page.getByLabel("South Community Mental Health Team (example)").check();
    // The page asking for the emailed code passes axe too.
    await createAccountInPage(window.page, "ash.chooses@example.org", { onConfirmPage: () => axeCheck(window) });
    await window.page.getByRole("link", { name: "Open my record" }).click();
    expect(await main(window.page)).toContain("South Community Mental Health Team (example)");
    await window.page.getByRole("link", { name: "Choose or change" }).click();
    expect(await main(window.page)).toContain("The team that supports you");
    await axeCheck(window);
    await window.context.close();
    const signUp = await newWindow(browser);
    await go(signUp.page, "/sign-up");
    await expectNoAxeViolations(signUp.page);
    await signUp.context.close();
  });
});
