import { beforeAll, describe, expect, it } from "vitest";
import { DEMO, signIn } from "../support/accounts";
import { baseUrl, Browserish } from "../support/http";

/**
 * No secret and no name in any address: addresses end up in browser history, server logs, Referer
 * headers and screenshots. Every page each role can reach by following links is fetched; every address
 * seen (links, form actions, redirects) is checked for secret-bearing parameters and for people's
 * names and email addresses.
 */
type Actor = "anonymous" | keyof typeof DEMO;

const SECRET_PARAMETERS = ["code", "invitation", "token", "name", "email", "password", "secret"];
const PEOPLE = [
  "Asha Patel",
  "Tomasz Nowak",
  "Ravi Patel",
  "Sam Brooks",
  "Jo Ahmed",
  "Chris Evans",
  "Alex Kim",
  "Priya Shah",
  "Morgan Lee",
  "Dana Okafor",
];
// Pages whose GET is a step of its own (signing out is a POST; these only show a form) are fetched like any
// other; addresses outside the portal are not followed.
const PAGES_PER_ACTOR = 250;

const browsers = {} as Record<Actor, Browserish>;

beforeAll(async () => {
  browsers.anonymous = new Browserish();
  for (const name of Object.keys(DEMO) as (keyof typeof DEMO)[]) browsers[name] = await signIn(DEMO[name]);
}, 120_000);

/** Every same-site address in a page: links, form actions, and the page's own redirect. */
function addressesIn(html: string): string[] {
  const found = [...html.matchAll(/\s(?:href|action)="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
  return found.filter((a) => a.startsWith("/") && !a.startsWith("//") && !a.startsWith("/assets/"));
}

async function crawl(browser: Browserish, seen: Set<string>): Promise<number> {
  const queue = ["/", "/home", "/help", "/menu"];
  const fetched = new Set<string>();
  while (queue.length > 0 && fetched.size < PAGES_PER_ACTOR) {
    const next = queue.shift()!;
    const path = next.split("#")[0]!;
    if (fetched.has(path) || path.endsWith(".json") || path.endsWith(".csv") || path.includes("/receipts/")) continue;
    fetched.add(path);
    const res = await browser.get(path);
    const location = res.headers.get("location");
    if (location) {
      seen.add(location);
      queue.push(location);
    }
    if (!(res.headers.get("content-type") ?? "").includes("text/html")) {
      await res.arrayBuffer();
      continue;
    }
    for (const address of addressesIn(await res.text())) {
      seen.add(address);
      queue.push(address);
    }
  }
  return fetched.size;
}

describe("addresses", () => {
  it("carry no secret and no one's name or email, on any page any role can reach", async () => {
    const seen = new Set<string>();
    let pages = 0;
    for (const actor of Object.keys(browsers) as Actor[]) pages += await crawl(browsers[actor], seen);
    expect(pages).toBeGreaterThan(300);
    expect(seen.size).toBeGreaterThan(150);
    // It reached the pages where codes and names once went into addresses: helpers, invitations, staff, teams.
    for (const page of [
      /\/people\/[0-9a-f-]{36}\/helpers$/,
      /^\/invitation$/,
      /^\/team\/staff$/,
      /^\/sign-up$/,
      /\/team$/,
    ])
      expect(
        [...seen].some((a) => page.test(a)),
        String(page),
      ).toBe(true);
    const problems: string[] = [];
    for (const address of seen) {
      const url = new URL(address, baseUrl());
      for (const key of url.searchParams.keys())
        if (SECRET_PARAMETERS.includes(key.toLowerCase())) problems.push(`${address}: parameter ${key}`);
      const readable = decodeURIComponent(url.pathname + url.search).toLowerCase();
      for (const name of PEOPLE)
        for (const part of [name, ...name.split(" ")])
          if (readable.includes(part.toLowerCase()) && part.length > 3) problems.push(`${address}: ${part}`);
      for (const email of Object.values(DEMO)) if (readable.includes(email)) problems.push(`${address}: ${email}`);
    }
    expect(problems).toEqual([]);
  }, 600_000);
});
