CREATE TABLE "caseload_version" (
	"lead_id" text PRIMARY KEY NOT NULL,
	"changes" bigint NOT NULL
);
--> statement-breakpoint
-- Hand-written from here: the twin of db/migrations/0026's count of changes to the records a lead professional's
-- caseload is read from (CASELOAD_SOURCES in app/models/caseload.server.ts). One function for every table, a
-- trigger a row: the lead professional is found from the row's person (persons: the row itself; users: the
-- person whose name it is; plans, submissions, assessments: person_id; decisions and plan parts: their plan's
-- person; answers: their assessment's person), for the row as written and as it was.
CREATE FUNCTION "caseload_count_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  written jsonb;
BEGIN
  FOREACH written IN ARRAY ARRAY[
    CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END,
    CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END
  ] LOOP
    CONTINUE WHEN written IS NULL;
    INSERT INTO "caseload_version" ("lead_id", "changes")
      SELECT DISTINCT lead, 1 FROM (
        SELECT CASE TG_TABLE_NAME
          WHEN 'persons' THEN written->>'lead_professional_id'
          WHEN 'users' THEN (SELECT p."lead_professional_id" FROM "persons" p WHERE p."user_id" = written->>'id')
          WHEN 'plan_decisions' THEN (SELECT p."lead_professional_id" FROM "plans" pl
            JOIN "persons" p ON p."id" = pl."person_id" WHERE pl."id" = written->>'plan_id')
          WHEN 'plan_sections' THEN (SELECT p."lead_professional_id" FROM "plans" pl
            JOIN "persons" p ON p."id" = pl."person_id" WHERE pl."id" = written->>'plan_id')
          WHEN 'assessment_answers' THEN (SELECT p."lead_professional_id" FROM "assessments" a
            JOIN "persons" p ON p."id" = a."person_id" WHERE a."id" = written->>'assessment_id')
          ELSE (SELECT p."lead_professional_id" FROM "persons" p WHERE p."id" = written->>'person_id')
        END AS lead
      ) found WHERE lead IS NOT NULL
      ON CONFLICT ("lead_id") DO UPDATE SET "changes" = "caseload_version"."changes" + 1;
  END LOOP;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "caseload_after_persons_count" AFTER INSERT OR UPDATE OR DELETE ON "persons"
  FOR EACH ROW EXECUTE FUNCTION "caseload_count_change"();--> statement-breakpoint
CREATE TRIGGER "caseload_after_users_count" AFTER UPDATE OF "name" ON "users"
  FOR EACH ROW EXECUTE FUNCTION "caseload_count_change"();--> statement-breakpoint
CREATE TRIGGER "caseload_after_plans_count" AFTER INSERT OR UPDATE OR DELETE ON "plans"
  FOR EACH ROW EXECUTE FUNCTION "caseload_count_change"();--> statement-breakpoint
CREATE TRIGGER "caseload_after_plan_submissions_count" AFTER INSERT OR UPDATE OR DELETE ON "plan_submissions"
  FOR EACH ROW EXECUTE FUNCTION "caseload_count_change"();--> statement-breakpoint
CREATE TRIGGER "caseload_after_plan_decisions_count" AFTER INSERT OR UPDATE OR DELETE ON "plan_decisions"
  FOR EACH ROW EXECUTE FUNCTION "caseload_count_change"();--> statement-breakpoint
CREATE TRIGGER "caseload_after_plan_sections_count" AFTER INSERT OR UPDATE OR DELETE ON "plan_sections"
  FOR EACH ROW EXECUTE FUNCTION "caseload_count_change"();--> statement-breakpoint
CREATE TRIGGER "caseload_after_assessments_count" AFTER INSERT OR UPDATE OR DELETE ON "assessments"
  FOR EACH ROW EXECUTE FUNCTION "caseload_count_change"();--> statement-breakpoint
CREATE TRIGGER "caseload_after_assessment_answers_count" AFTER INSERT OR UPDATE OR DELETE ON "assessment_answers"
  FOR EACH ROW EXECUTE FUNCTION "caseload_count_change"();
