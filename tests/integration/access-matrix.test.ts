import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, recordLinks, signIn, signUp } from "../support/accounts";
import { Browserish } from "../support/http";
import { routeList, type RouteInfo } from "../support/routes";

/**
 * The access matrix: every route that names a person's record, for every role, on Asha's record
 * (her own, her helpers', her lead professional's), on Tomasz's (another person's) and for a helper
 * Asha has removed. The expectations are written out here, independently of the access module.
 */
type Actor =
  | "anonymous"
  | "asha"
  | "tomasz"
  | "ravi"
  | "sam"
  | "jo" // lead professional and administrator of Asha's team (North)
  | "chris" // lead professional in the same team
  | "alex" // positive-risk panel member of the same team
  | "priya" // administrator of another team (South)
  | "morgan" // commissioner
  | "removed";

// Who may use each route on ASHA's record. Everyone else must get 404 (or sign-in for anonymous).
const ON_ASHAS_RECORD: Record<string, { loader?: Actor[]; action?: Actor[] }> = {
  "routes/record/record": { loader: ["asha", "ravi", "sam", "jo"] },
  "routes/record/helpers": { loader: ["asha"], action: ["asha"] },
  "routes/record/audit": { loader: ["asha", "ravi"] },
  "routes/record/my-data": { loader: ["asha", "ravi"] },
  "routes/record/my-data-json": { loader: ["asha", "ravi"] },
  "routes/assessment/start": { loader: ["asha", "ravi", "sam", "jo"] },
  "routes/assessment/question": { loader: ["asha", "ravi", "sam", "jo"], action: ["asha", "ravi", "sam"] },
  "routes/assessment/informal": { loader: ["asha", "ravi", "sam", "jo"], action: ["asha", "ravi", "sam"] },
  "routes/assessment/check": { loader: ["asha", "ravi", "sam", "jo"], action: ["asha", "ravi", "sam"] },
  "routes/assessment/agree": { loader: ["jo"], action: ["jo"] },
  "routes/budget/budget": { loader: ["asha", "ravi", "sam", "jo"] },
  // Categories: only the lead professional places; the person, or whoever acts for them, asks to look again.
  "routes/budget/category": { loader: ["jo"], action: ["jo"] },
  "routes/budget/look-again": { loader: ["asha", "ravi"], action: ["asha", "ravi"] },
  // Small grants: everyone who sees the record sees them; the person (or who acts for them) applies.
  "routes/grants/grants": { loader: ["asha", "ravi", "sam", "jo"] },
  "routes/grants/apply": { loader: ["asha", "ravi"], action: ["asha", "ravi"] },
  // A grant id that is not Asha's answers 404 to everyone; who may open, decide and spend from a real
  // one is in tests/browser/funding.test.ts ("small grants").
  "routes/grants/grant": { loader: [], action: [] },
  // Treatment vouchers: everyone who sees the record sees them; the lead professional issues one. A voucher
  // id that is not Asha's answers 404 to everyone; a real one is in tests/browser/funding.test.ts ("vouchers").
  "routes/vouchers/vouchers": { loader: ["asha", "ravi", "sam", "jo"], action: ["jo"] },
  "routes/vouchers/voucher": { loader: [], action: [] },
  "routes/plan/plan": { loader: ["asha", "ravi", "sam", "jo"], action: ["asha", "ravi", "sam"] },
  "routes/plan/outcomes": { loader: ["asha", "ravi", "sam", "jo"], action: ["asha", "ravi", "sam"] },
  "routes/plan/items": { loader: ["asha", "ravi", "sam", "jo"], action: ["asha", "ravi", "sam"] },
  // Adding (the questions one kind needs) and changing a saved item: those who may edit the plan.
  "routes/plan/item-new": { loader: ["asha", "ravi", "sam"], action: ["asha", "ravi", "sam"] },
  "routes/plan/item-change": { loader: ["asha", "ravi", "sam"], action: ["asha", "ravi", "sam"] },
  // -- journey and the rest of the plan (stages 2 to 7) --
  "routes/record/journey": { loader: ["asha", "ravi", "sam", "jo"] },
  // -- the team that supports the person: only the person (or who acts for them) chooses it --
  "routes/record/team": { loader: ["asha", "ravi"], action: ["asha", "ravi"] },
  "routes/plan/resources": { loader: ["asha", "ravi", "sam", "jo"], action: ["asha", "ravi", "sam"] },
  "routes/plan/free-support": { loader: ["asha", "ravi", "sam", "jo"], action: ["asha", "ravi", "sam"] },
  "routes/plan/risks": { loader: ["asha", "ravi", "sam", "jo"], action: ["asha", "ravi", "sam"] },
  "routes/plan/crisis": { loader: ["asha", "ravi", "sam", "jo"], action: ["asha", "ravi", "sam"] },
  "routes/plan/decisions": { loader: ["asha", "ravi", "sam", "jo"], action: ["asha", "ravi", "sam"] },
  "routes/plan/organising": { loader: ["asha", "ravi", "sam", "jo"], action: ["asha", "ravi", "sam"] },
  "routes/plan/using": { loader: ["asha", "ravi", "sam", "jo"], action: ["asha", "ravi", "sam"] },
  "routes/plan/reflecting": { loader: ["asha", "ravi", "sam", "jo"], action: ["asha", "ravi", "sam"] },
  "routes/plan/history": { loader: ["asha", "ravi", "sam", "jo"] },
  "routes/plan/print": { loader: ["asha", "ravi", "sam", "jo"] },
  "routes/plan/cycle": { loader: ["asha", "ravi", "sam", "jo"] },
  // -- sign-off, review and notifications --
  "routes/signoff/submit": { loader: ["asha", "ravi", "sam", "jo"], action: ["asha", "ravi"] },
  "routes/signoff/review": { loader: ["jo"], action: ["jo"] },
  "routes/signoff/decision": { loader: ["asha", "ravi", "sam", "jo"], action: ["asha", "ravi"] },
  "routes/signoff/review-meeting": { loader: ["jo"], action: ["jo"] },
  "routes/signoff/change-requests": { loader: ["jo"], action: ["jo"] },
  // -- money after sign-off: Asha's money is hers to record (direct payment, not held by an organisation) --
  "routes/spending/spending": { loader: ["asha", "ravi", "sam", "jo"], action: ["asha", "ravi"] },
  "routes/spending/received": { loader: ["asha", "ravi"], action: ["asha", "ravi"] },
  "routes/spending/record": { loader: ["asha", "ravi"], action: ["asha", "ravi"] },
  "routes/spending/import": { loader: ["asha", "ravi"], action: ["asha", "ravi"] },
  "routes/spending/receipts": { loader: ["asha", "ravi"], action: ["asha", "ravi"] },
  // The lead professional records the sum agreed at sign-off; the person (or whoever acts for them) draws on it.
  "routes/spending/contingency": { loader: ["asha", "ravi", "sam", "jo"], action: ["asha", "ravi", "jo"] },
  "routes/spending/return": { loader: ["asha", "ravi", "sam", "jo"] },
  "routes/spending/return-csv": { loader: ["asha", "ravi", "sam", "jo"] },
  // A statement or receipt id that is not Asha's answers 404 to everyone. Who may open a real one
  // (the person, not another person, a helper without rights, the lead professional unless shared,
  // or anyone signed out) is in tests/integration/spending.test.ts, "receipts".
  "routes/spending/statement": { loader: [], action: [] },
  "routes/spending/receipt-file": { loader: [] },
};

