CREATE TABLE `insights_decisions` (
	`decision_id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`person_id` text NOT NULL,
	`decision` text NOT NULL,
	`submitted_at` text NOT NULL,
	`decided_at` text NOT NULL,
	`items` text,
	FOREIGN KEY (`decision_id`) REFERENCES `plan_decisions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `insights_decisions_decided_idx` ON `insights_decisions` (`decided_at`,`decision`,`person_id`,`submitted_at`,`plan_id`,`items`);--> statement-breakpoint
CREATE TABLE `insights_people` (
	`person_id` text PRIMARY KEY NOT NULL,
	`first_step_at` text,
	`last_step_at` text,
	`stage_facts` text NOT NULL,
	`plan_id` text,
	`has_free_support` integer NOT NULL,
	`allocation_id` text,
	`allocation_at` text,
	`allocations_from` text,
	`allocations_to` text,
	`rule_set_id` text,
	`eligible` integer,
	`points` integer,
	`nhs_pence` integer,
	`council_pence` integer,
	`total_pence` integer,
	`signed_off_at` text,
	`planned_pence` integer,
	`spent_pence` integer,
	`spent_until` text,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `insights_people_steps_idx` ON `insights_people` (`last_step_at`,`stage_facts`,`person_id`,`first_step_at`);--> statement-breakpoint
CREATE INDEX `insights_people_budget_idx` ON `insights_people` (`allocation_at`,`eligible`,`rule_set_id`,`points`,`nhs_pence`,`council_pence`,`total_pence`,`has_free_support`,`planned_pence`,`signed_off_at`,`spent_pence`,`spent_until`,`person_id`,`plan_id`,`allocations_from`,`allocations_to`);--> statement-breakpoint
CREATE INDEX `plan_reviews_held_idx` ON `plan_reviews` (`held_at`);--> statement-breakpoint
CREATE INDEX `plan_submissions_reconsideration_idx` ON `plan_submissions` (`reconsideration`,`submitted_at`);


--> statement-breakpoint
-- Hand-written from here: the insights summary (docs/decisions/2026-12-02-insights-at-scale.md).
-- Every recorded step of a person, as the stage figure counts them: answers, budgets, plan saves,
-- submissions, decisions, reviews (insights_person_facts lists the same, one person at a time).
CREATE VIEW `insights_steps` AS
  SELECT a.person_id, aa.answered_at AS at FROM assessment_answers aa JOIN assessments a ON a.id = aa.assessment_id
  UNION ALL SELECT person_id, created_at FROM allocations
  UNION ALL SELECT p.person_id, s.saved_at FROM plan_sections s JOIN plans p ON p.id = s.plan_id
  UNION ALL SELECT person_id, submitted_at FROM plan_submissions
  UNION ALL SELECT p.person_id, d.decided_at FROM plan_decisions d JOIN plans p ON p.id = d.plan_id
  UNION ALL SELECT p.person_id, r.held_at FROM plan_reviews r JOIN plans p ON p.id = r.plan_id;
--> statement-breakpoint
-- Each sign-off with a year of the funded items of the version signed off: as FUNDED_KINDS (an absolute
-- exclusion is never funded) and yearlyCostPence (unit cost times units a year) in app/domain.
CREATE VIEW `insights_signoffs` AS
  SELECT d.id AS decision_id, d.plan_id, d.decided_at,
    CASE WHEN sub.snapshot -> '$.plan.items' IS NULL THEN NULL ELSE coalesce((
      SELECT sum((it.value ->> '$.unitCostPence') * (it.value ->> '$.unitsPerYear'))
      FROM json_each(sub.snapshot, '$.plan.items') it WHERE it.value ->> '$.kind' <> 'absolute-exclusion'), 0)
    END AS planned_pence
  FROM plan_decisions d JOIN plan_submissions sub ON sub.id = d.submission_id
  WHERE d.decision = 'signed-off';
--> statement-breakpoint
-- One row per person with what the insights need, worked out from the records themselves: read for one
-- person by the triggers below (every subquery finds its rows through an index on the person or plan).
CREATE VIEW `insights_person_facts` AS
SELECT sec.person_id,
  (SELECT min(at) FROM (
    SELECT min(aa.answered_at) AS at FROM assessments x JOIN assessment_answers aa ON aa.assessment_id = x.id
      WHERE x.person_id = sec.person_id
    UNION ALL SELECT min(created_at) FROM allocations WHERE person_id = sec.person_id
    UNION ALL SELECT min(s.saved_at) FROM plans x JOIN plan_sections s ON s.plan_id = x.id WHERE x.person_id = sec.person_id
    UNION ALL SELECT min(submitted_at) FROM plan_submissions WHERE person_id = sec.person_id
    UNION ALL SELECT min(d.decided_at) FROM plans x JOIN plan_decisions d ON d.plan_id = x.id WHERE x.person_id = sec.person_id
    UNION ALL SELECT min(r.held_at) FROM plans x JOIN plan_reviews r ON r.plan_id = x.id WHERE x.person_id = sec.person_id)) AS first_step_at,
  (SELECT max(at) FROM (
    SELECT max(aa.answered_at) AS at FROM assessments x JOIN assessment_answers aa ON aa.assessment_id = x.id
      WHERE x.person_id = sec.person_id
    UNION ALL SELECT max(created_at) FROM allocations WHERE person_id = sec.person_id
    UNION ALL SELECT max(s.saved_at) FROM plans x JOIN plan_sections s ON s.plan_id = x.id WHERE x.person_id = sec.person_id
    UNION ALL SELECT max(submitted_at) FROM plan_submissions WHERE person_id = sec.person_id
    UNION ALL SELECT max(d.decided_at) FROM plans x JOIN plan_decisions d ON d.plan_id = x.id WHERE x.person_id = sec.person_id
    UNION ALL SELECT max(r.held_at) FROM plans x JOIN plan_reviews r ON r.plan_id = x.id WHERE x.person_id = sec.person_id)) AS last_step_at,
  json_array(sec.answered, sec.informal, sec.workflow,
    coalesce(json_array_length(sec.resources), 0),
    -- As filledSections in app/domain/plan.ts, less resources (stage 2): which plan sections hold something.
    (coalesce(json_array_length(sec.outcomes), 0) > 0) + (coalesce(json_array_length(sec.items), 0) > 0)
      + (coalesce(json_array_length(sec.free_support), 0) > 0) + (coalesce(json_array_length(sec.risks), 0) > 0)
      + (sec.crisis IS NOT NULL AND (coalesce(sec.crisis ->> '$.earlySigns', '') <> '' OR coalesce(sec.crisis ->> '$.whatHelps', '') <> ''
          OR coalesce(sec.crisis ->> '$.doNotWant', '') <> '' OR coalesce(sec.crisis ->> '$.preferredPlace', '') <> ''
          OR coalesce(json_array_length(sec.crisis, '$.contacts'), 0) > 0))
      + (sec.decisions IS NOT NULL AND (coalesce(sec.decisions ->> '$.whoDecidesWhat', '') <> ''
          OR sec.decisions ->> '$.management' IS NOT NULL OR sec.decisions -> '$.ifUnwell' IS NOT NULL)),
    coalesce(json_array_length(sec.items), 0),
    -- As isArranged in app/domain/plan-stages.ts: who provides it, when it starts, how it is paid.
    CASE WHEN sec.items IS NULL OR sec.organising IS NULL THEN 0 ELSE (
      SELECT count(*) FROM json_each(sec.items) it WHERE EXISTS (
        SELECT 1 FROM json_each(sec.organising) o
        WHERE o.value ->> '$.itemId' = it.value ->> '$.id' AND coalesce(o.value ->> '$.provider', '') <> ''
          AND coalesce(o.value ->> '$.startDate', '') <> '' AND o.value ->> '$.howPaid' IS NOT NULL)
    ) END) AS stage_facts,
  sec.plan_id,
  coalesce(json_array_length(sec.free_support) > 0, 0) AS has_free_support,
  al.id AS allocation_id, al.created_at AS allocation_at,
  (SELECT min(created_at) FROM allocations WHERE person_id = sec.person_id) AS allocations_from,
  (SELECT max(created_at) FROM allocations WHERE person_id = sec.person_id) AS allocations_to,
  al.rule_set_id, al.eligible, al.points, al.nhs_pence, al.council_pence, al.total_pence,
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
-- Kept up to date as events happen: a write to a record the summary is worked out from recomputes that
-- person's row (append-only tables only ever insert). Delete then insert, so an outer INSERT OR IGNORE cannot skip it.
CREATE TRIGGER `insights_after_assessments_insert` AFTER INSERT ON `assessments` BEGIN
  DELETE FROM `insights_people` WHERE `person_id` = NEW.person_id;
  INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
    SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts` WHERE `person_id` = NEW.person_id;
END;
--> statement-breakpoint
CREATE TRIGGER `insights_after_assessments_update` AFTER UPDATE ON `assessments` BEGIN
  DELETE FROM `insights_people` WHERE `person_id` = NEW.person_id;
  INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
    SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts` WHERE `person_id` = NEW.person_id;
END;
--> statement-breakpoint
CREATE TRIGGER `insights_after_assessments_delete` AFTER DELETE ON `assessments` BEGIN
  DELETE FROM `insights_people` WHERE `person_id` = OLD.person_id;
  INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
    SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts` WHERE `person_id` = OLD.person_id;
END;
--> statement-breakpoint
CREATE TRIGGER `insights_after_assessment_answers_insert` AFTER INSERT ON `assessment_answers` BEGIN
  DELETE FROM `insights_people` WHERE `person_id` = (SELECT person_id FROM assessments WHERE id = NEW.assessment_id);
  INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
    SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts` WHERE `person_id` = (SELECT person_id FROM assessments WHERE id = NEW.assessment_id);
END;
--> statement-breakpoint
CREATE TRIGGER `insights_after_assessment_answers_update` AFTER UPDATE ON `assessment_answers` BEGIN
  DELETE FROM `insights_people` WHERE `person_id` = (SELECT person_id FROM assessments WHERE id = NEW.assessment_id);
  INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
    SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts` WHERE `person_id` = (SELECT person_id FROM assessments WHERE id = NEW.assessment_id);
END;
--> statement-breakpoint
CREATE TRIGGER `insights_after_assessment_answers_delete` AFTER DELETE ON `assessment_answers` BEGIN
  DELETE FROM `insights_people` WHERE `person_id` = (SELECT person_id FROM assessments WHERE id = OLD.assessment_id);
  INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
    SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts` WHERE `person_id` = (SELECT person_id FROM assessments WHERE id = OLD.assessment_id);
END;
--> statement-breakpoint
CREATE TRIGGER `insights_after_allocations_insert` AFTER INSERT ON `allocations` BEGIN
  DELETE FROM `insights_people` WHERE `person_id` = NEW.person_id;
  INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
    SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts` WHERE `person_id` = NEW.person_id;
END;
--> statement-breakpoint
CREATE TRIGGER `insights_after_plans_insert` AFTER INSERT ON `plans` BEGIN
  DELETE FROM `insights_people` WHERE `person_id` = NEW.person_id;
  INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
    SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts` WHERE `person_id` = NEW.person_id;
END;
--> statement-breakpoint
CREATE TRIGGER `insights_after_plans_update` AFTER UPDATE ON `plans` BEGIN
  DELETE FROM `insights_people` WHERE `person_id` = NEW.person_id;
  INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
    SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts` WHERE `person_id` = NEW.person_id;
END;
--> statement-breakpoint
CREATE TRIGGER `insights_after_plans_delete` AFTER DELETE ON `plans` BEGIN
  DELETE FROM `insights_people` WHERE `person_id` = OLD.person_id;
  INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
    SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts` WHERE `person_id` = OLD.person_id;
END;
--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_sections_insert` AFTER INSERT ON `plan_sections` BEGIN
  DELETE FROM `insights_people` WHERE `person_id` = (SELECT person_id FROM plans WHERE id = NEW.plan_id);
  INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
    SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts` WHERE `person_id` = (SELECT person_id FROM plans WHERE id = NEW.plan_id);
END;
--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_sections_update` AFTER UPDATE ON `plan_sections` BEGIN
  DELETE FROM `insights_people` WHERE `person_id` = (SELECT person_id FROM plans WHERE id = NEW.plan_id);
  INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
    SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts` WHERE `person_id` = (SELECT person_id FROM plans WHERE id = NEW.plan_id);
END;
--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_sections_delete` AFTER DELETE ON `plan_sections` BEGIN
  DELETE FROM `insights_people` WHERE `person_id` = (SELECT person_id FROM plans WHERE id = OLD.plan_id);
  INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
    SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts` WHERE `person_id` = (SELECT person_id FROM plans WHERE id = OLD.plan_id);
END;
--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_submissions_insert` AFTER INSERT ON `plan_submissions` BEGIN
  DELETE FROM `insights_people` WHERE `person_id` = NEW.person_id;
  INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
    SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts` WHERE `person_id` = NEW.person_id;
END;
--> statement-breakpoint
-- Each decision as the insights read it (not a person's summary: a bulk load keeps this one).
CREATE TRIGGER `insights_decisions_kept` AFTER INSERT ON `plan_decisions` BEGIN
  INSERT INTO `insights_decisions` (`decision_id`, `plan_id`, `person_id`, `decision`, `submitted_at`, `decided_at`, `items`)
    SELECT d.id, d.plan_id, sub.person_id, d.decision, sub.submitted_at, d.decided_at,
        CASE WHEN d.decision = 'signed-off' THEN sub.snapshot -> '$.plan.items' END
      FROM plan_decisions d JOIN plan_submissions sub ON sub.id = d.submission_id
    WHERE d.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_decisions_insert` AFTER INSERT ON `plan_decisions` BEGIN
  DELETE FROM `insights_people` WHERE `person_id` = (SELECT person_id FROM plans WHERE id = NEW.plan_id);
  INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
    SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts` WHERE `person_id` = (SELECT person_id FROM plans WHERE id = NEW.plan_id);
END;
--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_reviews_insert` AFTER INSERT ON `plan_reviews` BEGIN
  DELETE FROM `insights_people` WHERE `person_id` = (SELECT person_id FROM plans WHERE id = NEW.plan_id);
  INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
    SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts` WHERE `person_id` = (SELECT person_id FROM plans WHERE id = NEW.plan_id);
END;
--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_reviews_update` AFTER UPDATE ON `plan_reviews` BEGIN
  DELETE FROM `insights_people` WHERE `person_id` = (SELECT person_id FROM plans WHERE id = NEW.plan_id);
  INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
    SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts` WHERE `person_id` = (SELECT person_id FROM plans WHERE id = NEW.plan_id);
END;
--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_reviews_delete` AFTER DELETE ON `plan_reviews` BEGIN
  DELETE FROM `insights_people` WHERE `person_id` = (SELECT person_id FROM plans WHERE id = OLD.plan_id);
  INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
    SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts` WHERE `person_id` = (SELECT person_id FROM plans WHERE id = OLD.plan_id);
END;
--> statement-breakpoint
CREATE TRIGGER `insights_after_ledger_entries_insert` AFTER INSERT ON `ledger_entries` BEGIN
  DELETE FROM `insights_people` WHERE `person_id` = NEW.person_id;
  INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
    SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts` WHERE `person_id` = NEW.person_id;
END;
--> statement-breakpoint
-- Everything already in the database.
INSERT INTO `insights_decisions` (`decision_id`, `plan_id`, `person_id`, `decision`, `submitted_at`, `decided_at`, `items`)
  SELECT d.id, d.plan_id, sub.person_id, d.decision, sub.submitted_at, d.decided_at,
    CASE WHEN d.decision = 'signed-off' THEN sub.snapshot -> '$.plan.items' END
  FROM plan_decisions d JOIN plan_submissions sub ON sub.id = d.submission_id;
--> statement-breakpoint
INSERT INTO `insights_people` (`person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until`)
  SELECT `person_id`, `first_step_at`, `last_step_at`, `stage_facts`, `plan_id`, `has_free_support`, `allocation_id`, `allocation_at`, `allocations_from`, `allocations_to`, `rule_set_id`, `eligible`, `points`, `nhs_pence`, `council_pence`, `total_pence`, `signed_off_at`, `planned_pence`, `spent_pence`, `spent_until` FROM `insights_person_facts`;
