import { eq } from "drizzle-orm";
import { helpers, invitations, notifications, persons, sessions, users } from "../../db/schema";
import { db } from "~/lib/db.server";
import { agreedOf, allBudgets, answersOf, currentAssessment } from "./assessment.server";
import { auditLinesOf } from "./audit.server";
import { moneyRecordsOf } from "./money.server";

/**
 * Everything held about one person (a subject access request), but for the audit trail, which grows
 * by a line each time the record is opened: the readable page links to it (paged), and the download
 * streams it after the rest (exportEverythingAbout). Secrets (password hash, one-time-code
 * secret, session and invitation hashes) are left out: they are not information about the person.
 * The downloadable file carries the receipts themselves (base64); the readable page lists them.
 */
export function everythingAbout(personId: string, opts: { receiptFiles?: boolean } = {}) {
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
    // Money after sign-off: every ledger entry (corrections included), receipts with their files.
    money: moneyRecordsOf(personId, opts.receiptFiles ?? false),
  };
}

/**
 * The download: everything about the person as JSON, with the whole audit trail (newest first) as its
 * last field, streamed a batch of lines at a time so a long trail never sits in memory as one string.
 */
export function exportEverythingAbout(personId: string): ReadableStream<Uint8Array> | undefined {
  const everything = everythingAbout(personId, { receiptFiles: true });
  if (!everything) return undefined;
  const encoder = new TextEncoder();
  const head = JSON.stringify(everything, null, 2).replace(/\n}$/, ',\n  "auditTrail": [');
  const lines = auditLinesOf(personId);
  let first = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(head));
    },
    pull(controller) {
      let chunk = "";
      for (let i = 0; i < 500; i++) {
        const next = lines.next();
        if (next.done) {
          controller.enqueue(encoder.encode(`${chunk}${first ? "" : "\n  "}]\n}\n`));
          controller.close();
          return;
        }
        const { seq: _seq, ...line } = next.value;
        chunk += `${first ? "\n    " : ",\n    "}${JSON.stringify(line)}`;
        first = false;
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
}