// An item on Asha's plan for the change page, added before the matrix and removed after it.
let ashaItem = "00000000-0000-4000-8000-000000000019";

/** A real value for each route parameter other than the person. */
const fill = (path: string, personId: string) =>
  path
    .replace(":personId", personId)
    .replace(":entryId", "gym-membership")
    .replace(":itemId", ashaItem)
    .replace(":area", "mood")
    .replace(":cycle", "1")
    .replace(":importId", "00000000-0000-4000-8000-000000000019")
    .replace(":receiptId", "00000000-0000-4000-8000-000000000019")
    .replace(":grantId", "00000000-0000-4000-8000-000000000019")
    .replace(":voucherId", "00000000-0000-4000-8000-000000000019")
    .replace(":lang/:version/:set", "en/current/common.json");

// Routes that do not name a record: who gets the page (anonymous is sent to sign in where needed).
const NOT_RECORD_ROUTES: Record<string, { signedIn: "any" | Actor[] | "public" | "by-team" }> = {
  "routes/public/start": { signedIn: "public" },
  "routes/public/not-found": { signedIn: "public" },
  "routes/public/help": { signedIn: "public" },
  "routes/public/menu": { signedIn: "public" },
  // Questioning a rule: everyone, signed in or not (checked below: page and form).
  "routes/public/menu-question": { signedIn: "public" },
  "routes/public/help-outside-budget": { signedIn: "public" },
  "routes/public/guides": { signedIn: "public" },
  "routes/public/guide": { signedIn: "public" },
  "routes/public/healthz": { signedIn: "public" },
  "routes/public/language": { signedIn: "public" },
  "routes/public/translations": { signedIn: "public" },
  "routes/public/test-error": { signedIn: "public" },
  "routes/account/sign-in": { signedIn: "public" },
  "routes/account/sign-in-code": { signedIn: "public" },
  "routes/account/sign-up": { signedIn: "public" },
  "routes/account/sign-up-confirm": { signedIn: "public" },
  "routes/account/sign-out": { signedIn: "public" },
  "routes/account/signed-out": { signedIn: "public" },
  "routes/account/invitation": { signedIn: "public" },
  "routes/account/home": { signedIn: "any" },
  "routes/account/sessions": { signedIn: "any" },
  "routes/account/password": { signedIn: "any" },
  "routes/account/keep-alive": { signedIn: "any" },
  "routes/caseload/team": { signedIn: ["jo", "priya"] },
  // -- running a team: staff, invitations (a member's page is checked by team below) --
  "routes/staff/members": { signedIn: ["jo", "priya", "morgan"] },
  "routes/staff/member": { signedIn: "by-team" },
  "routes/staff/join": { signedIn: "public" },
  "routes/account/second-factor": { signedIn: "public" },
  // -- routes that name no record: sign-off queue, notifications --
  "routes/caseload/queue": { signedIn: ["jo", "chris", "priya"] },
  // The positive-risk panel: members of a team's panel only (what each sees is in tests/integration/panel.test.ts).
  "routes/caseload/panel": { signedIn: ["alex"] },
  "routes/account/notifications": { signedIn: "any" },
  // -- what the scheme learns: commissioners every team, a team administrator their own --
  "routes/insights/insights": { signedIn: ["morgan"] },
  "routes/insights/team": { signedIn: ["jo", "priya"] },
  "routes/insights/download-json": { signedIn: ["morgan"] },
  "routes/insights/download-csv": { signedIn: ["morgan"] },
  // -- the scheme's rules: commissioners only (pages, data endpoints and actions are checked below) --
  "routes/scheme/rule-sets": { signedIn: ["morgan"] },
  "routes/scheme/rule-set": { signedIn: ["morgan"] },
  "routes/scheme/rule-set-json": { signedIn: ["morgan"] },
  "routes/scheme/rule-set-edit": { signedIn: ["morgan"] },
  "routes/scheme/rule-set-try": { signedIn: ["morgan"] },
  "routes/scheme/menu": { signedIn: ["morgan"] },
  "routes/scheme/menu-entry": { signedIn: ["morgan"] },
  "routes/scheme/menu-retire": { signedIn: ["morgan"] },
  "routes/scheme/providers": { signedIn: ["morgan"] },
  "routes/scheme/provider": { signedIn: ["morgan"] },
  "routes/scheme/questions": { signedIn: ["morgan"] },
  "routes/scheme/question": { signedIn: ["morgan"] },
};

