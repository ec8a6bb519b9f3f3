// The insights pages say when their figures were worked out and, where a server may keep them after a
// change (5 minutes outside test mode), how often they are worked out again: in each language's words and
// plural forms (docs/decisions/2026-12-03-insights-at-most-five-minutes-old.md).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createInstance } from "i18next";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { WorkedOut } from "~/components/insights-report";
import { insightsKeptAfterChangeMs } from "~/lib/config.server";

function translator(lng: string) {
  const dir = join(process.cwd(), "content/locales", lng);
  const resources = Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(join(dir, f), "utf8")) as Record<string, string>]),
  );
  const i18n = createInstance();
  void i18n.init({ lng, resources: { [lng]: resources }, initAsync: false, showSupportNotice: false });
  return i18n;
}

const said = (lng: string, keptForMinutes: number) =>
  renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n: translator(lng) },
      createElement(WorkedOut, { when: "3 December 2026 at 09:14", keptForMinutes }),
    ),
  );

describe("when the insights were worked out", () => {
  it("is 5 minutes behind the records at most, outside test mode", () => {
    const before = process.env.PORTAL_TEST_ROUTES;
    try {
      delete process.env.PORTAL_TEST_ROUTES;
      expect(insightsKeptAfterChangeMs()).toBe(5 * 60_000);
      process.env.PORTAL_TEST_ROUTES = "1";
      expect(insightsKeptAfterChangeMs()).toBe(0);
    } finally {
      if (before === undefined) delete process.env.PORTAL_TEST_ROUTES;
      else process.env.PORTAL_TEST_ROUTES = before;
    }
  });

  it("is said with how often the figures are worked out again, in each language's plural", () => {
    expect(said("en", 5)).toBe(
      "<p>Figures worked out on 3 December 2026 at 09:14. While records change, they are worked out again at most once every 5 minutes.</p>",
    );
    expect(said("en", 1)).toContain("at most once a minute.");
    expect(said("pl", 5)).toContain("najwyżej raz na 5 minut.");
    expect(said("pl", 2)).toContain("najwyżej raz na 2 minuty.");
    expect(said("ur", 5)).toContain("ہر 5 منٹ میں ایک بار");
    for (const lng of ["en", "pl", "ur"]) expect(said(lng, 5)).not.toMatch(/\{\{|keptFor|period\./);
  });

  it("says nothing of how often when the figures are never kept after a change", () => {
    expect(said("en", 0)).toBe("<p>Figures worked out on 3 December 2026 at 09:14.</p>");
  });
});
