import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../support/accounts";
import { expectNoAxeViolations, launchBrowser } from "../support/browser";
import { windowAs } from "../support/browser-accounts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("self-assessment and budget in a real browser", () => {
  it("Asha answers every question with JavaScript off and sees her budget with every step; Jo agrees a rating; Asha sees both", async () => {
    const asha = await windowAs(browser, DEMO.asha, { javaScript: false });
    const page = asha.page;
    await page.getByRole("link", { name: "Open my record" }).click();
    await page.getByRole("link", { name: "What is hard at the moment (the questions)" }).click();
    await page.getByRole("link", { name: "Start" }).click();

    // Twelve questions, one a page. Asha rates mood 3 and relationships 2, "rather not say" for housing, 1 for the rest.
    for (let i = 0; i < 12; i++) {
      const title = await page.locator("h1").textContent();
      const choice =
        title === "Mood and emotional wellbeing"
          ? 3
          : title?.startsWith("Relationships")
            ? 2
            : title?.startsWith("Somewhere")
              ? null
              : 1;
      if (choice === null) await page.getByLabel("I'd rather not say").check();
      else await page.locator(`input[name="rating"][value="${choice}"]`).check();
      await page.getByRole("button", { name: "Save and continue" }).click();
    }
    expect(await page.locator("h1").textContent()).toBe("Help from family and friends");
    // Forgetting to choose gives a clear message by the field.
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.getByText("There is a problem").waitFor();
    await page.getByLabel("A lot").check();
    await page.getByRole("button", { name: "Save and continue" }).click();
    expect(await page.locator("h1").textContent()).toBe("Check your answers");
    await page.getByRole("button", { name: "Work out my budget" }).click();

    expect(await page.locator("h1").textContent()).toBe("Your indicative budget");
    const body = await page.locator("main").innerText();
    // Points: mood 9, relationships 2, and 1 × weight for the other nine answered (3+3+2+2+2+2+2+1+1 = 18) = 29.
    expect(body).toContain("Mood and emotional wellbeing: rated 3 × weight 3 = 9 points");
    expect(body).toContain("Your needs add up to 29 points.");
    expect(body).toMatch(/Council part × 85% because family and friends give a lot of support/);
    expect(body).toMatch(/a week/);
    const steps = await page.locator("main ol li").count();
    expect(steps).toBeGreaterThanOrEqual(14); // 11 rated areas, total, price, NHS, council, informal, total, weekly
    await asha.context.close();

    const jo = await windowAs(browser, DEMO.jo);
    await jo.page.getByRole("link", { name: "Asha Patel" }).click();
    await jo.page.getByRole("link", { name: "The indicative budget and how it was worked out" }).click();
    await jo.page.getByRole("link", { name: "Agree a rating with the person" }).click();
    await expectNoAxeViolations(jo.page);
    await jo.page.getByLabel("Mood and emotional wellbeing").check();
    await jo.page.locator('input[name="rating"][value="4"]').check();
    await jo.page
      .getByLabel("Why (the person will read this)")
      .fill("We talked it through: the last month has been harder than the answers show.");
    await jo.page.getByRole("button", { name: "Save and work out the budget again" }).click();
    await jo.page.getByText("With ratings agreed with your lead professional").first().waitFor();
    await jo.context.close();

    const again = await windowAs(browser, DEMO.asha);
    await again.page.getByRole("link", { name: "Open my record" }).click();
    const record = new URL(again.page.url()).pathname;
    await again.page.getByRole("link", { name: "The indicative budget and how it was worked out" }).click();
    const both = await again.page.locator("main").innerText();
    expect(both).toContain("From your own answers");
    expect(both).toContain("With ratings agreed with your lead professional");
    expect(both).toContain("We talked it through: the last month has been harder than the answers show.");
    expect(both).toContain("Your needs add up to 32 points.");
    expect(both).toContain("Your needs add up to 29 points.");
    await expectNoAxeViolations(again.page);
    // The agreed ratings' table (reasons in words) scrolls in its own box at 320 px: the page never does.
    await again.page.setViewportSize({ width: 320, height: 640 });
    const [scroll, viewport] = await again.page.evaluate(() => [
      document.documentElement.scrollWidth,
      window.innerWidth,
    ]);
    expect(scroll).toBeLessThanOrEqual(viewport);
    await again.page.setViewportSize({ width: 1280, height: 800 });
    for (const path of ["assessment", "assessment/mood", "assessment/informal", "assessment/check"]) {
      await again.page.goto(new URL(`${record}/${path}`, again.page.url()).href);
      await expectNoAxeViolations(again.page);
    }
    await again.context.close();
  }, 180_000);
});
