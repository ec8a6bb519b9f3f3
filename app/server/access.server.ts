import { and, eq, isNull } from "drizzle-orm";
import { data, type RouterContextProvider } from "react-router";
import { helpers, persons, users } from "../../db/schema";
import {
  mayActOnRecord,
  mayRunScheme,
  type RecordAction,
  representativeStanding,
  type Standing,
} from "~/domain/access";
import { audit } from "~/models/audit.server";
import type { User } from "~/models/users.server";
import { db } from "~/lib/db.server";
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

/** How a user stands towards a person's record, worked out from data only. */
export function standingOf(user: User, person: PersonRow): Standing {
  if (person.userId === user.id) return "self";
  if (person.leadProfessionalId === user.id) return "lead-professional";
  const helper = db()
    .select()
    .from(helpers)
    .where(and(eq(helpers.personId, person.id), eq(helpers.helperUserId, user.id), isNull(helpers.removedAt)))
    .get();
  if (helper?.kind === "peer-broker") return "peer-broker";
  // A representative whose authority the person has not recorded yet has none: it is never assumed.
  if (helper?.kind === "representative" && helper.authority) return representativeStanding(helper.authority);
  return "none";
}

/**
 * The one gate in front of every person's record. Not allowed looks exactly like not there (404),
 * so guessing ids tells nothing; the refusal is audited. Reads are audited too.
 */
export function requireRecordAccess(
  context: Readonly<RouterContextProvider>,
  request: Request,
  personId: string | undefined,
  action: RecordAction,
): RecordAccess {
  const signed = requireUser(context, request);
  const found =
    personId && UUID.test(personId)
      ? db()
          .select({ person: persons, name: users.name })
          .from(persons)
          .innerJoin(users, eq(users.id, persons.userId))
          .where(eq(persons.id, personId))
          .get()
      : undefined;
  const standing: Standing = found ? standingOf(signed.user, found.person) : "none";
  if (!found || !mayActOnRecord(standing, action)) {
    audit({
      actorId: signed.user.id,
      personId: found ? found.person.id : null,
      action,
      target: new URL(request.url).pathname,
      result: "refused",
    });
    throw data(null, { status: 404 });
  }
  if (request.method === "GET" || request.method === "HEAD") {
    audit({
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
export function ownPersonId(user: User): string | undefined {
  return db().select({ id: persons.id }).from(persons).where(eq(persons.userId, user.id)).get()?.id;
}

/** Everyone whose record this user may open, with how they stand. For home pages and caseloads. */
export function recordsVisibleTo(user: User): { personId: string; name: string; standing: Standing }[] {
  const base = () =>
    db().select({ person: persons, name: users.name }).from(persons).innerJoin(users, eq(users.id, persons.userId));
  const candidates =
    user.role === "lead-professional"
      ? base().where(eq(persons.leadProfessionalId, user.id)).all()
      : user.role === "person"
        ? base().where(eq(persons.userId, user.id)).all()
        : db()
            .select({ person: persons, name: users.name })
            .from(helpers)
            .innerJoin(persons, eq(persons.id, helpers.personId))
            .innerJoin(users, eq(users.id, persons.userId))
            .where(and(eq(helpers.helperUserId, user.id), isNull(helpers.removedAt)))
            .all();
  return candidates
    .map((r) => ({ personId: r.person.id, name: r.name, standing: standingOf(user, r.person) }))
    .filter((r) => mayActOnRecord(r.standing, "view-record"));
}

/**
 * The gate in front of the scheme's pages (rule sets, calibration, the menu, questions about a rule):
 * commissioners only. Anyone else gets 404, as if the page did not exist, and the refusal is audited.
 */
export function requireCommissioner(context: Readonly<RouterContextProvider>, request: Request): User {
  const { user } = requireUser(context, request);
  if (!mayRunScheme(user.role)) {
    audit({ actorId: user.id, action: "run-scheme", target: new URL(request.url).pathname, result: "refused" });
    throw data(null, { status: 404 });
  }
  return user;
}
