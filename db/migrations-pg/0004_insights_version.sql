CREATE TABLE "insights_version" (
	"id" text PRIMARY KEY NOT NULL,
	"changes" bigint NOT NULL
);--> statement-breakpoint
-- Hand-written from here: the twin of db/migrations/0025's count of changes to the records the insights read
-- (INSIGHTS_SOURCES in app/models/insights.server.ts). One trigger a table, once a statement: a statement
-- that writes many rows raises the count once, which is all a kept report needs to know. The row is made by the first change.
CREATE FUNCTION "insights_count_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "insights_version" ("id", "changes") VALUES ('sources', 1)
    ON CONFLICT ("id") DO UPDATE SET "changes" = "insights_version"."changes" + 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "insights_after_allocations_count" AFTER INSERT OR UPDATE OR DELETE ON "allocations"
  FOR EACH STATEMENT EXECUTE FUNCTION "insights_count_change"();--> statement-breakpoint
CREATE TRIGGER "insights_after_assessment_answers_count" AFTER INSERT OR UPDATE OR DELETE ON "assessment_answers"
  FOR EACH STATEMENT EXECUTE FUNCTION "insights_count_change"();--> statement-breakpoint
CREATE TRIGGER "insights_after_assessments_count" AFTER INSERT OR UPDATE OR DELETE ON "assessments"
  FOR EACH STATEMENT EXECUTE FUNCTION "insights_count_change"();--> statement-breakpoint
CREATE TRIGGER "insights_after_grant_spending_count" AFTER INSERT OR UPDATE OR DELETE ON "grant_spending"
  FOR EACH STATEMENT EXECUTE FUNCTION "insights_count_change"();--> statement-breakpoint
CREATE TRIGGER "insights_after_grants_count" AFTER INSERT OR UPDATE OR DELETE ON "grants"
  FOR EACH STATEMENT EXECUTE FUNCTION "insights_count_change"();--> statement-breakpoint
CREATE TRIGGER "insights_after_insights_decisions_count" AFTER INSERT OR UPDATE OR DELETE ON "insights_decisions"
  FOR EACH STATEMENT EXECUTE FUNCTION "insights_count_change"();--> statement-breakpoint
CREATE TRIGGER "insights_after_insights_people_count" AFTER INSERT OR UPDATE OR DELETE ON "insights_people"
  FOR EACH STATEMENT EXECUTE FUNCTION "insights_count_change"();--> statement-breakpoint
CREATE TRIGGER "insights_after_ledger_entries_count" AFTER INSERT OR UPDATE OR DELETE ON "ledger_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION "insights_count_change"();--> statement-breakpoint
CREATE TRIGGER "insights_after_persons_count" AFTER INSERT OR UPDATE OR DELETE ON "persons"
  FOR EACH STATEMENT EXECUTE FUNCTION "insights_count_change"();--> statement-breakpoint
CREATE TRIGGER "insights_after_plan_decisions_count" AFTER INSERT OR UPDATE OR DELETE ON "plan_decisions"
  FOR EACH STATEMENT EXECUTE FUNCTION "insights_count_change"();--> statement-breakpoint
CREATE TRIGGER "insights_after_plan_reviews_count" AFTER INSERT OR UPDATE OR DELETE ON "plan_reviews"
  FOR EACH STATEMENT EXECUTE FUNCTION "insights_count_change"();--> statement-breakpoint
CREATE TRIGGER "insights_after_plan_sections_count" AFTER INSERT OR UPDATE OR DELETE ON "plan_sections"
  FOR EACH STATEMENT EXECUTE FUNCTION "insights_count_change"();--> statement-breakpoint
CREATE TRIGGER "insights_after_plan_submissions_count" AFTER INSERT OR UPDATE OR DELETE ON "plan_submissions"
  FOR EACH STATEMENT EXECUTE FUNCTION "insights_count_change"();--> statement-breakpoint
CREATE TRIGGER "insights_after_plans_count" AFTER INSERT OR UPDATE OR DELETE ON "plans"
  FOR EACH STATEMENT EXECUTE FUNCTION "insights_count_change"();--> statement-breakpoint
CREATE TRIGGER "insights_after_users_count" AFTER INSERT OR UPDATE OR DELETE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION "insights_count_change"();--> statement-breakpoint
CREATE TRIGGER "insights_after_voucher_claims_count" AFTER INSERT OR UPDATE OR DELETE ON "voucher_claims"
  FOR EACH STATEMENT EXECUTE FUNCTION "insights_count_change"();--> statement-breakpoint
CREATE TRIGGER "insights_after_vouchers_count" AFTER INSERT OR UPDATE OR DELETE ON "vouchers"
  FOR EACH STATEMENT EXECUTE FUNCTION "insights_count_change"();
