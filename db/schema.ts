// The tables every model uses, for the engine this process runs on (db/engine.ts): the SQLite ones
// (db/schema.sqlite.ts) or their PostgreSQL twins (db/schema.pg.ts). Both define the same tables with the
// same JS names and value shapes (tests/unit/schema-engines.test.ts), so a model's queries are the same
// on either engine. Typed as the SQLite tables: the query builder's methods the models use are the same.
import { databaseEngine } from "./engine";
import * as pgTables from "./schema.pg";
import * as sqliteTables from "./schema.sqlite";

const tables = (databaseEngine() === "postgres" ? pgTables : sqliteTables) as unknown as typeof sqliteTables;

export const {
  teams,
  users,
  persons,
  helpers,
  invitations,
  staffInvitations,
  recoveryCodes,
  teamCodes,
  sessions,
  signUpRequests,
  signInFailures,
  auditLog,
  auditArchives,
  auditCounts,
  notifications,
  outbox,
  assessments,
  assessmentAnswers,
  agreedRatings,
  categoryPlacements,
  categoryReviewRequests,
  allocations,
  plans,
  planSections,
  planSectionHistory,
  planSubmissions,
  planDecisions,
  planReviews,
  ledgerEntries,
  receipts,
  statementImports,
  statementMappings,
  contingencies,
  spendingShares,
  schemeRuleSets,
  menuChanges,
  menuQuestions,
  menuQuestionReplies,
  grants,
  grantSpending,
  vouchers,
  voucherProviders,
  voucherClaims,
  insightsPeople,
  insightsDecisions,
} = tables;
