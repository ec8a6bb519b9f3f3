CREATE TABLE `caseload_version` (
	`lead_id` text PRIMARY KEY NOT NULL,
	`changes` integer NOT NULL
);--> statement-breakpoint
-- Hand-written from here: the count of changes to the records a lead professional's caseload is read from
-- (CASELOAD_SOURCES in app/models/caseload.server.ts; tests/unit/caseload-kept.test.ts checks the lists agree and
-- that each write raises the count of the right lead professional). A row a lead professional, made by the first
-- change; each write raises it in the writer's own transaction, for the lead professional of the person the row
-- belongs to (both, when a person moves from one to another), so a server that kept that caseload's rows works
-- them out again (docs/decisions/2026-12-03-caseload-kept-until-it-changes.md). Named caseload_after_… so a bulk
-- load can set them aside. Users count only when a name changes.
CREATE TRIGGER `caseload_after_persons_insert_count` AFTER INSERT ON `persons` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT new.`lead_professional_id`, 1 WHERE new.`lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_persons_update_count` AFTER UPDATE ON `persons` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT `lead`, 1 FROM (SELECT new.`lead_professional_id` AS `lead` UNION SELECT old.`lead_professional_id`) WHERE `lead` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_persons_delete_count` AFTER DELETE ON `persons` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT old.`lead_professional_id`, 1 WHERE old.`lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_users_update_count` AFTER UPDATE OF `name` ON `users` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT `lead_professional_id`, 1 FROM `persons` WHERE `user_id` = new.`id` AND `lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_plans_insert_count` AFTER INSERT ON `plans` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT DISTINCT `lead_professional_id`, 1 FROM `persons` WHERE `id` IN (new.`person_id`) AND `lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_plans_update_count` AFTER UPDATE ON `plans` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT DISTINCT `lead_professional_id`, 1 FROM `persons` WHERE `id` IN (new.`person_id`, old.`person_id`) AND `lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_plans_delete_count` AFTER DELETE ON `plans` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT DISTINCT `lead_professional_id`, 1 FROM `persons` WHERE `id` IN (old.`person_id`) AND `lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_plan_submissions_insert_count` AFTER INSERT ON `plan_submissions` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT DISTINCT `lead_professional_id`, 1 FROM `persons` WHERE `id` IN (new.`person_id`) AND `lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_plan_submissions_update_count` AFTER UPDATE ON `plan_submissions` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT DISTINCT `lead_professional_id`, 1 FROM `persons` WHERE `id` IN (new.`person_id`, old.`person_id`) AND `lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_plan_submissions_delete_count` AFTER DELETE ON `plan_submissions` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT DISTINCT `lead_professional_id`, 1 FROM `persons` WHERE `id` IN (old.`person_id`) AND `lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_assessments_insert_count` AFTER INSERT ON `assessments` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT DISTINCT `lead_professional_id`, 1 FROM `persons` WHERE `id` IN (new.`person_id`) AND `lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_assessments_update_count` AFTER UPDATE ON `assessments` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT DISTINCT `lead_professional_id`, 1 FROM `persons` WHERE `id` IN (new.`person_id`, old.`person_id`) AND `lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_assessments_delete_count` AFTER DELETE ON `assessments` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT DISTINCT `lead_professional_id`, 1 FROM `persons` WHERE `id` IN (old.`person_id`) AND `lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_plan_decisions_insert_count` AFTER INSERT ON `plan_decisions` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT DISTINCT p.`lead_professional_id`, 1 FROM `plans` pl JOIN `persons` p ON p.`id` = pl.`person_id`
      WHERE pl.`id` IN (new.`plan_id`) AND p.`lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_plan_decisions_update_count` AFTER UPDATE ON `plan_decisions` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT DISTINCT p.`lead_professional_id`, 1 FROM `plans` pl JOIN `persons` p ON p.`id` = pl.`person_id`
      WHERE pl.`id` IN (new.`plan_id`, old.`plan_id`) AND p.`lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_plan_decisions_delete_count` AFTER DELETE ON `plan_decisions` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT DISTINCT p.`lead_professional_id`, 1 FROM `plans` pl JOIN `persons` p ON p.`id` = pl.`person_id`
      WHERE pl.`id` IN (old.`plan_id`) AND p.`lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_plan_sections_insert_count` AFTER INSERT ON `plan_sections` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT DISTINCT p.`lead_professional_id`, 1 FROM `plans` pl JOIN `persons` p ON p.`id` = pl.`person_id`
      WHERE pl.`id` IN (new.`plan_id`) AND p.`lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_plan_sections_update_count` AFTER UPDATE ON `plan_sections` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT DISTINCT p.`lead_professional_id`, 1 FROM `plans` pl JOIN `persons` p ON p.`id` = pl.`person_id`
      WHERE pl.`id` IN (new.`plan_id`, old.`plan_id`) AND p.`lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_plan_sections_delete_count` AFTER DELETE ON `plan_sections` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT DISTINCT p.`lead_professional_id`, 1 FROM `plans` pl JOIN `persons` p ON p.`id` = pl.`person_id`
      WHERE pl.`id` IN (old.`plan_id`) AND p.`lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_assessment_answers_insert_count` AFTER INSERT ON `assessment_answers` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT DISTINCT p.`lead_professional_id`, 1 FROM `assessments` a JOIN `persons` p ON p.`id` = a.`person_id`
      WHERE a.`id` IN (new.`assessment_id`) AND p.`lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_assessment_answers_update_count` AFTER UPDATE ON `assessment_answers` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT DISTINCT p.`lead_professional_id`, 1 FROM `assessments` a JOIN `persons` p ON p.`id` = a.`person_id`
      WHERE a.`id` IN (new.`assessment_id`, old.`assessment_id`) AND p.`lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `caseload_after_assessment_answers_delete_count` AFTER DELETE ON `assessment_answers` BEGIN
  INSERT INTO `caseload_version` (`lead_id`, `changes`)
    SELECT DISTINCT p.`lead_professional_id`, 1 FROM `assessments` a JOIN `persons` p ON p.`id` = a.`person_id`
      WHERE a.`id` IN (old.`assessment_id`) AND p.`lead_professional_id` IS NOT NULL
    ON CONFLICT (`lead_id`) DO UPDATE SET `changes` = `changes` + 1;
END;
