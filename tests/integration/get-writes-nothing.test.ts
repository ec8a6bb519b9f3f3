import Database from "better-sqlite3";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, recordLinks, signIn } from "../support/accounts";
import { Browserish, dataDir } from "../support/http";
import { routeList, type RouteInfo } from "../support/routes";

/**
 * A GET never changes anything but the audit trail (who looked at what). Every GET route, page and
 * data endpoint, as every role, on two people's records: the row count of every table stays the same,
 * apart from audit_log.
 */
type Actor = "anonymous" | "asha" | "tomasz" | "ravi" | "sam" | "jo" | "chris" | "morgan";

let sqlite: Database.Database;
let routes: RouteInfo[];
const browsers = {} as Record<Actor, Browserish>;
let records: string[];

function rowCounts(): Record<string, number> {
  const tables = sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables
      .filter((t) => t.name !== "audit_log")
      .map((t) => [t.name, (sqlite.prepare(`select count(*) as n from "${t.name}"`).get() as { n: number }).n]),
  );
}

beforeAll(async () => {
  sqlite = new Database(path.join(dataDir(), "portal.sqlite"), { readonly: true, fileMustExist: true });
  routes = await routeList();
  browsers.anonymous = new Browserish();
  for (const name of ["asha", "tomasz", "ravi", "sam", "jo", "chris", "morgan"] as const)
    browsers[name] = await signIn(DEMO[name]);
  records = [(await recordLinks(browsers.asha))[0]!, (await recordLinks(browsers.tomasz))[0]!];
}, 120_000);

afterAll(() => sqlite?.close());

describe("a GET never writes", () => {
  it("crawls every GET route as every role and finds every row count unchanged except the audit trail", async () => {
    const before = rowCounts();
    const auditBefore = (sqlite.prepare("select count(*) as n from audit_log").get() as { n: number }).n;
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
    expect(rowCounts()).toEqual(before);
    // The crawl was seen: reads of records are audited.
    expect((sqlite.prepare("select count(*) as n from audit_log").get() as { n: number }).n).toBeGreaterThan(
      auditBefore,
    );
  }, 300_000);
});
