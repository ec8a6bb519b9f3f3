import { asc, eq, sql } from "drizzle-orm";
import {
  agreedRatings,
  assessmentAnswers,
  assessments,
  helpers,
  invitations,
  notifications,
  outbox,
  persons,
  planReviews,
  sessions,
  statementImports,
  teams,
  users,
} from "../../db/schema";
import { firstRow, preparedQuery } from "~/lib/db.server";
import { allBudgets } from "./assessment.server";
import { categoryHistoryOf } from "./categories.server";
import { grantHistoryOf } from "./grants.server";
import { voucherHistoryOf } from "./vouchers.server";
import { auditLinesJsonOf } from "./audit.server";
import { ruleQuestionsOf } from "./menu-questions.server";
import { moneyEntriesOf, moneyRecordsOf } from "./money.server";
import { allPlans, planSaveCount, planSectionVersions, storedSectionsOf } from "./plan.server";
import { decisionsOf, submissionsOf } from "./signoff.server";

/**
 * Where each table that holds something about a person appears in their export (a path into the JSON:
 * `a[].b` is every `b` of every `a`). tests/integration/subject-access.test.ts finds every such table in
 * the database and proves each is here with all of the person's rows: a new table must be added.
 */
export const EXPORT_PLACE_OF_TABLE: Record<string, string> = {
  persons: "record",
  helpers: "helpers",
  invitations: "invitations",
  sessions: "sessions",
  notifications: "notifications",
  outbox: "emails",
  menu_questions: "questionsAboutRules",
  assessments: "assessments",
  assessment_answers: "assessments[].answers",
  agreed_ratings: "assessments[].agreedRatings",
  allocations: "budgets",
  category_placements: "categories.placements",
  category_review_requests: "categories.requestsToLookAgain",
  grants: "smallGrants",
  grant_spending: "smallGrants[].spending",
  vouchers: "vouchers",
  voucher_providers: "vouchers[].providers",
  voucher_claims: "vouchers[].claims",
  plans: "plans",
  plan_sections: "plans[].sections",
  plan_section_history: "plans[].sectionHistory",
  plan_submissions: "plans[].submissions",
  plan_decisions: "plans[].decisions",
  plan_reviews: "plans[].reviews",
  ledger_entries: "money.ledger",
  receipts: "money.receipts",
  contingencies: "money.contingencies",
  statement_imports: "money.statementImports",
  statement_mappings: "money.statementColumns",
  spending_shares: "money.sharingWithLeadProfessional",
  audit_log: "auditTrail",
};

/** Tables that hold a person's id or account but are not about them, and why they are left out. */
export const NOT_EXPORTED: Record<string, string> = {
  recovery_codes: "hashes of a staff member's single-use sign-in codes: secrets, and people planning support have none",
  sign_up_requests: "a sign-up before the account exists; gone once confirmed",
  insights_people:
    "worked out from records already in the export (answers, budgets, plans, decisions, spending), kept only to count people in the anonymised insights",
  insights_decisions: "a copy of the decisions and when each version was sent, already in the export, for the insights",
  audit_counts:
    "how many lines of the audit trail are about the person, for paging it; the lines themselves are exported",
};

const parsed = (json: string | null): unknown => (json === null ? null : (JSON.parse(json) as unknown));

