import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NEED_AREA_KEYS } from "~/domain/choices";
import { DEMO, recordLinks, signIn, signUp } from "../support/accounts";
import { Browserish } from "../support/http";

/**
 * Rule sets with a life of their own: a commissioner copies one, changes it through the form or
 * uploads a file, a second commissioner approves it, and new budgets use it from its date while
 * budgets already worked out keep theirs.
 */
let morgan: Browserish;
let dana: Browserish;

const ANSWERS: Record<string, string> = {
  mood: "3",
  experiences: "2",
  "keeping-safe": "2",
  physical: "1",
  "daily-living": "2",
  relationships: "3",
};

async function personWithAnswers(name: string, email: string): Promise<{ browser: Browserish; id: string }> {
  const browser = new Browserish();
  await signUp(browser, { name, email, password: `${name} has a long pass phrase` });
  const id = (await recordLinks(browser))[0]!;
  for (const key of NEED_AREA_KEYS)
    expect((await browser.post(`/people/${id}/assessment/${key}`, { rating: ANSWERS[key] ?? "0" })).status).toBe(302);
  await browser.post(`/people/${id}/assessment/informal`, { informal: "a-little" });
  return { browser, id };
}

async function workOutBudget(p: { browser: Browserish; id: string }): Promise<string> {
  const res = await p.browser.post(`/people/${p.id}/assessment/check`, { intent: "calculate" });
  expect(res.status).toBe(302);
  return (await p.browser.get(`/people/${p.id}/budget`)).text();
}

const example = JSON.parse(readFileSync("content/rule-sets/example-2026-1.json", "utf8"));
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

beforeAll(async () => {
  morgan = await signIn(DEMO.morgan);
  dana = await signIn(DEMO.dana);
});

afterAll(async () => {
  // Other test files expect the example's figures: stop using the rule set published here.
  await morgan.post("/scheme/rule-sets/it-price-330", { intent: "retire" });
});

