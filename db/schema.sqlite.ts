import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
// The lists a column may hold are the domain's own (one owner per rule); relative paths so drizzle-kit can read them.
import { STAFF_KINDS } from "../app/domain/organisation";
import { ACTING_FOR_TYPES, AUTHORITIES, ROLES } from "../app/domain/roles";
import { GRANT_STATES } from "../app/domain/grants";
import { MENU_CHANGE_KINDS } from "../app/domain/menu-versions";
import { INFORMAL_SUPPORT } from "../app/domain/choices";
import { PLAN_STATES } from "../app/domain/workflow";

// Every id that appears in a URL is a random UUID, so no record is reachable by guessing.
const id = () => text("id").primaryKey();
const createdAt = () =>
  text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

/** A team or service people can choose. Its id and names come from content/teams.json (synced at start-up). */
export const teams = sqliteTable("teams", {
  id: id(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

export const users = sqliteTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", {
      enum: ROLES,
    }).notNull(),
    passwordHash: text("password_hash").notNull(),
    // Null until the second factor is enrolled (a staff account then enrols at its next sign-in step).
    totpSecret: text("totp_secret"),
    totpLastStep: integer("totp_last_step"),
    // The secret shown during enrolment, kept until a current code confirms it.
    totpPendingSecret: text("totp_pending_secret"),
    teamId: text("team_id").references(() => teams.id),
    isTeamAdmin: integer("is_team_admin", { mode: "boolean" }).notNull().default(false),
    // Named on the team's positive-risk panel.
    onPanel: integer("on_panel", { mode: "boolean" }).notNull().default(false),
    // A deactivated account cannot sign in; its history keeps its name.
    deactivatedAt: text("deactivated_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    // The staff of a team: which people are in a team's scope for the insights.
    index("users_team_idx").on(t.teamId),
    // Names by id from the index alone: a caseload page joins its people's names and sorts by them.
    index("users_id_name_idx").on(t.id, t.name),
  ],
);

/** A person's record: the budget-holder. Linked 1:1 to their account. */
export const persons = sqliteTable(
  "persons",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    leadProfessionalId: text("lead_professional_id").references(() => users.id),
    // When the current lead professional was linked.
    leadSince: text("lead_since"),
    // The team or service the person chose (their own act); only that team may link them.
    teamId: text("team_id").references(() => teams.id),
    teamChosenAt: text("team_chosen_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("persons_user_unique").on(t.userId),
    index("persons_lead_idx").on(t.leadProfessionalId),
    index("persons_team_idx").on(t.teamId),
  ],
);