/** A draft rule set Morgan makes, so every scheme page has something to show. */
const DRAFT = "matrix-draft";
// A question about a rule Asha asks before the matrix, so the inbox's question page has one to show.
let questionId = "00000000-0000-4000-8000-000000000019";
const fillScheme = (path: string) =>
  path
    .replace(":ruleSetId", DRAFT)
    .replace(":entryId", "gym-membership")
    .replace(":providerId", "example-wellbeing-therapies")
    .replace(":questionId", questionId);

let routes: RouteInfo[];
const browsers = {} as Record<Actor, Browserish>;
let asha: string;
let tomasz: string;

beforeAll(async () => {
  routes = await routeList();
  browsers.anonymous = new Browserish();
  for (const name of ["asha", "tomasz", "ravi", "sam", "jo", "chris", "alex", "priya", "morgan"] as const)
    browsers[name] = await signIn(DEMO[name]);
  asha = (await recordLinks(browsers.asha))[0]!;
  const added = await browsers.asha.post(`/people/${asha}/plan/items`, {
    provider: "The pool",
    intent: "add",
    what: "Matrix swim",
    menuEntryId: "swimming",
    frequency: "Weekly",
    unitCost: "4",
    unitsPerYear: "10",
  });
  expect(added.status).toBe(302);
  const items = await (await browsers.asha.get(`/people/${asha}/plan/items`)).text();
  ashaItem = new RegExp(
    `/people/${asha}/plan/items/([0-9a-f-]{36})">Change<span class="visually-hidden">: <!-- -->Matrix swim<`,
  ).exec(items)![1]!;
  tomasz = (await recordLinks(browsers.tomasz))[0]!;
  // A peer broker Asha invites, who accepts, and whom Asha then removes.
  const code = await inviteAs(browsers.asha, asha!, "peer-broker");
  browsers.removed = new Browserish();
  const joined = await signUp(
    browsers.removed,
    {
      name: "Removed Helper",
      email: "removed.helper@example.org",
      password: "a long removed helper phrase",
      invitation: code,
    },
    { from: "/sign-up" },
  );
  expect(joined.status).toBe(302);
  expect(await recordLinks(browsers.removed)).toEqual([asha]);
  const helpersPage = await (await browsers.asha.get(`/people/${asha}/helpers`)).text();
  const section = helpersPage.split("<section").find((part) => part.includes("Remove Removed Helper"));
  const helperId = section && /name="helperId" value="([0-9a-f-]{36})"/.exec(section)?.[1];
  expect(helperId).toBeTruthy();
  const removed = await browsers.asha.post(
    `/people/${asha}/helpers`,
    { intent: "remove", helperId: helperId! },
    { from: `/people/${asha}/helpers` },
  );
  expect(removed.status).toBe(302);
  const draft = await browsers.morgan.post("/scheme", { intent: "copy", from: "example-2026-1", id: DRAFT });
  expect(draft.status).toBe(302);
  const asked = await browsers.asha.post("/menu/swimming/question", { message: "Does a swimming lesson count?" });
  expect(asked.status).toBe(302);
  const inbox = await (await browsers.morgan.get("/scheme/questions")).text();
  questionId = /href="\/scheme\/questions\/([0-9a-f-]{36})"/.exec(inbox)![1]!;
}, 120_000);