describe("rule sets made by commissioners", () => {
  it("lists the shipped rule sets, naming the one in force", async () => {
    const html = await (await morgan.get("/scheme")).text();
    expect(html).toContain("example-2026-1");
    expect(html).toContain("example-bands-2026-1");
    expect(html).toContain("in force today");
  });

  it("copies a rule set into a draft and refuses a name already taken, by the field", async () => {
    const taken = await morgan.post("/scheme", { intent: "copy", from: "example-2026-1", id: "example-bands-2026-1" });
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain('href="#f-id"');
    const res = await morgan.post("/scheme", { intent: "copy", from: "example-2026-1", id: "it-price-330" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/scheme/rule-sets/it-price-330/edit");
  });

  it("refuses an invalid draft in the form, naming each field, and keeps what was typed", async () => {
    const form = await (await morgan.get("/scheme/rule-sets/it-price-330/edit")).text();
    expect(form).toContain('name="pricePerPointPounds"');
    const values = formValues(form);
    // A share over 100 and a missing weight.
    const res = await morgan.post("/scheme/rule-sets/it-price-330/edit", {
      ...values,
      "share-mood": "120",
      "weight-caring": "",
      pricePerPointPounds: "330",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('href="#f-share-mood"');
    expect(html).toContain("NHS share %: Mood and emotional wellbeing: must be at most 100");
    expect(html).toContain('href="#f-weight-caring"');
    expect(html).toContain("Weight: Looking after children or family I care for: is missing");
    expect(html).toMatch(/id="f-share-mood"[^>]*value="120"|value="120"[^>]*id="f-share-mood"/);

    // A gap between bands.
    const gap = await morgan.post("/scheme/rule-sets/it-price-330/edit", {
      ...values,
      tariff: "bands",
      band0From: "0",
      band0To: "11",
      band0Amount: "0",
      band1From: "14",
      band1To: "40",
      band1Amount: "5000",
    });
    expect(gap.status).toBe(400);
    expect(await gap.text()).toContain('href="#f-band1From"');
  });

  it("saves a changed price through the form", async () => {
    const values = formValues(await (await morgan.get("/scheme/rule-sets/it-price-330/edit")).text());
    const res = await morgan.post("/scheme/rule-sets/it-price-330/edit", { ...values, pricePerPointPounds: "330" });
    expect(res.status).toBe(302);
    const page = await (await morgan.get("/scheme/rule-sets/it-price-330")).text();
    expect(page).toContain("£330 a year for each point, from 12 points.");
    expect(page).toContain("Draft");
  });

  it("refuses an uploaded file with problems, listing each with its path", async () => {
    const { pricePerPointPounds: _p, threshold: _t, ...rest } = example;
    const { caring: _c, ...weights } = example.weights;
    const bad = {
      ...rest,
      id: "it-bad-upload",
      weights,
      nhsShares: { ...example.nhsShares, mood: 120 },
      bands: [
        { from: 0, to: 11, amountPounds: 0 },
        { from: 14, to: 40, amountPounds: 5000 },
      ],
    };
    const res = await morgan.postFile(
      "/scheme",
      { intent: "upload" },
      { field: "ruleSetFile", name: "bad.json", type: "application/json", content: JSON.stringify(bad) },
    );
    expect(res.status).toBe(400);
    const html = (await res.text()).replaceAll("<!-- -->", "");
    expect(html).toContain("<code>bands.1.from</code>: leaves a gap after the band before");
    expect(html).toContain("<code>weights.caring</code>: is missing");
    expect(html).toContain("<code>nhsShares.mood</code>: must be at most 100");
    const notJson = await morgan.postFile(
      "/scheme",
      { intent: "upload" },
      { field: "ruleSetFile", name: "bad.json", type: "application/json", content: "{ not json" },
    );
    expect(notJson.status).toBe(400);
    expect(await notJson.text()).toContain("The file is not a JSON file");
  });

  it("refuses an upload over the size limit", async () => {
    const res = await morgan.postFile(
      "/scheme",
      { intent: "upload" },
      { field: "ruleSetFile", name: "big.json", type: "application/json", content: " ".repeat(200 * 1024) },
    );
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("The file is larger than this page accepts");
  });

  it("takes a valid uploaded file as a new draft", async () => {
    const res = await morgan.postFile(
      "/scheme",
      { intent: "upload" },
      {
        field: "ruleSetFile",
        name: "good.json",
        type: "application/json",
        content: JSON.stringify({ ...example, id: "it-uploaded" }),
      },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/scheme/rule-sets/it-uploaded");
  });

  it("needs a second commissioner to publish; the maker cannot approve their own", async () => {
    const before = await personWithAnswers("Ula Before", "ula.before@example.org");
    const beforeHtml = await workOutBudget(before);
    expect(beforeHtml).toContain("£8,850");

    const asked = await morgan.post("/scheme/rule-sets/it-price-330", {
      intent: "ask-approval",
      effectiveFrom: today,
      reason: "Care costs rose by 10% this year",
    });
    expect(asked.status).toBe(302);
    const own = await morgan.post("/scheme/rule-sets/it-price-330", { intent: "approve", note: "Looks right" });
    expect(own.status).toBe(409);
    expect(await own.text()).toContain("A second commissioner must approve it");

    const approved = await dana.post("/scheme/rule-sets/it-price-330", {
      intent: "approve",
      note: "Checked against last year's packages",
    });
    expect(approved.status).toBe(302);
    const page = await (await morgan.get("/scheme/rule-sets/it-price-330")).text();
    expect(page).toContain("Published");
    expect(page).toContain("Morgan Lee");
    expect(page).toContain("Care costs rose by 10% this year");
    expect(page).toContain("Dana Okafor");
    expect(page).toContain("Checked against last year&#x27;s packages");

    // Published never changes: no edit page, and the edit action refuses.
    expect((await morgan.get("/scheme/rule-sets/it-price-330/edit")).status).toBe(404);

    // A budget worked out now uses the new rule set and names it; the one worked out before keeps its figures.
    const after = await personWithAnswers("Vic After", "vic.after@example.org");
    const afterHtml = await workOutBudget(after);
    // NHS 20.1 × £330 = £6,633 → £6,630; council 9.9 × £330 × 95% = £3,103.65 → £3,100; total £9,730.
    expect(afterHtml).toContain("£9,730");
    expect(afterHtml).toContain("(it-price-330)");
    const unchanged = await (await before.browser.get(`/people/${before.id}/budget`)).text();
    expect(unchanged).toContain("£8,850");
    expect(unchanged).toContain("(example-2026-1)");
    expect(unchanged).not.toContain("£9,730");
  });
});

/** Every box of the form as the page fills it (text boxes and the checked radio). */
function formValues(html: string): Record<string, string> {
  const form = html.slice(html.indexOf('name="labelEn"') - 2000);
  const values: Record<string, string> = {};
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name || name === "csrf") continue;
    const value = /value="([^"]*)"/.exec(attrs)?.[1] ?? "";
    if (/type="radio"/.test(attrs)) {
      if (/checked/.test(attrs)) values[name] = value;
    } else values[name] = value.replace(/&#x27;/g, "'").replace(/&amp;/g, "&");
  }
  return values;
}
