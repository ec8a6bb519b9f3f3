import { eq } from "drizzle-orm";
import { helpers, invitations, notifications, persons, sessions, users } from "../../db/schema";
import { db } from "~/lib/db.server";
import { agreedOf, allBudgets, answersOf, currentAssessment } from "./assessment.server";
import { auditForPerson } from "./audit.server";

/**
 * Everything held about one person (a subject access request). Secrets (password hash, one-time-code
 * secret, session and invitation hashes) are left out: they are not information about the person.
 */
export function everythingAbout(personId: string) {
  const person = db().select().from(persons).where(eq(persons.id, personId)).get();
  if (!person) return undefined;
  const account = db()
    .select({ name: users.name, email: users.email, role: users.role, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, person.userId))
    .get();
  const lead = person.leadProfessionalId
    ? db()
        .select({ name: users.name, email: users.email })
        .from(users)
        .where(eq(users.id, person.leadProfessionalId))
        .get()
    : null;
  return {
    generatedAt: new Date().toISOString(),
    account,
    record: { id: person.id, createdAt: person.createdAt, leadProfessional: lead ?? null },
    helpers: db()
      .select({
        name: users.name,
        kind: helpers.kind,
        authority: helpers.authority,
        actingForType: helpers.actingForType,
        actingForReference: helpers.actingForReference,
        since: helpers.createdAt,
        removedAt: helpers.removedAt,
      })
      .from(helpers)
      .innerJoin(users, eq(users.id, helpers.helperUserId))
      .where(eq(helpers.personId, personId))
      .all(),
    invitations: db()
      .select({
        kind: invitations.kind,
        createdAt: invitations.createdAt,
        expiresAt: invitations.expiresAt,
        acceptedAt: invitations.acceptedAt,
        cancelledAt: invitations.cancelledAt,
      })
      .from(invitations)
      .where(eq(invitations.personId, personId))
      .all(),
    sessions: db()
      .select({
        started: sessions.createdAt,
        lastSeen: sessions.lastSeenAt,
        ended: sessions.endedAt,
        device: sessions.userAgent,
      })
      .from(sessions)
      .where(eq(sessions.userId, person.userId))
      .all(),
    notifications: db()
      .select({ kind: notifications.kind, createdAt: notifications.createdAt, readAt: notifications.readAt })
      .from(notifications)
      .where(eq(notifications.userId, person.userId))
      .all(),
    assessment: (() => {
      const assessment = currentAssessment(personId);
      if (!assessment) return null;
      return {
        cycle: assessment.cycle,
        informalSupport: assessment.informal,
        answers: Object.fromEntries(
          [...answersOf(assessment.id)].map(([area, a]) => [area, a.rating ?? "rather not say"]),
        ),
        agreedRatings: Object.fromEntries(agreedOf(assessment.id)),
      };
    })(),
    budgets: allBudgets(personId).map(({ explanation: _explanation, ...budget }) => budget),
    auditTrail: auditForPerson(personId, 10_000).map(({ seq: _seq, ...line }) => line),
  };
}