afterAll(async () => {
  await browsers.asha.post(`/people/${asha}/plan/items`, { intent: "remove", entryId: ashaItem });
});

export async function inviteAs(browser: Browserish, personId: string, kind: string): Promise<string> {
  const res = await browser.post(`/people/${personId}/helpers`, { intent: "invite", kind });
  const html = await res.text();
  const code = /data-testid="invitation-code">([A-Z0-9-]+)</.exec(html)?.[1];
  if (!code) throw new Error("No invitation code on the page");
  return code;
}

const ACTORS: Actor[] = [
  "anonymous",
  "asha",
  "tomasz",
  "ravi",
  "sam",
  "jo",
  "chris",
  "alex",
  "priya",
  "morgan",
  "removed",
];

describe("access matrix", () => {
  it("has an expectation for every route in the build", () => {
    const known = new Set([...Object.keys(ON_ASHAS_RECORD), ...Object.keys(NOT_RECORD_ROUTES)]);
    expect(routes.map((r) => r.id).filter((id) => !known.has(id))).toEqual([]);
  });

  it("every record route, every role, Asha's record: page, data endpoint and action", async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.path.includes(":personId"))) {
      const rule = ON_ASHAS_RECORD[route.id]!;
      const path = fill(route.path, asha);
      for (const actor of ACTORS) {
        const browser = browsers[actor];
        const allowed = (list?: Actor[]) => list?.includes(actor) ?? false;
        if (route.hasLoader) {
          const urls = route.hasComponent ? [path, `${path}.data`] : [path];
          for (const url of urls) {
            const res = await browser.get(url);
            const body = await res.text();
            // Single-fetch data requests answer a redirect with 202 and the target in the body.
            const expected = allowed(rule.loader)
              ? 200
              : actor === "anonymous"
                ? url.endsWith(".data")
                  ? 202
                  : 302
                : 404;
            if (res.status !== expected) failures.push(`${actor} GET ${url}: ${res.status}, expected ${expected}`);
            if (!allowed(rule.loader) && actor !== "asha" && /Asha|asha@example/.test(body))
              failures.push(`${actor} GET ${url} showed Asha's details`);
          }
        }
        if (route.hasAction) {
          // An empty form: allowed askers get a 400 (the form is refused), denied askers get 404.
          const res = await browser.post(path, {}, { from: "/sign-out" });
          const body = await res.text();
          const expected = allowed(rule.action) ? 400 : actor === "anonymous" ? 302 : 404;
          if (res.status !== expected) failures.push(`${actor} POST ${path}: ${res.status}, expected ${expected}`);
          if (!allowed(rule.action) && actor !== "asha" && /Asha|asha@example/.test(body))
            failures.push(`${actor} POST ${path} showed Asha's details`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("Asha cannot open Tomasz's record by its id, through any record route", async () => {
    for (const route of routes.filter((r) => r.path.includes(":personId") && r.hasLoader)) {
      const res = await browsers.asha.get(fill(route.path, tomasz));
      expect(res.status, route.path).toBe(404);
      expect(await res.text()).not.toContain("Tomasz");
    }
  });

  it("a made-up or malformed id answers exactly like a forbidden one", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "1", "../../etc/passwd", "%00"]) {
      expect((await browsers.asha.get(`/people/${id}`)).status).toBe(404);
    }
  });

  it("routes that name no record: signed-in only where they should be", async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.path.includes(":personId") && r.hasLoader && r.hasComponent)) {
      const rule = NOT_RECORD_ROUTES[route.id]!.signedIn;
      if (rule === "public" || rule === "by-team" || route.path.includes("*") || route.path === "/test-error") continue;
      for (const actor of ACTORS.filter((a) => a !== "removed")) {
        const path = fillScheme(route.path);
        const res = await browsers[actor].get(path);
        const expected = actor === "anonymous" ? 302 : rule === "any" || rule.includes(actor) ? 200 : 404;
        if (res.status !== expected) failures.push(`${actor} GET ${path}: ${res.status}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("downloads that name no record (the insights' JSON and CSV): only who the table says", async () => {
    const failures: string[] = [];
    const downloads = routes.filter((r) => r.id.startsWith("routes/insights/") && !r.hasComponent);
    expect(downloads.map((r) => r.path).sort()).toEqual(["/insights.csv", "/insights.json"]);
    for (const route of downloads) {
      const rule = NOT_RECORD_ROUTES[route.id]!.signedIn as Actor[];
      for (const actor of ACTORS) {
        const res = await browsers[actor].get(route.path);
        const expected = actor === "anonymous" ? 302 : rule.includes(actor) ? 200 : 404;
        if (res.status !== expected) failures.push(`${actor} GET ${route.path}: ${res.status}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("a member of staff's page: their own team's administrator and commissioners only, page and action", async () => {
    const staffIds = async () => {
      const html = await (await browsers.morgan.get("/team/staff")).text();
      const id = (name: string) => new RegExp(`href="/team/staff/([0-9a-f-]{36})">${name}<`).exec(html)?.[1];
      return { chris: id("Chris Evans")!, priya: id("Priya Shah")! };
    };
    const ids = await staffIds();
    expect(ids.chris).toBeTruthy();
    expect(ids.priya).toBeTruthy();
    // Chris is in North (Jo's team); Priya administers South.
    const mayOpen: Record<"chris" | "priya", Actor[]> = { chris: ["jo", "morgan"], priya: ["priya", "morgan"] };
    const failures: string[] = [];
    for (const member of ["chris", "priya"] as const) {
      for (const actor of ACTORS) {
        const url = `/team/staff/${ids[member]}`;
        const allowed = mayOpen[member].includes(actor);
        const res = await browsers[actor].get(url);
        const expected = allowed ? 200 : actor === "anonymous" ? 302 : 404;
        if (res.status !== expected) failures.push(`${actor} GET ${url}: ${res.status}, expected ${expected}`);
        // An empty form: refused (400) for those allowed, not found for everyone else. Nothing changes.
        const post = await browsers[actor].post(url, {}, { from: "/sign-out" });
        const postExpected = allowed ? 400 : actor === "anonymous" ? 302 : 404;
        if (post.status !== postExpected)
          failures.push(`${actor} POST ${url}: ${post.status}, expected ${postExpected}`);
      }
    }
    for (const actor of ["jo", "morgan"] as const) {
      const res = await browsers[actor].get("/team/staff/00000000-0000-4000-8000-000000000000");
      if (res.status !== 404) failures.push(`${actor} GET a made-up member: ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it("actions of pages that name no record: refused to everyone who may not use them", async () => {
    const failures: string[] = [];
    const rules: Record<string, Actor[]> = { "/team": ["jo", "priya"], "/team/staff": ["jo", "priya", "morgan"] };
    for (const [url, allowedActors] of Object.entries(rules)) {
      for (const actor of ACTORS) {
        const res = await browsers[actor].post(url, {}, { from: "/sign-out" });
        const expected = allowedActors.includes(actor) ? 400 : actor === "anonymous" ? 302 : 404;
        if (res.status !== expected) failures.push(`${actor} POST ${url}: ${res.status}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("the scheme's pages, data endpoints, files and actions: commissioners only", async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.path.startsWith("/scheme"))) {
      const path = fillScheme(route.path);
      for (const actor of ACTORS) {
        const allowed = actor === "morgan";
        if (route.hasLoader) {
          for (const url of route.hasComponent ? [path, `${path}.data`] : [path]) {
            const res = await browsers[actor].get(url);
            const expected = allowed ? 200 : actor === "anonymous" ? (url.endsWith(".data") ? 202 : 302) : 404;
            if (res.status !== expected) failures.push(`${actor} GET ${url}: ${res.status}, expected ${expected}`);
          }
        }
        if (route.hasAction) {
          const res = await browsers[actor].post(path, {}, { from: "/sign-out" });
          const expected = allowed ? 400 : actor === "anonymous" ? 302 : 404;
          if (res.status !== expected) failures.push(`${actor} POST ${path}: ${res.status}, expected ${expected}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("the question form on a rule: everyone reaches it, signed in or not, page and form", async () => {
    const failures: string[] = [];
    const route = routes.find((r) => r.id === "routes/public/menu-question")!;
    const path = route.path.replace(":entryId", "gym-membership");
    for (const actor of ACTORS) {
      const page = await browsers[actor].get(path);
      if (page.status !== 200) failures.push(`${actor} GET ${path}: ${page.status}, expected 200`);
      // An empty form is refused by its box (400) for everyone: nobody is turned away or sent to sign in.
      const post = await browsers[actor].post(path, {});
      if (post.status !== 400) failures.push(`${actor} POST ${path}: ${post.status}, expected 400`);
    }
    expect((await browsers.anonymous.get("/menu/no-such-rule/question")).status).toBe(404);
    expect(failures).toEqual([]);
  });

  it("the refusals are written to the audit trail Asha can read", async () => {
    // The whole trail, every page of it (newest first, 25 a page).
    let html = "";
    for (let page = 1; page < 100; page++) {
      const text = await (await browsers.asha.get(`/people/${asha}/audit?page=${page}`)).text();
      html += text;
      if (!text.includes('rel="next"')) break;
    }
    expect(html).toContain("Tried to open the record");
    expect(html).toContain("Refused");
    expect(html).toContain("Removed a helper");
  });
});
