import path from "node:path";
import { describe, expect, it } from "vitest";
import { readContentJson } from "~/content/read.server";
import { CONTENT_PATHS, directoryFileSchema, menuFileSchema } from "~/domain/menu";
import { openTestDatabase } from "../support/database";
import { Browserish } from "../support/http";

const contentDir = path.resolve(import.meta.dirname, "../../content");
const menu = readContentJson(CONTENT_PATHS.menu, menuFileSchema, contentDir);
const directory = readContentJson(CONTENT_PATHS.directory, directoryFileSchema, contentDir);

/**
 * A page as a first-time visitor (or one who chose Urdu or Polish) sees it: the HTML up to the
 * translations the browser is handed, so a match is in what is rendered, not in that data.
 */
async function page(pathAndQuery: string, lang?: "ur" | "pl"): Promise<{ status: number; html: string }> {
  const browser = new Browserish();
  if (lang) await browser.get(`/language?lng=${lang}&returnTo=%2F`);
  const res = await browser.get(pathAndQuery);
  const html = await res.text();
  return { status: res.status, html: html.split('<script type="application/json"')[0]! };
}

/** How many changes commissioners have made to the menu on this server (each is a new version). */
async function menuChangesHere(): Promise<number> {
  const db = await openTestDatabase();
  try {
    return (await db.get<{ n: number }>("select count(*) as n from menu_changes"))!.n;
  } finally {
    await db.close();
  }
}

/** The ids of the menu entries a page shows (each entry is a section with its id as anchor). */
function entryIdsOn(html: string): string[] {
  return menu.entries.map((e) => e.id).filter((id) => html.includes(`<section id="${id}"`));
}

describe("the public menu", () => {
  it("shows every entry, the kinds, the version and how to challenge a rule, without signing in", async () => {
    const { status, html } = await page("/menu");
    expect(status).toBe(200);
    // Every shipped entry, a retired one too (marked, so the change is public): the same whichever file ran first.
    expect(entryIdsOn(html)).toEqual(menu.entries.map((e) => e.id));
    for (const kind of Object.values(menu.kinds)) expect(html).toContain(kind.explanation.en);
    if ((await menuChangesHere()) === 0) expect(html).toContain("Menu version 2026-1, published 5 January 2026");
    else expect(html).toMatch(/Menu version 2026-1\.\d+, published \d{1,2} [A-Z][a-z]+ 20\d\d/);
    expect(html).toContain("These rules are public, and you can challenge them.");
    expect(html).toContain('href="/help-outside-budget#example-debt-advice"');
    // Accredited providers, marked as made up.
    expect(html).toContain("Example Wellbeing Therapies (fictional)");
    expect(html).toContain("registration number EX-CBT-0001");
    expect(html).toContain("£65 a session");
    expect(html).toContain("Example — not a real provider");
  });

  it("searches without JavaScript: ?q=gym finds the gym and not alcohol", async () => {
    const { html } = await page("/menu?q=gym");
    expect(entryIdsOn(html)).toEqual(["gym-membership"]);
    expect(html).toContain("Entries that match: 1");
    expect(html).toContain('value="gym"');
  });

  it("filters by kind", async () => {
    const { html } = await page("/menu?kind=absolute-exclusion");
    const exclusions = menu.entries.filter((e) => e.kind === "absolute-exclusion").map((e) => e.id);
    expect(entryIdsOn(html)).toEqual(exclusions);
    expect(html).toMatch(/<input type="radio" id="kind-option-absolute-exclusion"[^>]* checked=""/);
  });

  it("says so when nothing matches, and a made-up kind is read as all kinds", async () => {
    const none = await page("/menu?q=zzqxv");
    expect(none.status).toBe(200);
    expect(entryIdsOn(none.html)).toEqual([]);
    expect(none.html).toContain("No entries match.");
    const odd = await page("/menu?kind=everything");
    expect(entryIdsOn(odd.html).length).toBe(menu.entries.length);
  });

  it("speaks Urdu right to left, and Polish", async () => {
    const ur = await page("/menu", "ur");
    expect(ur.html).toMatch(/<html lang="ur" dir="rtl">/);
    expect(ur.html).toContain("بجٹ کن چیزوں پر خرچ ہو سکتا ہے");
    expect(ur.html).toContain(menu.entries[0]!.title.ur);
    const pl = await page("/menu?q=si%C5%82ownia", "pl");
    expect(pl.html).toMatch(/<html lang="pl" dir="ltr">/);
    expect(pl.html).toContain("Na co można wydać budżet");
    expect(entryIdsOn(pl.html)).toEqual(["gym-membership"]);
    expect(pl.html).toContain("Karnet na siłownię");
  });
});

describe("help outside the budget", () => {
  it("lists every directory entry by category and marks the examples", async () => {
    const { status, html } = await page("/help-outside-budget");
    expect(status).toBe(200);
    for (const entry of directory.entries) expect(html).toContain(`<section id="${entry.id}"`);
    const examples = directory.entries.filter((e) => e.example).length;
    expect(examples).toBeGreaterThan(0);
    expect(html.split("Example entry — not a real organisation").length - 1).toBe(examples);
    expect(html).toContain("Peer support");
    expect(html).toContain("Debt advice");
    // A real line can be rung from the page; a made-up one is plain text.
    expect(html).toContain('href="tel:116123"');
    expect(html).not.toContain('href="tel:01632960101"');
    expect(html).toContain("Face-to-face help");
  });

  it("is linked from the start page, the menu and every footer", async () => {
    for (const path of ["/", "/menu", "/help"]) {
      expect((await page(path)).html, path).toContain('href="/help-outside-budget"');
    }
    const { html } = await page("/help");
    expect(html).toContain('href="/menu"');
    expect(html).toContain('href="/guides"');
  });
});

describe("guides", () => {
  it("lists the guides and shows one", async () => {
    const list = await page("/guides");
    expect(list.status).toBe(200);
    expect(list.html).toContain('href="/guides/direct-payment"');
    expect(list.html).toContain("Six ways to manage a budget");
    const one = await page("/guides/direct-payment");
    expect(one.status).toBe(200);
    expect(one.html).toContain("Direct payment: you hold the money");
    expect(one.html).toContain("What it asks of you");
    expect((await page("/guides/direct-payment", "pl")).html).toContain("Płatność bezpośrednia");
  });

  it("answers an unknown guide with the friendly 404", async () => {
    const { status, html } = await page("/guides/nope");
    expect(status).toBe(404);
    expect(html).toContain("Page not found");
  });
});