// Each statement built once per connection (preparedQuery): the page asks some thirty, and building them
// from their parts cost more than running them.
const byPerson = sql.placeholder("personId");
const personQuery = preparedQuery((d) => d.select().from(persons).where(eq(persons.id, byPerson)).prepare());
const accountQuery = preparedQuery((d) =>
  d
    .select({ name: users.name, email: users.email, role: users.role, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, sql.placeholder("userId")))
    .prepare(),
);
const leadQuery = preparedQuery((d) =>
  d
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, sql.placeholder("userId")))
    .prepare(),
);
const teamQuery = preparedQuery((d) =>
  d
    .select({ name: teams.name })
    .from(teams)
    .where(eq(teams.id, sql.placeholder("teamId")))
    .prepare(),
);
const helpersQuery = preparedQuery((d) =>
  d
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
    .where(eq(helpers.personId, byPerson))
    .prepare(),
);
const invitationsQuery = preparedQuery((d) =>
  d
    .select({
      kind: invitations.kind,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      cancelledAt: invitations.cancelledAt,
    })
    .from(invitations)
    .where(eq(invitations.personId, byPerson))
    .prepare(),
);
const sessionsQuery = preparedQuery((d) =>
  d
    .select({
      started: sessions.createdAt,
      lastSeen: sessions.lastSeenAt,
      ended: sessions.endedAt,
      device: sessions.userAgent,
    })
    .from(sessions)
    .where(eq(sessions.userId, sql.placeholder("userId")))
    .prepare(),
);
const notificationsQuery = preparedQuery((d) =>
  d
    .select({ kind: notifications.kind, createdAt: notifications.createdAt, readAt: notifications.readAt })
    .from(notifications)
    .where(eq(notifications.userId, sql.placeholder("userId")))
    .prepare(),
);
const assessmentsQuery = preparedQuery((d) =>
  d.select().from(assessments).where(eq(assessments.personId, byPerson)).orderBy(asc(assessments.cycle)).prepare(),
);
const answersQuery = preparedQuery((d) =>
  d
    .select()
    .from(assessmentAnswers)
    .where(eq(assessmentAnswers.assessmentId, sql.placeholder("assessmentId")))
    .orderBy(asc(assessmentAnswers.answeredAt))
    .prepare(),
);
const agreedRatingsQuery = preparedQuery((d) =>
  d
    .select()
    .from(agreedRatings)
    .where(eq(agreedRatings.assessmentId, sql.placeholder("assessmentId")))
    .orderBy(asc(agreedRatings.agreedAt))
    .prepare(),
);
const statementImportsQuery = preparedQuery((d) =>
  d.select().from(statementImports).where(eq(statementImports.personId, byPerson)).prepare(),
);
const planReviewsQuery = preparedQuery((d) =>
  d
    .select()
    .from(planReviews)
    .where(eq(planReviews.planId, sql.placeholder("planId")))
    .orderBy(asc(planReviews.heldAt))
    .prepare(),
);
const emailsQuery = preparedQuery((d) =>
  d
    .select()
    .from(outbox)
    .where(eq(outbox.toEmail, sql.placeholder("email")))
    .prepare(),
);

type PersonRow = NonNullable<Awaited<ReturnType<ReturnType<typeof personQuery>["execute"]>>[number]>;

/**
 * The parts of everything held that the readable page and the download show alike: the account, the
 * record, helpers, invitations, sign-ins, notifications, assessments, budgets and emails.
 */
async function partsShownAlike(person: PersonRow) {
  const personId = person.id;
  const account = await firstRow(accountQuery().execute({ userId: person.userId }));
  const lead = person.leadProfessionalId
    ? await firstRow(leadQuery().execute({ userId: person.leadProfessionalId }))
    : null;
  return {
    account,
    record: {
      id: person.id,
      createdAt: person.createdAt,
      leadProfessional: lead ?? null,
      team: person.teamId ? ((await teamQuery().execute({ teamId: person.teamId }))[0]?.name ?? null) : null,
    },
    helpers: await helpersQuery().execute({ personId }),
    invitations: await invitationsQuery().execute({ personId }),
    sessions: await sessionsQuery().execute({ userId: person.userId }),
    notifications: await notificationsQuery().execute({ userId: person.userId }),
    // Every cycle's assessment: each answer as given (with when), each rating agreed with the lead professional and why.
    assessments: await Promise.all(
      (await assessmentsQuery().execute({ personId })).map(async (a) => ({
        cycle: a.cycle,
        informalSupport: a.informal,
        answers: (await answersQuery().execute({ assessmentId: a.id })).map((r) => ({
          area: r.needArea,
          rating: r.ratherNotSay ? "rather not say" : r.rating,
          answeredAt: r.answeredAt,
        })),
        agreedRatings: (await agreedRatingsQuery().execute({ assessmentId: a.id })).map((r) => ({
          area: r.needArea,
          rating: r.rating,
          reason: r.reason,
          agreedAt: r.agreedAt,
        })),
      })),
    ),
    budgets: (await allBudgets(personId)).map(({ explanation: _explanation, ...budget }) => budget),
    // Emails sent to the account's address: each only ever says there is something to look at.
    emails: account
      ? (await emailsQuery().execute({ email: account.email })).map((m) => ({
          subject: m.subject,
          queuedAt: m.createdAt,
          sentAt: m.sentAt,
        }))
      : [],
  };
}

/** One plan as the page and the download both begin it: its cycle, state and start, versions sent, decisions and reviews. */
async function planEventsOf(plan: Awaited<ReturnType<typeof allPlans>>[number]) {
  return {
    cycle: plan.cycle,
    state: plan.state,
    createdAt: plan.createdAt,
    submissions: await submissionsOf(plan.id),
    decisions: await decisionsOf(plan.id),
    reviews: (await planReviewsQuery().execute({ planId: plan.id })).map((r) => ({
      heldAt: r.heldAt,
      whatIsWorking: r.whatIsWorking,
      whatIsNot: r.whatIsNot,
      changesAgreed: r.changesAgreed,
      nextReviewDate: r.nextReviewDate,
    })),
  };
}

/**
 * What the readable "my data" page lists (views/my-data-view.server.ts): everything held, in the parts a
 * page can show. The plan's own words, every save of them, the plan as sent, grants, vouchers, categories,
 * questions and bank statements are on their own pages and in the download; here a plan's saves are
 * counted, not read and replayed. Undefined when there is no such person.
 */
