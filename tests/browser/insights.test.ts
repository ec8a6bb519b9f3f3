import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPeople, type GeneratedPerson, type GeneratedStage } from "../../scripts/insights-people";
import { DEMO } from "../support/accounts";
import { windowAs } from "../support/browser-accounts";
import { expectNoAxeViolations } from "../support/browser";
import { openTestDatabase } from "../support/database";

let browser: Browser;
const STAGES: GeneratedStage[] = ["identifying-need", "designing-plan", "organising-support", "using-support"];
const at = (day: number) => new Date(Date.parse("2025-02-01T00:00:00.000Z") + day * 86_400_000).toISOString();

beforeAll(async () => {
  const { launchBrowser } = await import("../support/browser");
  browser = await launchBrowser();
  // Twenty made-up people in Jo's team, in the first half of 2025, so every chart has something to draw.
  const db = await openTestDatabase({ writable: true });
  const jo = (await db.get<{ id: string }>("SELECT id FROM users WHERE email = ?", DEMO.jo))!;
  const people: GeneratedPerson[] = Array.from({ length: 20 }, (_, i) => ({
    stage: STAGES[i % 4]!,
    startedAt: at(i),
    lastStepAt: at(60 + i),
    budget: {
      ruleSetId: "example-2026-1",
      eligible: i % 4 !== 0,
      nhsPence: 300_000 + i * 1000,
      councilPence: 200_000,
      at: at(20),
      points: 20 + (i % 8),
    },
    signedOff:
      STAGES[i % 4] === "organising-support" || i % 2 === 0
        ? {
            submittedAt: at(30),
            at: at(30 + i),
            items: [
              { kind: "citizen-led", unitCostPence: 2500, unitsPerYear: 52 },
              { kind: "controlled-treatment", unitCostPence: 6500, unitsPerYear: 10 },
            ],
          }
        : undefined,
    spending:
      STAGES[i % 4] === "organising-support" || i % 2 === 0
        ? [{ on: at(40 + i).slice(0, 10), pence: 5_000 + i * 100, menuKind: "citizen-led", sector: "community" }]
        : undefined,
    review: { at: at(50), outcomes: [{ lifeAreaId: "home", atStart: 4, atReview: 4 + (i % 5) - 1 }] },
  }));
  await addPeople(db, jo.id, people);
  await db.close();
});
afterAll(async () => {
  await browser?.close();
});

const PERIOD = "from=2025-01-01&to=2025-06-30";

describe("what the scheme learns, in a real browser", () => {
  it("the commissioner finds the page from home, chooses a period with JavaScript off, and sees charts beside tables", async () => {
    const { context, page } = await windowAs(browser, DEMO.morgan, { javaScript: false });
    await page.getByRole("link", { name: "What the scheme learns: anonymised totals" }).click();
    expect(await page.locator("h1").textContent()).toBe("What the scheme learns");
    await page.getByLabel("From", { exact: true }).fill("2025-01-01");
    await page.getByLabel("To", { exact: true }).fill("2025-06-30");
    await page.getByRole("button", { name: "Show this period" }).click();
    await page.waitForURL(/from=2025-01-01&to=2025-06-30/);
    expect(await page.locator("main").textContent()).toContain("From 1 January 2025 to 30 June 2025.");
    expect(await page.getByRole("img", { name: "Number of people at each of the seven stages" }).count()).toBe(1);
    expect(await page.getByRole("table", { name: "People at each stage" }).count()).toBe(1);
    expect(await page.locator("svg rect").count()).toBeGreaterThan(5);
    // A part at a time: the sub-navigation marks the part shown and keeps the period.
    const parts = page.getByRole("navigation", { name: "Parts of the figures" });
    expect(await parts.getByRole("link").allTextContents()).toEqual([
      "People and budgets",
      "Planned spend",
      "Actual spend",
      "Small grants and treatment vouchers",
      "Sign-off and outcomes",
      "Learning from the rules",
    ]);
    expect(await parts.locator('[aria-current="page"]').textContent()).toBe("People and budgets");
    // Actual spend beside planned, and the learning loop, each a chart with its table, in plain words.
    await parts.getByRole("link", { name: "Actual spend" }).click();
    await page.waitForURL(/part=actual/);
    expect(await page.title()).toMatch(/^Actual spend – What the scheme learns/);
    expect(await page.getByRole("img", { name: "Number of people at each of the seven stages" }).count()).toBe(0);
    expect(await page.getByRole("img", { name: "Money spent in the period by kind" }).count()).toBe(1);
    expect(await page.getByRole("table", { name: "Actual spend by kind, beside planned spend" }).count()).toBe(1);
    // Another period asked for from here stays on this part, with JavaScript off.
    await page.getByLabel("From", { exact: true }).fill("2025-02-01");
    await page.getByRole("button", { name: "Show this period" }).click();
    await page.waitForURL(/from=2025-02-01&to=2025-06-30&part=actual/);
    expect(await page.locator("main").textContent()).toContain("From 1 February 2025 to 30 June 2025.");
    await parts.getByRole("link", { name: "Learning from the rules" }).click();
    await page.waitForURL(/from=2025-02-01&to=2025-06-30&part=learning/);
    const learning = "Learning from the rules: Example rule set 2026 (price per point)";
    expect(await page.getByRole("table", { name: learning, exact: false }).count()).toBe(1);
    expect(await page.getByRole("region", { name: learning, exact: false }).textContent()).toContain(
      "Budgets under this rule set tend to be",
    );
    await context.close();
  });

  it("axe finds nothing on the commissioner's page, in English and in Urdu (right to left, bars mirrored)", async () => {
    const { context, page, problems } = await windowAs(browser, DEMO.morgan);
    await page.goto(new URL(`/insights?${PERIOD}`, page.url()).href);
    await expectNoAxeViolations(page);
    await page.goto(new URL(`/language?lng=ur&returnTo=${encodeURIComponent(`/insights?${PERIOD}`)}`, page.url()).href);
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await page.locator("h1").textContent()).toBe("اسکیم سے ہم کیا سیکھتے ہیں");
    // Right to left, each label sits at the right-hand edge and its bar grows leftwards from there.
    const chart = page.locator("svg.bar-chart").first();
    expect(await chart.getAttribute("direction")).toBe("rtl");
    const label = chart.locator("text").first();
    expect(Number(await label.getAttribute("x"))).toBeGreaterThan(320);
    expect(await label.getAttribute("text-anchor")).toBe("start");
    await expectNoAxeViolations(page);
    await page.goto(new URL(`/language?lng=en&returnTo=%2Fhome`, page.url()).href);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("axe finds nothing on the team administrator's page; a period that is not one shows the error summary", async () => {
    const { context, page } = await windowAs(browser, DEMO.jo);
    await page.getByRole("link", { name: "What the scheme learns: anonymised totals" }).click();
    expect(new URL(page.url()).pathname).toBe("/insights/team");
    await page.goto(new URL(`/insights/team?${PERIOD}`, page.url()).href);
    await expectNoAxeViolations(page);
    await page.goto(new URL(`/insights/team?from=2025-06-30&to=2025-01-01`, page.url()).href);
    expect(await page.locator(".error-summary").textContent()).toContain(
      "The end of the period must be on or after its start",
    );
    await expectNoAxeViolations(page);
    await context.close();
  });
});
