import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { data, type RouterContextProvider } from "react-router";
import { helpers, persons, users } from "../../db/schema";
import {
  insightsReachOf,
  mayActOnRecord,
  mayRunScheme,
  maySitOnPanelFor,
  type InsightsReach,
  type RecordAction,
  representativeStanding,
  type Standing,
} from "~/domain/access";
import { pageOf, slicePage, type Page } from "~/domain/paging";
import { audit } from "~/models/audit.server";
import { keptCaseloadList } from "~/models/caseload.server";
import { currentPlan } from "~/models/plan.server";
import type { User } from "~/models/users.server";
import { db, firstRow, preparedQuery } from "~/lib/db.server";
import { requireUser, type Signed } from "./session.server";

export type PersonRow = typeof persons.$inferSelect;

/** The record in view, who is looking, and how they stand towards it. */
export interface RecordAccess {
  signed: Signed;
  actor: User;
  person: PersonRow;
  personName: string;
  standing: Standing;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type HelperRow = typeof helpers.$inferSelect;

/** How a helper stands, from their (current) helper row. */
function standingOfHelper(helper: HelperRow | undefined): Standing {
  if (helper?.kind === "peer-broker") return "peer-broker";
  // A representative whose authority the person has not recorded yet has none: it is never assumed.
  if (helper?.kind === "representative" && helper.authority) return representativeStanding(helper.authority);
  return "none";
}

/** A helper's current row for a person, asked for every record a helper opens. */
const helperRowQuery = preparedQuery((d) =>
  d
    .select()
    .from(helpers)
    .where(
      and(
        eq(helpers.personId, sql.placeholder("personId")),
        eq(helpers.helperUserId, sql.placeholder("userId")),
        isNull(helpers.removedAt),
      ),
    )
    .limit(1)
    .prepare(),
);

/** A person and their name, asked for every record page. */
const personQuery = preparedQuery((d) =>
  d
    .select({ person: persons, name: users.name })
    .from(persons)
    .innerJoin(users, eq(users.id, persons.userId))
    .where(eq(persons.id, sql.placeholder("personId")))
    .limit(1)
    .prepare(),
);

/** The person record of an account, asked on every page a person signs in to. */
const ownPersonQuery = preparedQuery((d) =>
  d
    .select({ id: persons.id })
    .from(persons)
    .where(eq(persons.userId, sql.placeholder("userId")))
    .limit(1)
    .prepare(),
);

/** How a user stands towards a person's record, worked out from data only. */
export async function standingOf(user: User, person: PersonRow): Promise<Standing> {
  if (person.userId === user.id) return "self";
  if (person.leadProfessionalId === user.id) return "lead-professional";
  // The positive-risk panel sees a plan only while it is referred to them, and nothing else of the record.
  if (maySitOnPanelFor(user, person))
    return (await currentPlan(person.id))?.state === "referred-to-panel" ? "team-member" : "none";
  return standingOfHelper(await firstRow(helperRowQuery().execute({ personId: person.id, userId: user.id })));
}

/**
 * The one gate in front of every person's record. Not allowed looks exactly like not there (404),
 * so guessing ids tells nothing; the refusal is audited. Reads are audited too.
 */
export async function requireRecordAccess(
  context: Readonly<RouterContextProvider>,
  request: Request,
  personId: string | undefined,
  action: RecordAction,
): Promise<RecordAccess> {
  const signed = requireUser(context, request);
  const found = personId && UUID.test(personId) ? await firstRow(personQuery().execute({ personId })) : undefined;
  const standing: Standing = found ? await standingOf(signed.user, found.person) : "none";
  if (!found || !mayActOnRecord(standing, action)) {
    await audit({
      actorId: signed.user.id,
      personId: found ? found.person.id : null,
      action,
      target: new URL(request.url).pathname,
      result: "refused",
    });
    throw data(null, { status: 404 });
  }
  if (request.method === "GET" || request.method === "HEAD") {
    await audit({
      actorId: signed.user.id,
      personId: found.person.id,
      action: "read",
      target: new URL(request.url).pathname,
      result: "ok",
    });
  }
  return { signed, actor: signed.user, person: found.person, personName: found.name, standing };
}

/** The person's own record, for the person signed in. */
export async function ownPersonId(user: User): Promise<string | undefined> {
  return (await firstRow(ownPersonQuery().execute({ userId: user.id })))?.id;
}

/**
 * One page of everyone whose record this user may open, by name, with how they stand: a lead
 * professional's caseload, or the people a helper helps. Each is one statement (a helper's own row says
 * how they stand), never a query per person.
 */
export async function recordsVisibleTo(
  user: User,
  asked: string | null,
): Promise<{ records: { personId: string; name: string; standing: Standing }[]; page: Page }> {
  if (user.role === "lead-professional") {
    // The whole caseload by name, kept while it is unchanged (models/caseload.server.ts): sorting some hundreds
    // of people by name was most of the database's work for a page of 25.
    const leadId = user.id;
    const everyone = await keptCaseloadList(leadId, "by-name", () =>
      db()
        .select({ personId: persons.id, name: users.name })
        .from(persons)
        .innerJoin(users, eq(users.id, persons.userId))
        .where(eq(persons.leadProfessionalId, leadId))
        .orderBy(asc(users.name), asc(persons.id)),
    );
    const { items, page } = slicePage(everyone, asked);
    return { records: items.map((r) => ({ ...r, standing: "lead-professional" as const })), page };
  }
  if (user.role === "person" || user.role === "commissioner") return { records: [], page: pageOf(asked, 0) };
  const visible = (
    await db()
      .select({ personId: persons.id, name: users.name, helper: helpers })
      .from(helpers)
      .innerJoin(persons, eq(persons.id, helpers.personId))
      .innerJoin(users, eq(users.id, persons.userId))
      .where(and(eq(helpers.helperUserId, user.id), isNull(helpers.removedAt)))
      .orderBy(asc(users.name), asc(persons.id))
  )
    .map((r) => ({ personId: r.personId, name: r.name, standing: standingOfHelper(r.helper) }))
    .filter((r) => mayActOnRecord(r.standing, "view-record"));
  const { items, page } = slicePage(visible, asked);
  return { records: items, page };
}

/**
 * The gate in front of the insights pages: the asker must have exactly this reach (a commissioner for
 * every team, a team administrator for their team). Anyone else gets 404, audited like any refusal.
 */
export async function requireInsightsReach(
  context: Readonly<RouterContextProvider>,
  request: Request,
  reach: InsightsReach,
): Promise<{ user: User; teamId: string | null }> {
  const { user } = requireUser(context, request);
  if (insightsReachOf(user) !== reach || (reach === "own-team" && !user.teamId)) {
    await audit({
      actorId: user.id,
      action: "view-insights",
      target: new URL(request.url).pathname,
      result: "refused",
    });
    throw data(null, { status: 404 });
  }
  return { user, teamId: reach === "own-team" ? user.teamId : null };
}

/**
 * The gate in front of the scheme's pages (rule sets, calibration, the menu, questions about a rule):
 * commissioners only. Anyone else gets 404, as if the page did not exist, and the refusal is audited.
 */
export async function requireCommissioner(context: Readonly<RouterContextProvider>, request: Request): Promise<User> {
  const { user } = requireUser(context, request);
  if (!mayRunScheme(user.role)) {
    await audit({ actorId: user.id, action: "run-scheme", target: new URL(request.url).pathname, result: "refused" });
    throw data(null, { status: 404 });
  }
  return user;
}