export async function whatMyDataPageShows(personId: string) {
  const person = await firstRow(personQuery().execute({ personId }));
  if (!person) return undefined;
  return {
    ...(await partsShownAlike(person)),
    money: await moneyEntriesOf(personId),
    plans: await Promise.all(
      (await allPlans(personId)).map(async (plan) => {
        const { submissions, decisions, ...begun } = await planEventsOf(plan);
        return {
          ...begun,
          saves: await planSaveCount(plan.id),
          submissions: submissions.map((s) => ({ version: s.version, sentAt: s.submittedAt, reason: s.reason })),
          decisions: decisions.map((d) => ({ decision: d.decision, decidedAt: d.decidedAt, reason: d.reason })),
        };
      }),
    ),
  };
}

/**
 * Everything held about one person (a subject access request), but for the audit trail, which grows
 * by a line each time the record is opened: the readable page links to it (paged), and the download
 * streams it after the rest (exportEverythingAbout). Secrets (password hash, one-time-code
 * secret, session and invitation hashes) are left out: they are not information about the person.
 * The downloadable file carries the receipts themselves (base64).
 */
export async function everythingAbout(personId: string, opts: { receiptFiles?: boolean } = {}) {
  const person = await firstRow(personQuery().execute({ personId }));
  if (!person) return undefined;
  const { emails, ...alike } = await partsShownAlike(person);
  const { sharing, ...money } = await moneyRecordsOf(personId, opts.receiptFiles ?? false);
  return {
    generatedAt: new Date().toISOString(),
    ...alike,
    // Money after sign-off: every ledger entry (corrections included), receipts with their files.
    money: {
      ...money,
      statementImports: (await statementImportsQuery().execute({ personId })).map((i) => ({
        createdAt: i.createdAt,
        confirmedAt: i.confirmedAt,
        csv: i.csv,
      })),
      sharingWithLeadProfessional: sharing,
    },
    // Every cycle's plan: what it says now, every save of every part, each version sent, every decision with its reasons, every review.
    plans: await Promise.all(
      (await allPlans(personId)).map(async (plan) => {
        const { submissions, decisions, reviews, ...begun } = await planEventsOf(plan);
        return {
          ...begun,
          sections: (await storedSectionsOf(plan.id)).map((r) => ({
            part: r.section,
            version: r.version,
            savedAt: r.savedAt,
            content: parsed(r.content),
          })),
          sectionHistory: (await planSectionVersions(plan.id)).map((v) => ({
            part: v.section,
            version: v.version,
            savedAt: v.savedAt,
            savedAs: v.capacity,
            outcome: v.outcome,
            content: v.content,
          })),
          submissions: submissions.map((s) => ({
            version: s.version,
            sentAt: s.submittedAt,
            consent: s.consent,
            reason: s.reason,
            reconsideration: s.reconsideration,
            reconsiderationReasons: s.reconsiderationReasons,
            planAsSent: parsed(s.snapshot),
          })),
          decisions: decisions.map((d) => ({
            decision: d.decision,
            decidedAt: d.decidedAt,
            reason: d.reason,
            risk: d.risk,
            criteria: parsed(d.criteria),
            itemAgreements: parsed(d.itemAgreements),
            reviewDate: d.reviewDate,
            confirmedBudgetPence: d.confirmedBudgetPence,
            panelSat: d.panelSat,
          })),
          reviews,
        };
      }),
    ),
    // Categories the lead professional placed the person in, why, and every request to look again.
    categories: await categoryHistoryOf(personId),
    // Small grants asked for, each answer with its reason, and what was spent from a grant.
    smallGrants: await grantHistoryOf(personId),
    // Treatment vouchers issued, each provider chosen and each claim against them.
    vouchers: await voucherHistoryOf(personId),
    // Questions the person asked about a rule on the public menu, with the commissioners' replies.
    questionsAboutRules: await ruleQuestionsOf(person.userId),
    emails,
  };
}

/**
 * The download: everything about the person as JSON, with the whole audit trail (newest first) as its
 * last field, streamed a batch of lines at a time so a long trail never sits in memory as one string.
 */
export async function exportEverythingAbout(personId: string): Promise<ReadableStream<Uint8Array> | undefined> {
  const everything = await everythingAbout(personId, { receiptFiles: true });
  if (!everything) return undefined;
  const encoder = new TextEncoder();
  const head = JSON.stringify(everything, null, 2).replace(/\n}$/, ',\n  "auditTrail": [');
  const batches = auditLinesJsonOf(personId);
  let first = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(head));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) {
        controller.enqueue(encoder.encode(`${first ? "" : "\n  "}]\n}\n`));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(`${first ? "\n    " : ",\n    "}${next.value.join(",\n    ")}`));
      first = false;
    },
  });
}
