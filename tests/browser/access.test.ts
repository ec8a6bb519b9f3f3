import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../support/accounts";
import { createAccountInPage, signInWindow } from "../support/browser-accounts";
import { expectNoAxeViolations, newWindow } from "../support/browser";
import { baseUrl } from "../support/http";
import { launchBrowser } from "../support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Every same-site page reachable by following links from /home, breadth first. */
async function crawl(page: Page): Promise<string[]> {
  const seen = new Set<string>(["/home"]);
  const queue = ["/home"];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (path.endsWith(".json")) continue; // a download, not a page
    await page.goto(new URL(path, baseUrl()).href);
    const hrefs = await page.$$eval("a[href]", (links) =>
      links.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""),
    );
    for (const href of hrefs) {
      if (
        !href.startsWith("/") ||
        href.startsWith("//") ||
        href.startsWith("/language") ||
        href.startsWith("/sign-out")
      )
        continue;
      const clean = href.split("#")[0]!;
      if (clean && !seen.has(clean)) {
        seen.add(clean);
        queue.push(clean);
      }
    }
  }
  return [...seen];
}

describe("one person's pages, opened by others", () => {
  it("nobody else sees Asha's name or details on any page Asha can reach", async () => {
    const asha = await signInWindow(browser, DEMO.asha);
    const links = await crawl(asha.page);
    const recordPages = links.filter((l) => l.startsWith("/people/"));
    expect(recordPages.length).toBeGreaterThanOrEqual(4);
    for (const path of recordPages.filter((p) => !p.endsWith(".json"))) {
      await asha.page.goto(new URL(path, baseUrl()).href);
      await expectNoAxeViolations(asha.page);
    }

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

    const others = [
      { who: "Tomasz", page: (await signInWindow(browser, DEMO.tomasz)).page },
      { who: "the removed peer broker", page: broker.page },
      { who: "the other lead professional", page: (await signInWindow(browser, DEMO.chris)).page },
      { who: "the commissioner", page: (await signInWindow(browser, DEMO.morgan)).page },
    ];
    // The public menu's and guides' own pages (one per entry, one per guide) show everyone the same
    // content; their index pages stay in. Every page about a person, and every account page, is opened.
    const checked = links.filter((path) => !/^\/(menu|guides)\/./.test(path));
    expect(checked.filter((path) => path.startsWith("/people/")).length).toBe(recordPages.length);
    for (const { who, page } of others) {
      for (const path of checked) {
        const url = new URL(path, baseUrl()).href;
        const text = path.endsWith(".json")
          ? await (await page.request.get(url)).text()
          : (await page.goto(url), await page.locator("body").innerText());
        expect(text, `${who} opened ${path}`).not.toMatch(/Asha|asha@example\.org|LPA-EXAMPLE-0001/);
      }
    }
    await asha.context.close();
  }, 180_000);

  it("the representative acting for Asha and her peer broker see her record; the lead professional too", async () => {
    for (const email of [DEMO.ravi, DEMO.sam, DEMO.jo]) {
      const { page, context } = await signInWindow(browser, email);
      await page.getByRole("link", { name: "Asha Patel" }).click();
      expect(await page.locator("h1").textContent()).toBe("Asha Patel's record");
      await expectNoAxeViolations(page);
      await context.close();
    }
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
