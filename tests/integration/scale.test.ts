import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDateTime } from "~/lib/format";
import { openTestDatabase, type TestDatabase } from "../support/database";
import type { Browserish } from "../support/http";
import { pagedPeopleSignedIn, type PagedPeople } from "../support/paged-people";

/**
 * Lists that grow with people come a page at a time (25, GOV.UK pagination, plain links), on either
 * engine. Whether the queries behind those pages find their rows through indexes is SQLite's question
 * (scale.sqlite.test.ts).
 */
let db: TestDatabase;
let paged: PagedPeople;
let lead: Browserish;
let person: Browserish;

beforeAll(async () => {
  db = await openTestDatabase({ writable: true });
  ({ lead, person, ...paged } = await pagedPeopleSignedIn(db, "pages"));
});

afterAll(() => db?.close());

/** The names linked from a page's list, in order. */
const namesOn = (html: string) => [...html.matchAll(/>(Paged Person \d\d)</g)].map((m) => m[1]!);

describe("lists that grow come a page at a time", () => {
  it("the caseload shows 25 people, then the 26th on page 2, with GOV.UK pagination that works without JavaScript", async () => {
    const one = await (await lead.get("/home")).text();
    expect(namesOn(one)).toHaveLength(25);
    expect(namesOn(one)[0]).toBe("Paged Person 01");
    // The intro says whose people these are, once; no row repeats it.
    expect(one).toContain("People you are the lead professional for.");
    expect(one).not.toContain("You are this person&#x27;s lead professional");
    expect(one).toMatch(/<nav class="pagination" aria-label="Pages"/);
    expect(one).toContain('href="?page=2" rel="next"');
    expect(one).toMatch(/aria-current="page"[^>]*>1</);
    const two = await (await lead.get("/home?page=2")).text();
    expect(namesOn(two)).toEqual(["Paged Person 26"]);
    expect(two).toContain('href="?" rel="prev"');
    // A page past the end shows the last page, never an empty list or an error.
    expect(namesOn(await (await lead.get("/home?page=99")).text())).toEqual(["Paged Person 26"]);
  });

  it("the queue shows the 25 who have waited longest, and the 26th on the next page of that list", async () => {
    const one = await (await lead.get("/queue")).text();
    expect(namesOn(one)).toHaveLength(25);
    expect(namesOn(one)[0]).toBe("Paged Person 01"); // oldest first
    expect(one).toContain('href="?page=2" rel="next"');
    const two = await (await lead.get("/queue?page=2")).text();
    expect(namesOn(two)).toEqual(["Paged Person 26"]);
  });

  it("the queue shows one list at a time, each a link away with its count, the one shown marked", async () => {
    const one = await (await lead.get("/queue")).text();
    expect(one).toMatch(/<a href="\/queue" aria-current="page">Plans waiting for a decision \(26\)<\/a>/);
    expect(one).toMatch(/<a href="\/queue\?list=reviews">Reviews \(0\)<\/a>/);
    const reviews = await (await lead.get("/queue?list=reviews")).text();
    expect(reviews).toContain("<h2>Reviews</h2>");
    expect(reviews).toContain("No reviews are set yet.");
    expect(namesOn(reviews)).toEqual([]);
    expect(reviews).toMatch(/<a href="\/queue\?list=reviews" aria-current="page">/);
    // A list the queue does not have shows the first one, never an error.
    expect(namesOn(await (await lead.get("/queue?list=everyone")).text())).toHaveLength(25);
  });

  it("notifications show the newest 25 first, and the oldest on page 2", async () => {
    const named = (html: string) => [...new Set(html.match(/Paged Person \d\d/g))];
    const one = await (await lead.get("/notifications")).text();
    expect(named(one)).toHaveLength(25);
    expect(one).toContain("Paged Person 26");
    expect(one).not.toContain("Paged Person 01");
    const two = await (await lead.get("/notifications?page=2")).text();
    expect(named(two)).toEqual(["Paged Person 01"]);
  });

  it("who has looked at the record pages through the trail, newest first", async () => {
    const first = paged.personIds[0]!;
    const rows = (html: string) => html.match(/<tr><td>/g)?.length ?? 0;
    const one = await (await person.get(`/people/${first}/audit`)).text();
    expect(rows(one)).toBe(25);
    expect(one).toContain('href="?page=2" rel="next"');
    // Newest first: the oldest line is on the last page, not the first.
    const oldest = formatDateTime(paged.oldestLine, "en");
    expect(one).not.toContain(oldest);
    const pages = Number(/Page 1 of (\d+)/.exec(one)?.[1]);
    expect(pages).toBeGreaterThan(1);
    const last = await (await person.get(`/people/${first}/audit?page=${pages}`)).text();
    expect(rows(last)).toBeGreaterThan(0);
    expect(last).toContain(oldest);
  });

  it("the plan's history shows the newest 25 saves, and the first save on page 2", async () => {
    const first = paged.personIds[0]!;
    const one = await (await person.get(`/people/${first}/plan/history`)).text();
    expect(one.match(/<tr><td>/g)).toHaveLength(25);
    const two = await (await person.get(`/people/${first}/plan/history?page=2`)).text();
    expect(two.match(/<tr><td>/g)).toHaveLength(1);
  });

  it("the data export carries every audit line, streamed", async () => {
    const first = paged.personIds[0]!;
    const json = await (await person.get(`/people/${first}/my-data.json`)).json();
    const inTable = (await db.get<{ n: number }>("select count(*) as n from audit_log where person_id = ?", first))!.n;
    expect(json.account.email).toBe(paged.personEmail(1));
    expect(json.auditTrail.length).toBe(inTable);
    expect(json.auditTrail[0].action).toBe("read");
    expect(json.auditTrail.at(-1).at <= json.auditTrail[0].at).toBe(true);
  });

  it("the data page shows the newest 25 notifications and says how many there are; the download has all 26", async () => {
    const first = paged.personIds[0]!;
    const { user_id: userId } = (await db.get<{ user_id: string }>("select user_id from persons where id = ?", first))!;
    for (let n = 1; n <= 26; n++)
      await db.run(
        "insert into notifications (id, user_id, kind, params, link, created_at) values (?, ?, 'helper-removed', '{}', null, ?)",
        `data-page-${n}`,
        userId,
        // The oldest in 2025; the others in 2026, a day apart.
        n === 1 ? "2025-06-01T09:00:00.000Z" : `2026-01-${String(n).padStart(2, "0")}T09:00:00.000Z`,
      );
    const html = await (await person.get(`/people/${first}/my-data`)).text();
    const section = html.slice(
      html.indexOf('id="h-myData.sections.notifications"'),
      html.indexOf('id="h-myData.sections.emails"'),
    );
    expect(section).toContain("The newest 25 of 26. The downloaded file has every one.");
    expect(section.match(/<dl /g)).toHaveLength(25);
    expect(section).toContain("26 January 2026"); // newest first
    expect(section).not.toContain("2025"); // the oldest is in the download only
    const json = await (await person.get(`/people/${first}/my-data.json`)).json();
    expect(json.notifications).toHaveLength(26);
  });
});