/** Representatives and peer brokers a person has let in. Removal is a timestamp, never a delete. */
export const helpers = sqliteTable(
  "helpers",
  {
    id: id(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    helperUserId: text("helper_user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: ["representative", "peer-broker"] }).notNull(),
    // Null until the person records it; a representative with no recorded authority may only view.
    authority: text("authority", { enum: AUTHORITIES }),
    actingForType: text("acting_for_type", { enum: ACTING_FOR_TYPES }),
    actingForReference: text("acting_for_reference"),
    createdAt: createdAt(),
    removedAt: text("removed_at"),
  },
  (t) => [index("helpers_person_idx").on(t.personId), index("helpers_user_idx").on(t.helperUserId)],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: id(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    kind: text("kind", { enum: ["representative", "peer-broker"] }).notNull(),
    codeHash: text("code_hash").notNull().unique(),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    expiresAt: text("expires_at").notNull(),
    acceptedAt: text("accepted_at"),
    acceptedBy: text("accepted_by").references(() => users.id),
    cancelledAt: text("cancelled_at"),
    createdAt: createdAt(),
  },
  (t) => [index("invitations_person_idx").on(t.personId)],
);

/**
 * An invitation to join as staff: a single-use link (only the token's hash is kept), valid 72 hours.
 * Used also to re-enrol a second factor after an administrator resets it (userId set).
 */
export const staffInvitations = sqliteTable("staff_invitations", {
  id: id(),
  email: text("email").notNull(),
  kind: text("kind", { enum: STAFF_KINDS }).notNull(),
  teamId: text("team_id").references(() => teams.id),
  tokenHash: text("token_hash").notNull().unique(),
  // Null when made by the `admin:create` command.
  createdBy: text("created_by").references(() => users.id),
  expiresAt: text("expires_at").notNull(),
  acceptedAt: text("accepted_at"),
  acceptedBy: text("accepted_by").references(() => users.id),
  createdAt: createdAt(),
});

/** Ten single-use codes for when the authenticator is lost. Only hashes are stored. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    codeHash: text("code_hash").notNull(),
    usedAt: text("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/** A code a team hands a person so that they can choose the team themselves. */
export const teamCodes = sqliteTable("team_codes", {
  id: id(),
  teamId: text("team_id")
    .notNull()
    .references(() => teams.id),
  codeHash: text("code_hash").notNull().unique(),
  createdBy: text("created_by")
    .notNull()
    .references(() => users.id),
  expiresAt: text("expires_at").notNull(),
  usedAt: text("used_at"),
  createdAt: createdAt(),
});

/** Only a hash of the session id is stored: a copy of the database does not hand out live sessions. */
export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    // "awaiting-second-factor" after the password for professionals and commissioners; "signed-in" after.
    // "enrolling-second-factor" while a new (or reset) staff account sets up its authenticator.
    stage: text("stage", { enum: ["awaiting-second-factor", "enrolling-second-factor", "signed-in"] }).notNull(),
    csrfSecret: text("csrf_secret").notNull(),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    lastSeenAt: text("last_seen_at").notNull(),
    endedAt: text("ended_at"),
    endedReason: text("ended_reason"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * A sign-up waiting for its owner to type the code emailed to them (an hour). One is made the same way
 * whether or not the address already has an account, so the answer to a sign-up never says which; for a
 * taken address there is no code (its owner gets an email saying so instead) and nothing can confirm it.
 * Deleted when confirmed; expired ones are deleted as new ones are made.
 */
export const signUpRequests = sqliteTable("sign_up_requests", {
  idHash: text("id_hash").primaryKey(),
  email: text("email").notNull(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  codeHash: text("code_hash"),
  // A person, or the helper an invitation code named.
  role: text("role", { enum: ["person", "representative", "peer-broker"] }).notNull(),
  invitationId: text("invitation_id").references(() => invitations.id),
  teamId: text("team_id").references(() => teams.id),
  expiresAt: text("expires_at").notNull(),
  createdAt: createdAt(),
});

export const signInFailures = sqliteTable("sign_in_failures", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: integer("last_failure_at").notNull(),
});

/**
 * Append-only: triggers in the migration refuse UPDATE and DELETE. Each line is hash-chained to the
 * one before (app/lib/audit-chain.server.ts), so even a copy edited outside the portal is caught.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    actorId: text("actor_id"),
    personId: text("person_id"),
    action: text("action").notNull(),
    target: text("target"),
    result: text("result", { enum: ["ok", "refused", "failed"] }).notNull(),
    detail: text("detail"),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [index("audit_person_idx").on(t.personId), index("audit_actor_idx").on(t.actorId)],
);

/**
 * Each move of old audit lines to an archive file (content/retention.json): which lines, the file, its
 * SHA-256 and the last line's hash. Append-only. The audit trail's delete trigger lets a line go only
 * when a row here says it is archived (seq at most last_seq), so nothing else can ever remove one.
 */
export const auditArchives = sqliteTable("audit_archives", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  file: text("file").notNull().unique(),
  firstSeq: integer("first_seq").notNull(),
  lastSeq: integer("last_seq").notNull(),
  lines: integer("lines").notNull(),
  lastHash: text("last_hash").notNull(),
  sha256: text("sha256").notNull(),
  archivedAt: text("archived_at").notNull(),
});

export const notifications = sqliteTable(
  "notifications",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    params: text("params").notNull().default("{}"),
    link: text("link"),
    /** Set for a notice that must exist once only (a review coming due): unique, whatever the number of servers. */
    noticeKey: text("notice_key"),
    createdAt: createdAt(),
    readAt: text("read_at"),
  },
  // Newest first for one user without a sort; the user's unread count and once-only checks use the prefix.
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    // The unread count on every signed-in page, from the index alone (a lead professional has hundreds).
    index("notifications_unread_idx").on(t.userId, t.readAt),
    uniqueIndex("notifications_notice_key").on(t.noticeKey),
  ],
);

/** Mail waiting to go. Never holds health details: only that there is something to look at. */
export const outbox = sqliteTable(
  "outbox",
  {
    id: id(),
    toEmail: text("to_email").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
    // Claimed by one sender before it talks to the mail server, so a restart or a second sender never sends twice.
    claimedAt: text("claimed_at"),
    sentAt: text("sent_at"),
  },
  // The emails to one address: in that person's data export.
  (t) => [index("outbox_to_email_idx").on(t.toEmail)],
);

