import type { Page } from "playwright-core";
import { expect } from "vitest";
import { baseUrl } from "./http";

/** The same-site links of a page's HTML, as its anchors give them (`&amp;` read as `&`). */
function linksIn(html: string): string[] {
  return [...html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
}

/**
 * Every same-site page reachable by following links from /home, breadth first, as the window's
 * signed-in person (the window's own cookies). Pages are fetched, not drawn: a link is in the HTML the
 * server sends whether or not scripts run, and fetching is several times faster than loading each page.
 */
export async function crawlFromHome(page: Page): Promise<string[]> {
  const seen = new Set<string>(["/home"]);
  const queue = ["/home"];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (path.endsWith(".json")) continue; // a download, not a page
    const response = await page.request.get(new URL(path, baseUrl()).href);
    for (const href of linksIn(await response.text())) {
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

/**
 * The pages of Asha's crawl that others open. The public menu's and guides' own pages (one per entry,
 * one per guide) show everyone the same content; their index pages stay in. Every page about a person,
 * and every account page, is opened.
 */
export function pagesToOpen(links: string[]): string[] {
  const checked = links.filter((path) => !/^\/(menu|guides)\/./.test(path));
  expect(checked.filter((path) => path.startsWith("/people/")).length).toBe(
    links.filter((l) => l.startsWith("/people/")).length,
  );
  return checked;
}

/**
 * Fetches each page as someone else (with their window's cookies) and finds no trace of Asha anywhere in
 * what the server sends: not only the text a page shows but its attributes and the data it carries for
 * the scripts, so nothing shown after the scripts run can name her either.
 */
export async function expectNoTraceOfAsha(who: string, page: Page, paths: string[]): Promise<void> {
  for (const path of paths) {
    const text = await (await page.request.get(new URL(path, baseUrl()).href)).text();
    expect(text, `${who} opened ${path}`).not.toMatch(/Asha|asha@example\.org|LPA-EXAMPLE-0001/);
  }
}
