import { describe, expect, it } from "vitest";
import { Browserish, baseUrl } from "../support/http";

const SECURITY_HEADERS = [
  "content-security-policy",
  "x-content-type-options",
  "referrer-policy",
  "strict-transport-security",
  "cache-control",
];

describe("the portal's foundation", () => {
  it("serves the start page in plain English with the urgent help link", async () => {
    const res = await fetch(new URL("/", baseUrl()));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<h1>Plan your own support with a personal budget</h1>");
    expect(html).toContain('href="/help"');
    expect(html).toContain("How long it usually takes");
  });

  it("names its translations' address instead of carrying them, and the address gives them to keep, the same for everyone", async () => {
    const html = await (await fetch(new URL("/", baseUrl()))).text();
    // The start page's texts are not in the page (only what it shows), nor any other page's.
    expect(html).not.toContain("_translationStatus");
    expect(html).not.toContain("Where I am signed in");
    const href = /<script type="application\/json" id="i18n-resources">\{"href":"([^"]+)"\}<\/script>/.exec(html)?.[1];
    expect(href).toMatch(/^\/translations\/en\/[\w-]+\/account\+common\+start\.json$/);
    expect(html).toContain(`<link rel="preload" href="${href}" as="fetch" crossorigin="anonymous"/>`);

    const kept = await fetch(new URL(href!, baseUrl()));
    expect(kept.status).toBe(200);
    expect(kept.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(kept.headers.get("set-cookie")).toBeNull();
    const texts = (await kept.json()) as Record<string, Record<string, unknown>>;
    expect(Object.keys(texts)).toEqual(["account", "common", "start"]);
    expect(JSON.stringify(texts.account)).toContain("Where I am signed in");

    // Another version's address (a page from before a release) gets today's texts, not to be kept.
    const old = await fetch(new URL(href!.replace(/\/en\/[\w-]+\//, "/en/older/"), baseUrl()));
    expect(old.status).toBe(200);
    expect(old.headers.get("cache-control")).toBe("public, no-cache");
    // Only the portal's languages and namespaces.
    for (const wrong of [
      "/translations/xx/v/common.json",
      "/translations/en/v/common+nope.json",
      "/translations/en/v/common",
    ])
      expect((await fetch(new URL(wrong, baseUrl()))).status, wrong).toBe(404);
  });

  it("tells the browser only of the routes a page is made of, and finds another when a link asks", async () => {
    // A deep address: each of its ancestor paths (/, /menu, /menu/gym-membership) was matched against every
    // route on each request, and the routes found went into every page's inline manifest.
    const html = await (await fetch(new URL("/menu/gym-membership/question", baseUrl()))).text();
    const manifest = JSON.parse(/window\.__reactRouterManifest = ([\s\S]*?);\n/.exec(html)![1]!) as {
      routes: Record<string, unknown>;
      version: string;
    };
    expect(Object.keys(manifest.routes).sort()).toEqual(["root", "routes/public/menu-question"]);
    // The browser asks for the rest when it needs them (lazy route discovery), and gets them.
    const asked = await fetch(new URL(`/__manifest?paths=%2Fmenu&version=${manifest.version}`, baseUrl()));
    expect(asked.status).toBe(200);
    expect(Object.keys((await asked.json()) as object)).toContain("routes/public/menu");
  });

  it("answers /healthz only because the database answers", async () => {
    const res = await fetch(new URL("/healthz", baseUrl()));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
  });

  it("gives a friendly 404 with status 404 for a missing page", async () => {
    const res = await fetch(new URL("/no-such-page", baseUrl()));
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("Page not found");
    expect(html).toContain('href="/help"');
  });

  it("gives a friendly error page with status 500 and no stack trace when something throws", async () => {
    const res = await fetch(new URL("/test-error", baseUrl()));
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain("Sorry, something went wrong on our side");
    expect(html).not.toContain("secret stack trace");
    expect(html).not.toMatch(/at \S+ \(.*:\d+:\d+\)/);
  });

  it("puts the security headers on pages, data, errors and static files", async () => {
    for (const path of ["/", "/help", "/no-such-page", "/test-error", "/healthz"]) {
      const res = await fetch(new URL(path, baseUrl()));
      for (const header of SECURITY_HEADERS) expect(res.headers.get(header), `${header} on ${path}`).toBeTruthy();
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
    const page = await fetch(new URL("/", baseUrl()));
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9_-]{16,}'/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const html = await page.text();
    // Every script the page runs carries this response's nonce; a second request gets a new one.
    for (const tag of html.match(/<script(?![^>]*type="application\/json")[^>]*>/g) ?? [])
      expect(tag).toContain(`nonce="${nonce}"`);
    const again = await fetch(new URL("/", baseUrl()));
    expect(again.headers.get("content-security-policy")).not.toContain(nonce);
    const favicon = await fetch(new URL("/favicon.svg", baseUrl()));
    expect(favicon.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("speaks Urdu right to left after the language switch, remembered in a cookie", async () => {
    const browser = new Browserish();
    const res = await browser.get("/language?lng=ur&returnTo=%2Fhelp");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/help");
    const html = await (await browser.get("/help")).text();
    expect(html).toMatch(/<html lang="ur" dir="rtl">/);
  });

  it("refuses to send the language switch to another site", async () => {
    const res = await fetch(new URL("/language?lng=pl&returnTo=%2F%2Fevil.example", baseUrl()), { redirect: "manual" });
    expect(res.headers.get("location")).toBe("/");
  });

  it("chooses the language from Accept-Language on a first visit", async () => {
    const res = await fetch(new URL("/", baseUrl()), { headers: { "accept-language": "pl-PL,pl;q=0.9,en;q=0.5" } });
    expect(await res.text()).toMatch(/<html lang="pl" dir="ltr">/);
  });

  it("refuses a POST from another origin, and one without a token", async () => {
    const browser = new Browserish();
    // React Router's own origin check may answer first (400); either way nothing runs.
    const crossOrigin = await browser.post("/help", {}, { origin: "https://evil.example", csrf: "anything" });
    expect([400, 403]).toContain(crossOrigin.status);
    const noToken = await browser.post("/help", {}, { csrf: null });
    expect(noToken.status).toBe(403);
  });
});