/** One self-assessment per cycle of the person's journey. */
export const assessments = sqliteTable(
  "assessments",
  {
    id: id(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    cycle: integer("cycle").notNull().default(1),
    informal: text("informal", { enum: INFORMAL_SUPPORT }),
    informalBy: text("informal_by").references(() => users.id),
    // The category the lead professional placed the person in this cycle (the newest of
    // category_placements), read by every budget calculation under a rule set with categories.
    categoryId: text("category_id"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("assessments_person_cycle").on(t.personId, t.cycle)],
);

/** The person's own answer for one need area; who gave it is kept with it. */
export const assessmentAnswers = sqliteTable(
  "assessment_answers",
  {
    assessmentId: text("assessment_id")
      .notNull()
      .references(() => assessments.id),
    needArea: text("need_area").notNull(),
    // Null with ratherNotSay: "I'd rather not say" counts as 0, with a note.
    rating: integer("rating"),
    ratherNotSay: integer("rather_not_say", { mode: "boolean" }).notNull().default(false),
    answeredBy: text("answered_by")
      .notNull()
      .references(() => users.id),
    answeredAt: text("answered_at").notNull(),
  },
  (t) => [uniqueIndex("answers_assessment_area").on(t.assessmentId, t.needArea)],
);

/** A rating the lead professional agreed, with the reason. Never changed: a newer one supersedes. */
export const agreedRatings = sqliteTable(
  "agreed_ratings",
  {
    id: id(),
    assessmentId: text("assessment_id")
      .notNull()
      .references(() => assessments.id),
    needArea: text("need_area").notNull(),
    rating: integer("rating").notNull(),
    reason: text("reason").notNull(),
    agreedBy: text("agreed_by")
      .notNull()
      .references(() => users.id),
    agreedAt: text("agreed_at").notNull(),
  },
  (t) => [index("agreed_assessment_idx").on(t.assessmentId)],
);

/**
 * Every budget calculation is its own record: rule set, every input with its source, every output,
 * flag and explanation line. Never updated; changing the rule set makes a new one.
 */
/**
 * Each time a lead professional places the person in a category (a rule set of the third form), with
 * the reason the person reads. Append-only: the newest for an assessment is the placement in force.
 */
export const categoryPlacements = sqliteTable(
  "category_placements",
  {
    id: id(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    assessmentId: text("assessment_id")
      .notNull()
      .references(() => assessments.id),
    ruleSetId: text("rule_set_id").notNull(),
    categoryId: text("category_id").notNull(),
    reason: text("reason").notNull(),
    placedBy: text("placed_by")
      .notNull()
      .references(() => users.id),
    placedAt: text("placed_at").notNull(),
  },
  (t) => [
    index("category_placements_person_idx").on(t.personId, t.placedAt),
    // The placement behind a budget calculation (its assessment), newest first.
    index("category_placements_assessment_idx").on(t.assessmentId, t.placedAt),
  ],
);

/** The person (or someone acting for them) asks for a placement to be looked at again, in their own words. */
export const categoryReviewRequests = sqliteTable(
  "category_review_requests",
  {
    id: id(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    placementId: text("placement_id")
      .notNull()
      .references(() => categoryPlacements.id),
    reason: text("reason").notNull(),
    askedBy: text("asked_by")
      .notNull()
      .references(() => users.id),
    askedAt: text("asked_at").notNull(),
  },
  (t) => [
    index("category_review_requests_placement_idx").on(t.placementId),
    index("category_review_requests_person_idx").on(t.personId, t.askedAt),
  ],
);

export const allocations = sqliteTable(
  "allocations",
  {
    id: id(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    assessmentId: text("assessment_id")
      .notNull()
      .references(() => assessments.id),
    basis: text("basis", { enum: ["self", "agreed"] }).notNull(),
    ruleSetId: text("rule_set_id").notNull(),
    inputs: text("inputs").notNull(),
    eligible: integer("eligible", { mode: "boolean" }).notNull(),
    points: integer("points").notNull(),
    nhsPence: integer("nhs_pence").notNull(),
    councilPence: integer("council_pence").notNull(),
    totalPence: integer("total_pence").notNull(),
    weeklyPence: integer("weekly_pence").notNull(),
    flags: text("flags").notNull(),
    explanation: text("explanation").notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("allocations_person_idx").on(t.personId),
    // The newest calculation of each basis for an assessment: behind every page that shows the budget.
    index("allocations_assessment_basis_idx").on(t.assessmentId, t.basis, t.createdAt),
    // Budgets worked out in a period, for the insights and their learning loop.
    index("allocations_created_idx").on(t.createdAt),
  ],
);

/** One plan per cycle of the journey. Its state follows the sign-off workflow. */
export const plans = sqliteTable(
  "plans",
  {
    id: id(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    cycle: integer("cycle").notNull().default(1),
    state: text("state", {
      enum: PLAN_STATES,
    })
      .notNull()
      .default("draft"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("plans_person_cycle").on(t.personId, t.cycle)],
);

/**
 * The current text of each plan section, with a version for optimistic concurrency: a save names
 * the version it started from, and a save from an older version is never applied silently.
 */
export const planSections = sqliteTable(
  "plan_sections",
  {
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id),
    section: text("section").notNull(),
    version: integer("version").notNull(),
    content: text("content").notNull(),
    savedBy: text("saved_by")
      .notNull()
      .references(() => users.id),
    onBehalfOf: text("on_behalf_of").references(() => persons.id),
    savedAt: text("saved_at").notNull(),
  },
  (t) => [uniqueIndex("plan_sections_plan_section").on(t.planId, t.section)],
);

/** Every save of every section, and every save that lost a race (kept, never dropped). */
export const planSectionHistory = sqliteTable(
  "plan_section_history",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id),
    section: text("section").notNull(),
    version: integer("version").notNull(),
    content: text("content").notNull(),
    savedBy: text("saved_by")
      .notNull()
      .references(() => users.id),
    onBehalfOf: text("on_behalf_of").references(() => persons.id),
    /** How the saver stood towards the person (self, acting-for, supporting, peer-broker), or carried-forward at a new cycle. */
    capacity: text("capacity", {
      enum: ["self", "acting-for", "supporting", "peer-broker", "lead-professional", "team-member", "carried-forward"],
    }),
    savedAt: text("saved_at").notNull(),
    outcome: text("outcome", { enum: ["saved", "conflict"] }).notNull(),
    // "whole": content is the section as saved; "change": only what this save changed (app/domain/plan-history.ts).
    storedAs: text("stored_as", { enum: ["whole", "change"] })
      .notNull()
      .default("whole"),
  },
  (t) => [index("plan_history_plan_idx").on(t.planId, t.section)],
);

/**
 * Each version of a plan sent to the lead professional. The snapshot is the exact JSON string frozen
 * at submission (the whole plan and the budget figures); triggers refuse UPDATE and DELETE.
 */
export const planSubmissions = sqliteTable(
  "plan_submissions",
  {
    id: id(),
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    version: integer("version").notNull(),
    snapshot: text("snapshot").notNull(),
    consent: integer("consent", { mode: "boolean" }).notNull(),
    reason: text("reason"),
    submittedBy: text("submitted_by")
      .notNull()
      .references(() => users.id),
    submittedAt: text("submitted_at").notNull(),
    reconsideration: integer("reconsideration", { mode: "boolean" }).notNull().default(false),
    reconsiderationReasons: text("reconsideration_reasons"),
  },
  (t) => [
    uniqueIndex("plan_submissions_plan_version").on(t.planId, t.version),
    index("plan_submissions_person_idx").on(t.personId),
    // Versions sent again in a period, for the insights.
    index("plan_submissions_reconsideration_idx").on(t.reconsideration, t.submittedAt),
  ],
);

/** Every decision on a submitted version, with every reason. Append-only (triggers). */
export const planDecisions = sqliteTable(
  "plan_decisions",
  {
    id: id(),
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id),
    submissionId: text("submission_id")
      .notNull()
      .references(() => planSubmissions.id),
    decision: text("decision", {
      enum: ["signed-off", "changes-requested", "referred-to-panel", "think-again"],
    }).notNull(),
    criteria: text("criteria").notNull().default("{}"),
    itemAgreements: text("item_agreements").notNull().default("{}"),
    reason: text("reason"),
    risk: text("risk"),
    reviewDate: text("review_date"),
    confirmedBudgetPence: integer("confirmed_budget_pence"),
    // A positive-risk panel's decision: who sat (names as the panel gave them), besides who recorded it.
    panelSat: text("panel_sat"),
    decidedBy: text("decided_by")
      .notNull()
      .references(() => users.id),
    decidedAt: text("decided_at").notNull(),
  },
  (t) => [
    // A plan's decisions newest first (its latest decision, its latest sign-off's review date) without a sort.
    index("plan_decisions_plan_idx").on(t.planId, t.decidedAt),
    index("plan_decisions_submission_idx").on(t.submissionId),
    // The scheduler's review-due query (sendReviewDueNotices): sign-offs by review date.
    index("plan_decisions_review_idx").on(t.decision, t.reviewDate),
  ],
);

/** Stage 7: the review held with the person. */
export const planReviews = sqliteTable(
  "plan_reviews",
  {
    id: id(),
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id),
    whatIsWorking: text("what_is_working").notNull(),
    whatIsNot: text("what_is_not").notNull(),
    changesAgreed: text("changes_agreed").notNull(),
    nextReviewDate: text("next_review_date").notNull(),
    heldBy: text("held_by")
      .notNull()
      .references(() => users.id),
    heldAt: text("held_at").notNull(),
  },
  (t) => [
    index("plan_reviews_plan_idx").on(t.planId),
    // Reviews held in a period, for the insights.
    index("plan_reviews_held_idx").on(t.heldAt),
  ],
);

/**
 * Money after sign-off: the ledger of one signed-off plan. Never updated or deleted (triggers); a
 * correction is a new "reversal" entry. The item's name, menu kind and provider sector are kept
 * on the entry, so totals by kind and by statutory or community provider need no plan.
 */
export const ledgerEntries = sqliteTable(
  "ledger_entries",
  {
    id: id(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id),
    kind: text("kind", { enum: ["received", "spent", "committed", "reversal"] }).notNull(),
    entryDate: text("entry_date").notNull(),
    amountPence: integer("amount_pence").notNull(),
    source: text("source", { enum: ["nhs", "council"] }),
    itemId: text("item_id"),
    itemWhat: text("item_what"),
    menuKind: text("menu_kind"),
    sector: text("sector", { enum: ["community", "statutory"] }),
    contingency: integer("contingency", { mode: "boolean" }).notNull().default(false),
    payee: text("payee"),
    method: text("method"),
    note: text("note"),
    reverses: text("reverses"),
    // A reversal carries the kind, item, menu kind, sector and source of what it reverses.
    reversedKind: text("reversed_kind", { enum: ["received", "spent", "committed"] }),
    settles: text("settles"),
    importId: text("import_id"),
    fingerprint: text("fingerprint"),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [
    index("ledger_person_idx").on(t.personId, t.entryDate),
    index("ledger_plan_idx").on(t.planId),
    // Spend by menu kind and provider sector across everyone, for the insights (one indexed query).
    index("ledger_kind_date_idx").on(t.kind, t.entryDate, t.menuKind, t.sector),
    // A statement line already brought in is recognised and never recorded twice.
    uniqueIndex("ledger_person_fingerprint").on(t.personId, t.fingerprint),
  ],
);

/** A photo or PDF of a receipt, stored under DATA_DIR with a random name. Append-only (triggers). */
export const receipts = sqliteTable(
  "receipts",
  {
    id: id(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    entryId: text("entry_id")
      .notNull()
      .references(() => ledgerEntries.id),
    storedName: text("stored_name").notNull(),
    mediaType: text("media_type").notNull(),
    bytes: integer("bytes").notNull(),
    uploadedBy: text("uploaded_by")
      .notNull()
      .references(() => users.id),
    uploadedAt: text("uploaded_at").notNull(),
  },
  (t) => [index("receipts_person_idx").on(t.personId), index("receipts_entry_idx").on(t.entryId)],
);

/** A statement brought in and waiting to be confirmed line by line; confirmed at most once. */
export const statementImports = sqliteTable(
  "statement_imports",
  {
    id: id(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id),
    csv: text("csv").notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    confirmedAt: text("confirmed_at"),
  },
  (t) => [index("statement_imports_person_idx").on(t.personId)],
);

/** Which columns of the person's statements hold the date, description and amount: asked once, remembered. */
export const statementMappings = sqliteTable("statement_mappings", {
  personId: text("person_id")
    .primaryKey()
    .references(() => persons.id),
  dateColumn: text("date_column").notNull(),
  descriptionColumn: text("description_column").notNull(),
  amountColumn: text("amount_column").notNull(),
  dateOrder: text("date_order", { enum: ["day-first", "iso"] }).notNull(),
  savedBy: text("saved_by")
    .notNull()
    .references(() => users.id),
  savedAt: text("saved_at").notNull(),
});

/** The crisis contingency agreed at sign-off, tied to what helps in the crisis plan. Append-only: the newest counts. */
export const contingencies = sqliteTable(
  "contingencies",
  {
    id: id(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id),
    amountPence: integer("amount_pence").notNull(),
    whatFor: text("what_for").notNull(),
    agreedBy: text("agreed_by")
      .notNull()
      .references(() => users.id),
    agreedAt: text("agreed_at").notNull(),
  },
  (t) => [index("contingencies_plan_idx").on(t.planId), index("contingencies_person_idx").on(t.personId)],
);

/** Whether the person shares the detail of their spending with their lead professional. Append-only: the newest counts. */
export const spendingShares = sqliteTable(
  "spending_shares",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    shared: integer("shared", { mode: "boolean" }).notNull(),
    setBy: text("set_by")
      .notNull()
      .references(() => users.id),
    setAt: text("set_at").notNull(),
  },
  (t) => [index("spending_shares_person_idx").on(t.personId)],
);

/**
 * Rule sets commissioners make (the shipped examples stay in content/rule-sets). `definition` is the
 * rule-set JSON, validated by the same schema as the files. A draft may change; triggers refuse any
 * change to a published or retired rule set's definition or dates, and deleting it.
 */
export const schemeRuleSets = sqliteTable(
  "scheme_rule_sets",
  {
    id: text("id").primaryKey(),
    definition: text("definition").notNull(),
    status: text("status", { enum: ["draft", "published", "retired"] })
      .notNull()
      .default("draft"),
    basedOn: text("based_on"),
    reason: text("reason"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedBy: text("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: text("updated_at").notNull(),
    effectiveFrom: text("effective_from"),
    approvalRequestedBy: text("approval_requested_by").references(() => users.id),
    approvalRequestedAt: text("approval_requested_at"),
    approvedBy: text("approved_by").references(() => users.id),
    approvedAt: text("approved_at"),
    approvalNote: text("approval_note"),
    retiredBy: text("retired_by").references(() => users.id),
    retiredAt: text("retired_at"),
  },
  (t) => [index("scheme_rule_sets_status_idx").on(t.status)],
);

/**
 * Changes commissioners make to the menu (the shipped menu stays in content/menu): each is a new
 * menu version with a line in the change log. Append-only (triggers): a plan item keeps the version
 * it was checked against, and a signed-off plan is never changed by a later rule.
 */
export const menuChanges = sqliteTable("menu_changes", {
  seq: integer("seq").primaryKey({ autoIncrement: true }),
  version: text("version").notNull().unique(),
  entryId: text("entry_id").notNull(),
  change: text("change", { enum: MENU_CHANGE_KINDS }).notNull(),
  why: text("why").notNull(),
  madeBy: text("made_by")
    .notNull()
    .references(() => users.id),
  madeAt: text("made_at").notNull(),
  /** The whole entry or provider from this version on (JSON, checked by the content schema); null for a retirement. */
  record: text("record"),
  /** Translations of an entry not changed along with its English (JSON list of languages). */
  awaitingReview: text("awaiting_review"),
  /** The parts that changed (JSON list), for the change log. */
  parts: text("parts"),
});

/**
 * Questions about a rule from the public menu (anyone, signed in or not) and the commissioners'
 * replies. Both append-only (triggers): a question and its reply stay as they were recorded.
 * `user_id` is set for a signed-in asker; `reply_email` only when someone not signed in gave one.
 * `sender_key` is a hash of the address (or account) that sent it, for throttling only.
 */
export const menuQuestions = sqliteTable(
  "menu_questions",
  {
    id: id(),
    entryId: text("entry_id").notNull(),
    menuVersion: text("menu_version").notNull(),
    userId: text("user_id").references(() => users.id),
    replyEmail: text("reply_email"),
    message: text("message").notNull(),
    senderKey: text("sender_key").notNull(),
    askedAt: text("asked_at").notNull(),
  },
  (t) => [
    index("menu_questions_sender").on(t.senderKey, t.askedAt),
    index("menu_questions_asked").on(t.askedAt),
    // A person's own questions (their data export).
    index("menu_questions_user").on(t.userId, t.askedAt),
  ],
);

export const menuQuestionReplies = sqliteTable("menu_question_replies", {
  id: id(),
  questionId: text("question_id")
    .notNull()
    .unique()
    .references(() => menuQuestions.id),
  reply: text("reply").notNull(),
  repliedBy: text("replied_by")
    .notNull()
    .references(() => users.id),
  repliedAt: text("replied_at").notNull(),
});

/**
 * Small grants: a person's request in a few questions and the team's one decision with its reason
 * (app/domain/grants.ts owns the states). The request never changes; the decision is filled in once.
 */
export const grants = sqliteTable(
  "grants",
  {
    id: id(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    purpose: text("purpose").notNull(),
    howItHelps: text("how_it_helps").notNull(),
    askedPence: integer("asked_pence").notNull(),
    state: text("state", { enum: GRANT_STATES }).notNull().default("asked"),
    askedBy: text("asked_by")
      .notNull()
      .references(() => users.id),
    askedAt: text("asked_at").notNull(),
    /** The day the team answers by (content/grants.json), fixed when asked. */
    answerBy: text("answer_by").notNull(),
    grantedPence: integer("granted_pence"),
    decisionReason: text("decision_reason"),
    decidedBy: text("decided_by").references(() => users.id),
    decidedAt: text("decided_at"),
  },
  (t) => [index("grants_person_idx").on(t.personId, t.askedAt), index("grants_state_idx").on(t.state, t.askedAt)],
);

/** Spending from a granted sum: its own simple record, one line a payment, never changed. */
export const grantSpending = sqliteTable(
  "grant_spending",
  {
    id: id(),
    grantId: text("grant_id")
      .notNull()
      .references(() => grants.id),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    spentOn: text("spent_on").notNull(),
    amountPence: integer("amount_pence").notNull(),
    what: text("what").notNull(),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [
    index("grant_spending_grant_idx").on(t.grantId, t.spentOn),
    index("grant_spending_person_idx").on(t.personId, t.spentOn),
    // Actual spend in a period, for the insights.
    index("grant_spending_date_idx").on(t.spentOn),
  ],
);

/**
 * Treatment vouchers (app/domain/vouchers.ts): sessions of a controlled treatment, a value and an
 * expiry, issued by the lead professional instead of money. Never changed after issue.
 */
export const vouchers = sqliteTable(
  "vouchers",
  {
    id: id(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    treatment: text("treatment").notNull(),
    sessions: integer("sessions").notNull(),
    valuePence: integer("value_pence").notNull(),
    expiresOn: text("expires_on").notNull(),
    issuedBy: text("issued_by")
      .notNull()
      .references(() => users.id),
    issuedAt: text("issued_at").notNull(),
  },
  (t) => [index("vouchers_person_idx").on(t.personId), index("vouchers_issued_idx").on(t.issuedAt)],
);

/** Each provider the person chose for a voucher, newest in force (a switch is a new row). */
export const voucherProviders = sqliteTable(
  "voucher_providers",
  {
    id: id(),
    voucherId: text("voucher_id")
      .notNull()
      .references(() => vouchers.id),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    providerId: text("provider_id").notNull(),
    chosenBy: text("chosen_by")
      .notNull()
      .references(() => users.id),
    chosenAt: text("chosen_at").notNull(),
  },
  (t) => [
    index("voucher_providers_voucher_idx").on(t.voucherId, t.chosenAt),
    index("voucher_providers_person_idx").on(t.personId),
  ],
);

/** A provider's claim against a voucher: sessions held and their cost, recorded by the lead professional. */
export const voucherClaims = sqliteTable(
  "voucher_claims",
  {
    id: id(),
    voucherId: text("voucher_id")
      .notNull()
      .references(() => vouchers.id),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    providerId: text("provider_id").notNull(),
    sessions: integer("sessions").notNull(),
    amountPence: integer("amount_pence").notNull(),
    sessionDate: text("session_date").notNull(),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [
    index("voucher_claims_voucher_idx").on(t.voucherId, t.sessionDate),
    index("voucher_claims_person_idx").on(t.personId),
    // Actual spend in a period, for the insights.
    index("voucher_claims_date_idx").on(t.sessionDate),
  ],
);

/**
 * What the insights need to know about each person, kept up to date as events happen: triggers (migration
 * 0023) recompute a person's row from the view `insights_person_facts` whenever one of their assessments,
 * answers, budgets, plans, plan sections, submissions, decisions, reviews or ledger entries is written.
 * The insights page reads it through covering indexes instead of working out 100,000 people's stages and
 * budgets on each request (docs/decisions/2026-12-02-insights-at-scale.md). Never shown as such: it is the
 * raw material for anonymised figures.
 */
export const insightsPeople = sqliteTable(
  "insights_people",
  {
    personId: text("person_id")
      .primaryKey()
      .references(() => persons.id),
    /** The first and last recorded step (answer, budget, plan save, submission, decision, review). */
    firstStepAt: text("first_step_at"),
    lastStepAt: text("last_step_at"),
    /**
     * The journey's facts for the newest cycle as a JSON array [answered, informal, plan state, resources,
     * sections filled, items, items arranged]: few distinct values, each turned into a stage once by
     * app/domain/journey.ts.
     */
    stageFacts: text("stage_facts").notNull(),
    /** The newest plan, and whether it lists help that costs nothing. */
    planId: text("plan_id"),
    hasFreeSupport: integer("has_free_support").notNull(),
    /** The person's budget: the newest of their newest cycle, an agreed one before their own. */
    allocationId: text("allocation_id"),
    allocationAt: text("allocation_at"),
    /** The first and last budget worked out for them, of any cycle. */
    allocationsFrom: text("allocations_from"),
    allocationsTo: text("allocations_to"),
    ruleSetId: text("rule_set_id"),
    eligible: integer("eligible"),
    points: integer("points"),
    nhsPence: integer("nhs_pence"),
    councilPence: integer("council_pence"),
    totalPence: integer("total_pence"),
    /** The newest sign-off of the newest plan, and a year of its funded items as signed off. */
    signedOffAt: text("signed_off_at"),
    plannedPence: integer("planned_pence"),
    /** Spending less its corrections against the newest plan, and the day of the last such entry. */
    spentPence: integer("spent_pence"),
    spentUntil: text("spent_until"),
  },
  (t) => [
    // Covering: the stage figure reads only this index.
    index("insights_people_steps_idx").on(t.lastStepAt, t.stageFacts, t.personId, t.firstStepAt),
    // Covering: the budgets and the learning loop read only this index.
    index("insights_people_budget_idx").on(
      t.allocationAt,
      t.eligible,
      t.ruleSetId,
      t.points,
      t.nhsPence,
      t.councilPence,
      t.totalPence,
      t.hasFreeSupport,
      t.plannedPence,
      t.signedOffAt,
      t.spentPence,
      t.spentUntil,
      t.personId,
      t.planId,
      t.allocationsFrom,
      t.allocationsTo,
    ),
  ],
);

/**
 * Every decision on a plan with the person and when the version decided on was sent, and for a sign-off
 * the items as signed off: kept by a trigger on plan_decisions (append-only), so the insights read
 * decisions in a period without opening each frozen snapshot.
 */
export const insightsDecisions = sqliteTable(
  "insights_decisions",
  {
    decisionId: text("decision_id")
      .primaryKey()
      .references(() => planDecisions.id),
    planId: text("plan_id").notNull(),
    personId: text("person_id").notNull(),
    decision: text("decision").notNull(),
    submittedAt: text("submitted_at").notNull(),
    decidedAt: text("decided_at").notNull(),
    /** The signed-off version's items (JSON), for a sign-off. */
    items: text("items"),
  },
  (t) => [
    // Covering: decisions and planned spend in a period read only this index.
    index("insights_decisions_decided_idx").on(t.decidedAt, t.decision, t.personId, t.submittedAt, t.planId, t.items),
  ],
);

/**
 * How many times the records the insights are worked out from have changed: one row, its count raised by a
 * trigger on every write to those tables (migration 0025 / 0004; the list is INSIGHTS_SOURCES in
 * app/models/insights.server.ts). A server keeps the rows of a report it worked out for as long as the count
 * is unchanged, so the page costs one lookup until someone's records change
 * (docs/decisions/2026-12-03-insights-kept-until-records-change.md).
 */
export const insightsVersion = sqliteTable("insights_version", {
  /** 'sources': the one row. */
  id: text("id").primaryKey(),
  changes: integer("changes").notNull(),
});

/**
 * How many times the records behind a lead professional's caseload have changed: a row a lead professional,
 * its count raised by a trigger on every write to those records (CASELOAD_SOURCES in
 * app/models/caseload.server.ts; migration 0026 / 0005). A server keeps a caseload's rows (the home page's
 * names and stages, the queue) for as long as that lead professional's count is unchanged
 * (docs/decisions/2026-12-03-caseload-kept-until-it-changes.md).
 */
export const caseloadVersion = sqliteTable("caseload_version", {
  leadId: text("lead_id").primaryKey(),
  changes: integer("changes").notNull(),
});

/**
 * How many lines of the audit trail are about each person: raised by a trigger as each line is written and
 * lowered as archived lines go (migration 0027 / 0006), so the who-has-looked page knows its number of pages
 * without counting a trail that grows by a line at every view.
 */
export const auditCounts = sqliteTable("audit_counts", {
  personId: text("person_id").primaryKey(),
  lines: integer("lines").notNull(),
});
