DROP INDEX "insights_decisions_decided_idx";--> statement-breakpoint
ALTER TABLE "insights_people" ALTER COLUMN "planned_pence" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "insights_people" ALTER COLUMN "spent_pence" SET DATA TYPE bigint;--> statement-breakpoint
CREATE INDEX "insights_decisions_decided_idx" ON "insights_decisions" USING btree ("decided_at","decision","person_id","submitted_at","plan_id");
--> statement-breakpoint
-- Hand-written from here: the insights summary kept as events happen, the twin of db/migrations/0023's views
-- and triggers (docs/decisions/2026-12-02-insights-on-postgresql.md). The same SQL, but for JSON: the records
-- keep JSON as text, read here as jsonb (`x::jsonb`, `->> 'k'`, jsonb_array_elements for json_each), and
-- booleans (allocations.eligible) are kept in the summary as SQLite's 0 and 1.
--
-- SQLite's json_array_length is 0 for JSON that is not an array and NULL for NULL; jsonb_array_length raises
-- an error instead, which in a trigger would refuse the person's own save. These two never raise.
CREATE FUNCTION "insights_array_length"(j jsonb) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN j IS NULL THEN NULL WHEN jsonb_typeof(j) = 'array' THEN jsonb_array_length(j) ELSE 0 END
$$;
--> statement-breakpoint
-- The elements of a JSON array (none for anything else), for jsonb_array_elements.
CREATE FUNCTION "insights_array"(j jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(j) = 'array' THEN j ELSE '[]'::jsonb END
$$;
--> statement-breakpoint
-- Every recorded step of a person, as the stage figure counts them: answers, budgets, plan saves,
-- submissions, decisions, reviews (insights_person_facts lists the same, one person at a time).
CREATE VIEW "insights_steps" AS
  SELECT a.person_id, aa.answered_at AS at FROM assessment_answers aa JOIN assessments a ON a.id = aa.assessment_id
  UNION ALL SELECT person_id, created_at FROM allocations
  UNION ALL SELECT p.person_id, s.saved_at FROM plan_sections s JOIN plans p ON p.id = s.plan_id
  UNION ALL SELECT person_id, submitted_at FROM plan_submissions
  UNION ALL SELECT p.person_id, d.decided_at FROM plan_decisions d JOIN plans p ON p.id = d.plan_id
  UNION ALL SELECT p.person_id, r.held_at FROM plan_reviews r JOIN plans p ON p.id = r.plan_id;
--> statement-breakpoint
-- Each sign-off with a year of the funded items of the version signed off: as FUNDED_KINDS (an absolute
-- exclusion is never funded) and yearlyCostPence (unit cost times units a year) in app/domain.
CREATE VIEW "insights_signoffs" AS
  SELECT d.id AS decision_id, d.plan_id, d.decided_at,
    CASE WHEN sub.snapshot::jsonb #> '{plan,items}' IS NULL THEN NULL ELSE coalesce((
      SELECT sum((it ->> 'unitCostPence')::numeric * (it ->> 'unitsPerYear')::numeric)::bigint
      FROM jsonb_array_elements(insights_array(sub.snapshot::jsonb #> '{plan,items}')) it
      WHERE it ->> 'kind' <> 'absolute-exclusion'), 0)
    END AS planned_pence
  FROM plan_decisions d JOIN plan_submissions sub ON sub.id = d.submission_id
  WHERE d.decision = 'signed-off';
--> statement-breakpoint
-- One row per person with what the insights need, worked out from the records themselves: read for one
-- person by the triggers below (every subquery finds its rows through an index on the person or plan).
-- stage_facts is the same JSON array as SQLite's (jsonb writes it with spaces: the same values parsed).
CREATE VIEW "insights_person_facts" AS
SELECT sec.person_id,
  (SELECT min(at) FROM (
    SELECT min(aa.answered_at) AS at FROM assessments x JOIN assessment_answers aa ON aa.assessment_id = x.id
      WHERE x.person_id = sec.person_id
    UNION ALL SELECT min(created_at) FROM allocations WHERE person_id = sec.person_id
    UNION ALL SELECT min(s.saved_at) FROM plans x JOIN plan_sections s ON s.plan_id = x.id WHERE x.person_id = sec.person_id
    UNION ALL SELECT min(submitted_at) FROM plan_submissions WHERE person_id = sec.person_id
    UNION ALL SELECT min(d.decided_at) FROM plans x JOIN plan_decisions d ON d.plan_id = x.id WHERE x.person_id = sec.person_id
    UNION ALL SELECT min(r.held_at) FROM plans x JOIN plan_reviews r ON r.plan_id = x.id WHERE x.person_id = sec.person_id
  ) steps) AS first_step_at,
  (SELECT max(at) FROM (
    SELECT max(aa.answered_at) AS at FROM assessments x JOIN assessment_answers aa ON aa.assessment_id = x.id
      WHERE x.person_id = sec.person_id
    UNION ALL SELECT max(created_at) FROM allocations WHERE person_id = sec.person_id
    UNION ALL SELECT max(s.saved_at) FROM plans x JOIN plan_sections s ON s.plan_id = x.id WHERE x.person_id = sec.person_id
    UNION ALL SELECT max(submitted_at) FROM plan_submissions WHERE person_id = sec.person_id
    UNION ALL SELECT max(d.decided_at) FROM plans x JOIN plan_decisions d ON d.plan_id = x.id WHERE x.person_id = sec.person_id
    UNION ALL SELECT max(r.held_at) FROM plans x JOIN plan_reviews r ON r.plan_id = x.id WHERE x.person_id = sec.person_id
  ) steps) AS last_step_at,
  jsonb_build_array(sec.answered, sec.informal, sec.workflow,
    coalesce(insights_array_length(sec.resources::jsonb), 0),
    -- As filledSections in app/domain/plan.ts, less resources (stage 2): which plan sections hold something.
    (coalesce(insights_array_length(sec.outcomes::jsonb), 0) > 0)::int
      + (coalesce(insights_array_length(sec.items::jsonb), 0) > 0)::int
      + (coalesce(insights_array_length(sec.free_support::jsonb), 0) > 0)::int
      + (coalesce(insights_array_length(sec.risks::jsonb), 0) > 0)::int
      + (sec.crisis IS NOT NULL AND (coalesce(sec.crisis::jsonb ->> 'earlySigns', '') <> ''
          OR coalesce(sec.crisis::jsonb ->> 'whatHelps', '') <> '' OR coalesce(sec.crisis::jsonb ->> 'doNotWant', '') <> ''
          OR coalesce(sec.crisis::jsonb ->> 'preferredPlace', '') <> ''
          OR coalesce(insights_array_length(sec.crisis::jsonb -> 'contacts'), 0) > 0))::int
      + (sec.decisions IS NOT NULL AND (coalesce(sec.decisions::jsonb ->> 'whoDecidesWhat', '') <> ''
          OR sec.decisions::jsonb ->> 'management' IS NOT NULL OR sec.decisions::jsonb -> 'ifUnwell' IS NOT NULL))::int,
    coalesce(insights_array_length(sec.items::jsonb), 0),
    -- As isArranged in app/domain/plan-stages.ts: who provides it, when it starts, how it is paid.
    CASE WHEN sec.items IS NULL OR sec.organising IS NULL THEN 0 ELSE (
      SELECT count(*) FROM jsonb_array_elements(insights_array(sec.items::jsonb)) it WHERE EXISTS (
        SELECT 1 FROM jsonb_array_elements(insights_array(sec.organising::jsonb)) o
        WHERE o ->> 'itemId' = it ->> 'id' AND coalesce(o ->> 'provider', '') <> ''
          AND coalesce(o ->> 'startDate', '') <> '' AND o ->> 'howPaid' IS NOT NULL)
    ) END)::text AS stage_facts,
  sec.plan_id,
  coalesce((insights_array_length(sec.free_support::jsonb) > 0)::int, 0) AS has_free_support,
  al.id AS allocation_id, al.created_at AS allocation_at,
  (SELECT min(created_at) FROM allocations WHERE person_id = sec.person_id) AS allocations_from,
  (SELECT max(created_at) FROM allocations WHERE person_id = sec.person_id) AS allocations_to,
  al.rule_set_id, al.eligible::int AS eligible, al.points, al.nhs_pence, al.council_pence, al.total_pence,
  (SELECT d.decided_at FROM plan_decisions d WHERE d.plan_id = sec.plan_id AND d.decision = 'signed-off'
    ORDER BY d.decided_at DESC LIMIT 1) AS signed_off_at,
  (SELECT signed.planned_pence FROM insights_signoffs signed WHERE signed.decision_id = (
    SELECT d.id FROM plan_decisions d WHERE d.plan_id = sec.plan_id AND d.decision = 'signed-off'
    ORDER BY d.decided_at DESC LIMIT 1)) AS planned_pence,
  (SELECT sum(CASE WHEN kind = 'spent' THEN amount_pence ELSE -amount_pence END) FROM ledger_entries
    WHERE plan_id = sec.plan_id AND (kind = 'spent' OR (kind = 'reversal' AND reversed_kind = 'spent'))) AS spent_pence,
  (SELECT max(entry_date) FROM ledger_entries
    WHERE plan_id = sec.plan_id AND (kind = 'spent' OR (kind = 'reversal' AND reversed_kind = 'spent'))) AS spent_until
FROM (
  SELECT cur.person_id, cur.plan_id, cur.allocation_id, a.informal, pl.state AS workflow,
    (SELECT count(*) FROM assessment_answers WHERE assessment_id = cur.assessment_id) AS answered,
    (SELECT content FROM plan_sections WHERE plan_id = cur.plan_id AND section = 'outcomes') AS outcomes,
    (SELECT content FROM plan_sections WHERE plan_id = cur.plan_id AND section = 'items') AS items,
    (SELECT content FROM plan_sections WHERE plan_id = cur.plan_id AND section = 'freeSupport') AS free_support,
    (SELECT content FROM plan_sections WHERE plan_id = cur.plan_id AND section = 'risks') AS risks,
    (SELECT content FROM plan_sections WHERE plan_id = cur.plan_id AND section = 'crisis') AS crisis,
    (SELECT content FROM plan_sections WHERE plan_id = cur.plan_id AND section = 'decisions') AS decisions,
    (SELECT content FROM plan_sections WHERE plan_id = cur.plan_id AND section = 'resources') AS resources,
    (SELECT content FROM plan_sections WHERE plan_id = cur.plan_id AND section = 'organising') AS organising
  FROM (
    SELECT p.id AS person_id,
      (SELECT id FROM assessments WHERE person_id = p.id ORDER BY cycle DESC LIMIT 1) AS assessment_id,
      (SELECT id FROM plans WHERE person_id = p.id ORDER BY cycle DESC LIMIT 1) AS plan_id,
      -- The person's budget: the newest of their newest cycle, an agreed one before their own.
      (SELECT al.id FROM allocations al JOIN assessments asm ON asm.id = al.assessment_id WHERE al.person_id = p.id
        ORDER BY asm.cycle DESC, al.basis = 'agreed' DESC, al.created_at DESC LIMIT 1) AS allocation_id
    FROM persons p
  ) cur
  LEFT JOIN assessments a ON a.id = cur.assessment_id
  LEFT JOIN plans pl ON pl.id = cur.plan_id
) sec
LEFT JOIN allocations al ON al.id = sec.allocation_id;
--> statement-breakpoint
-- One person's summary row worked out again: delete then insert, as SQLite's triggers do.
CREATE FUNCTION "insights_keep_person"(for_person text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "insights_people" WHERE "person_id" = for_person;
  INSERT INTO "insights_people" ("person_id", "first_step_at", "last_step_at", "stage_facts", "plan_id", "has_free_support", "allocation_id", "allocation_at", "allocations_from", "allocations_to", "rule_set_id", "eligible", "points", "nhs_pence", "council_pence", "total_pence", "signed_off_at", "planned_pence", "spent_pence", "spent_until")
    SELECT "person_id", "first_step_at", "last_step_at", "stage_facts", "plan_id", "has_free_support", "allocation_id", "allocation_at", "allocations_from", "allocations_to", "rule_set_id", "eligible", "points", "nhs_pence", "council_pence", "total_pence", "signed_off_at", "planned_pence", "spent_pence", "spent_until" FROM "insights_person_facts" WHERE "person_id" = for_person;
END;
$$;
--> statement-breakpoint
-- Kept up to date as events happen: a write to a record the summary is worked out from recomputes that
-- person's row (append-only tables only ever insert), under the same trigger names and on the same events as
-- SQLite's. The argument says how the changed row names its person: its own person_id, its assessment's or
-- its plan's. As SQLite's, an insert or update follows the new row, a delete the old one.
CREATE FUNCTION "insights_after_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed record;
BEGIN
  IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
  CASE TG_ARGV[0]
    WHEN 'person' THEN
      PERFORM insights_keep_person(changed.person_id);
    WHEN 'assessment' THEN
      PERFORM insights_keep_person((SELECT person_id FROM assessments WHERE id = changed.assessment_id));
    WHEN 'plan' THEN
      PERFORM insights_keep_person((SELECT person_id FROM plans WHERE id = changed.plan_id));
  END CASE;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "insights_after_assessments_insert" AFTER INSERT ON "assessments" FOR EACH ROW EXECUTE FUNCTION "insights_after_change"('person');
--> statement-breakpoint
CREATE TRIGGER "insights_after_assessments_update" AFTER UPDATE ON "assessments" FOR EACH ROW EXECUTE FUNCTION "insights_after_change"('person');
--> statement-breakpoint
CREATE TRIGGER "insights_after_assessments_delete" AFTER DELETE ON "assessments" FOR EACH ROW EXECUTE FUNCTION "insights_after_change"('person');
--> statement-breakpoint
CREATE TRIGGER "insights_after_assessment_answers_insert" AFTER INSERT ON "assessment_answers" FOR EACH ROW EXECUTE FUNCTION "insights_after_change"('assessment');
--> statement-breakpoint
CREATE TRIGGER "insights_after_assessment_answers_update" AFTER UPDATE ON "assessment_answers" FOR EACH ROW EXECUTE FUNCTION "insights_after_change"('assessment');
--> statement-breakpoint
CREATE TRIGGER "insights_after_assessment_answers_delete" AFTER DELETE ON "assessment_answers" FOR EACH ROW EXECUTE FUNCTION "insights_after_change"('assessment');
--> statement-breakpoint
CREATE TRIGGER "insights_after_allocations_insert" AFTER INSERT ON "allocations" FOR EACH ROW EXECUTE FUNCTION "insights_after_change"('person');
--> statement-breakpoint
CREATE TRIGGER "insights_after_plans_insert" AFTER INSERT ON "plans" FOR EACH ROW EXECUTE FUNCTION "insights_after_change"('person');
--> statement-breakpoint
CREATE TRIGGER "insights_after_plans_update" AFTER UPDATE ON "plans" FOR EACH ROW EXECUTE FUNCTION "insights_after_change"('person');
--> statement-breakpoint
CREATE TRIGGER "insights_after_plans_delete" AFTER DELETE ON "plans" FOR EACH ROW EXECUTE FUNCTION "insights_after_change"('person');
--> statement-breakpoint
CREATE TRIGGER "insights_after_plan_sections_insert" AFTER INSERT ON "plan_sections" FOR EACH ROW EXECUTE FUNCTION "insights_after_change"('plan');
--> statement-breakpoint
CREATE TRIGGER "insights_after_plan_sections_update" AFTER UPDATE ON "plan_sections" FOR EACH ROW EXECUTE FUNCTION "insights_after_change"('plan');
--> statement-breakpoint
CREATE TRIGGER "insights_after_plan_sections_delete" AFTER DELETE ON "plan_sections" FOR EACH ROW EXECUTE FUNCTION "insights_after_change"('plan');
--> statement-breakpoint
CREATE TRIGGER "insights_after_plan_submissions_insert" AFTER INSERT ON "plan_submissions" FOR EACH ROW EXECUTE FUNCTION "insights_after_change"('person');
--> statement-breakpoint
CREATE TRIGGER "insights_after_plan_decisions_insert" AFTER INSERT ON "plan_decisions" FOR EACH ROW EXECUTE FUNCTION "insights_after_change"('plan');
--> statement-breakpoint
CREATE TRIGGER "insights_after_plan_reviews_insert" AFTER INSERT ON "plan_reviews" FOR EACH ROW EXECUTE FUNCTION "insights_after_change"('plan');
--> statement-breakpoint
CREATE TRIGGER "insights_after_plan_reviews_update" AFTER UPDATE ON "plan_reviews" FOR EACH ROW EXECUTE FUNCTION "insights_after_change"('plan');
--> statement-breakpoint
CREATE TRIGGER "insights_after_plan_reviews_delete" AFTER DELETE ON "plan_reviews" FOR EACH ROW EXECUTE FUNCTION "insights_after_change"('plan');
--> statement-breakpoint
CREATE TRIGGER "insights_after_ledger_entries_insert" AFTER INSERT ON "ledger_entries" FOR EACH ROW EXECUTE FUNCTION "insights_after_change"('person');
--> statement-breakpoint
-- Each decision as the insights read it (not a person's summary). The items are the snapshot's, as jsonb
-- writes them (SQLite keeps them as its JSON writes them: the same values parsed).
CREATE FUNCTION "insights_decisions_kept"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "insights_decisions" ("decision_id", "plan_id", "person_id", "decision", "submitted_at", "decided_at", "items")
    SELECT d.id, d.plan_id, sub.person_id, d.decision, sub.submitted_at, d.decided_at,
        CASE WHEN d.decision = 'signed-off' THEN (sub.snapshot::jsonb #> '{plan,items}')::text END
      FROM plan_decisions d JOIN plan_submissions sub ON sub.id = d.submission_id
    WHERE d.id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "insights_decisions_kept" AFTER INSERT ON "plan_decisions" FOR EACH ROW EXECUTE FUNCTION "insights_decisions_kept"();
--> statement-breakpoint
-- Everything already in the database.
INSERT INTO "insights_decisions" ("decision_id", "plan_id", "person_id", "decision", "submitted_at", "decided_at", "items")
  SELECT d.id, d.plan_id, sub.person_id, d.decision, sub.submitted_at, d.decided_at,
    CASE WHEN d.decision = 'signed-off' THEN (sub.snapshot::jsonb #> '{plan,items}')::text END
  FROM plan_decisions d JOIN plan_submissions sub ON sub.id = d.submission_id
  ON CONFLICT ("decision_id") DO NOTHING;
--> statement-breakpoint
DELETE FROM "insights_people";
--> statement-breakpoint
INSERT INTO "insights_people" ("person_id", "first_step_at", "last_step_at", "stage_facts", "plan_id", "has_free_support", "allocation_id", "allocation_at", "allocations_from", "allocations_to", "rule_set_id", "eligible", "points", "nhs_pence", "council_pence", "total_pence", "signed_off_at", "planned_pence", "spent_pence", "spent_until")
  SELECT "person_id", "first_step_at", "last_step_at", "stage_facts", "plan_id", "has_free_support", "allocation_id", "allocation_at", "allocations_from", "allocations_to", "rule_set_id", "eligible", "points", "nhs_pence", "council_pence", "total_pence", "signed_off_at", "planned_pence", "spent_pence", "spent_until" FROM "insights_person_facts";
