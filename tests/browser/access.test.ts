import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../support/accounts";
import { crawlFromHome, expectNoTraceOfAsha, pagesToOpen } from "../support/asha-pages";
import { createAccountInPage, signInWindow, windowAs } from "../support/browser-accounts";
import { expectNoAxeViolations, launchBrowser, newWindow } from "../support/browser";
import { baseUrl } from "../support/http";

// Asha's record pages through axe, and those she lets in: tests/browser/access-axe.test.ts (split from
// this file so the two run side by side).
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("one person's pages, opened by others", () => {
  it("nobody else sees Asha's name or details on any page Asha can reach", async () => {
    const asha = await windowAs(browser, DEMO.asha);
    const links = await crawlFromHome(asha.page);
    const recordPages = links.filter((l) => l.startsWith("/people/"));
    expect(recordPages.length).toBeGreaterThanOrEqual(4);

    // A peer broker Asha invites and then removes.
    const personId = recordPages[0]!.split("/")[2]!;
    await asha.page.goto(new URL(`/people/${personId}/helpers`, baseUrl()).href);
    await asha.page.getByLabel("Peer broker").check();
    await asha.page.getByRole("button", { name: "Create an invitation" }).click();
    const code = (await asha.page.getByTestId("invitation-code").textContent())!.trim();
    const broker = await newWindow(browser);
    await broker.page.goto(new URL("/sign-up", baseUrl()).href);
    await broker.page.getByLabel(/Invitation code/).fill(code);
    await broker.page.getByLabel("Your name").fill("Pat Broker");
    await broker.page.getByLabel("Email address").fill("pat.broker@example.org");
    await broker.page.getByLabel("Create a password").fill("pat the broker's long phrase");
    await createAccountInPage(broker.page, "pat.broker@example.org");
    await broker.page.getByRole("link", { name: "Asha Patel" }).waitFor();
    await asha.page.goto(new URL(`/people/${personId}/helpers`, baseUrl()).href);
    await asha.page.getByRole("button", { name: "Remove Pat Broker" }).click();
    await asha.page.getByText("Pat Broker can no longer see your record.").waitFor();

    const checked = pagesToOpen(links);
    for (const [who, window] of [
      ["Tomasz", await windowAs(browser, DEMO.tomasz)],
      ["the removed peer broker", broker],
      ["the other lead professional", await windowAs(browser, DEMO.chris)],
      ["the commissioner", await windowAs(browser, DEMO.morgan)],
    ] as const) {
      await expectNoTraceOfAsha(who, window.page, checked);
      await window.context.close();
    }
    await asha.context.close();
  }, 120_000);

  it("signs in and reaches the record with JavaScript off", async () => {
    const { page, context } = await signInWindow(browser, DEMO.tomasz, { javaScript: false });
    await page.getByRole("link", { name: "Open my record" }).click();
    expect(await page.locator("h1").textContent()).toBe("My record");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signed-out$/);
    await page.goto(new URL("/home", baseUrl()).href);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await context.close();
  }, 60_000);

  it("a rejected sign-up keeps what was typed (except the password) and says why by the field", async () => {
    const { page, context } = await newWindow(browser, { javaScript: false });
    await page.goto(new URL("/sign-up", baseUrl()).href);
    await page.getByLabel("Your name").fill("Alex Typed");
    await page.getByLabel("Email address").fill("alex.typed@example.org");
    await page.getByLabel("Create a password").fill("password1234");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("There is a problem").waitFor();
    expect(await page.getByLabel("Your name").inputValue()).toBe("Alex Typed");
    expect(await page.getByLabel("Email address").inputValue()).toBe("alex.typed@example.org");
    expect(await page.getByLabel("Create a password").inputValue()).toBe("");
    expect(await page.locator(".error-message").first().textContent()).toContain("too easy to guess");
    await context.close();
  });

  it("a form's checks (react-hook-form, zod, the schema) load when the person first moves into it, and nothing typed meanwhile is lost", async () => {
    const { page, context, problems } = await newWindow(browser);
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (/\/assets\/.*\.js$/.test(r.url())) scripts.push(new URL(r.url()).pathname);
    });
    // The checks arrive slowly, as on a poor connection, while the person types.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/form-checks-[\w-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    const checks = () => scripts.filter((s) => /\/assets\/(form-checks|forms)-/.test(s));
    await page.goto(new URL("/sign-up", baseUrl()).href);
    await page.waitForLoadState("networkidle");
    expect(scripts.length).toBeGreaterThan(3);
    expect(checks()).toEqual([]);
    await page.getByLabel("Your name").fill("Alex Typed");
    await page.getByLabel("Email address").fill("alex.typed@example.org");
    await expect.poll(() => checks().some((s) => s.includes("/form-checks-"))).toBe(true);
    release();
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Create a password").fill("short");
    let posted = false;
    page.on("request", (r) => {
      if (r.method() === "POST") posted = true;
    });
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("There is a problem").waitFor();
    expect(posted).toBe(false);
    expect(await page.getByLabel("Your name").inputValue()).toBe("Alex Typed");
    expect(await page.getByLabel("Email address").inputValue()).toBe("alex.typed@example.org");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("with JavaScript on, the same form is checked in the browser before anything is sent", async () => {
    const { page, context, problems } = await newWindow(browser);
    await page.goto(new URL("/sign-up", baseUrl()).href);
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Your name").fill("Alex Typed");
    await page.getByLabel("Create a password").fill("short");
    let posted = false;
    page.on("request", (r) => {
      if (r.method() === "POST") posted = true;
    });
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("There is a problem").waitFor();
    expect(posted).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("error-summary");
    expect(await page.getByLabel("Your name").inputValue()).toBe("Alex Typed");
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await context.close();
  });
});
