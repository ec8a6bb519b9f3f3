import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, recordLinks, signIn } from "../support/accounts";
import { openTestDatabase, tableNames, type TestDatabase } from "../support/database";
import { Browserish } from "../support/http";
import { routeList, type RouteInfo } from "../support/routes";

/**
 * A GET never changes anything but the audit trail (who looked at what). Every GET route, page and
 * data endpoint, as every role, on two people's records: the row count of every table stays the same,
 * apart from the audit trail's: its lines, and each person's count of them (kept by a trigger), which
 * gains a row the first time someone's record is looked at.
 */
type Actor = "anonymous" | "asha" | "tomasz" | "ravi" | "sam" | "jo" | "chris" | "morgan";

const AUDIT_TRAIL = ["audit_log", "audit_counts"];

let db: TestDatabase;
let routes: RouteInfo[];
const browsers = {} as Record<Actor, Browserish>;
let records: string[];

const count = async (table: string): Promise<number> =>
  (await db.get<{ n: number }>(`select count(*) as n from "${table}"`))!.n;

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tableNames(db)) if (!AUDIT_TRAIL.includes(table)) counts[table] = await count(table);
  return counts;
}

beforeAll(async () => {
  db = await openTestDatabase();
  routes = await routeList();
  browsers.anonymous = new Browserish();
  for (const name of ["asha", "tomasz", "ravi", "sam", "jo", "chris", "morgan"] as const)
    browsers[name] = await signIn(DEMO[name]);
  records = [(await recordLinks(browsers.asha))[0]!, (await recordLinks(browsers.tomasz))[0]!];
}, 120_000);

afterAll(() => db?.close());

describe("a GET never writes", () => {
  it("crawls every GET route as every role and finds every row count unchanged except the audit trail", async () => {
    const before = await rowCounts();
    const auditBefore = await count("audit_log");
    let requests = 0;
    for (const route of routes.filter((r) => r.hasLoader)) {
      const paths = route.path.includes(":personId")
        ? records.map((id) => route.path.replace(":personId", id))
        : [route.path];
      for (const raw of paths) {
        const url = raw
          .replace(":area", "mood")
          .replace(":cycle", "1")
          .replace(":guideId", "direct-payment")
          .replace("*", "nothing-here");
        for (const actor of Object.keys(browsers) as Actor[]) {
          for (const target of route.hasComponent ? [url, `${url}.data`] : [url]) {
            await (await browsers[actor].get(target)).arrayBuffer();
            requests++;
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(400);
    expect(await rowCounts()).toEqual(before);
    // The crawl was seen: reads of records are audited.
    expect(await count("audit_log")).toBeGreaterThan(auditBefore);
  }, 300_000);
});
