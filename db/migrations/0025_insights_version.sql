CREATE TABLE `insights_version` (
	`id` text PRIMARY KEY NOT NULL,
	`changes` integer NOT NULL
);--> statement-breakpoint
-- Hand-written from here: the count of changes to the records the insights read (INSIGHTS_SOURCES in
-- app/models/insights.server.ts; tests/unit/insights-engines.test.ts checks the lists agree). Each write to
-- one of them raises it, in the writer's own transaction, so a server that kept a report's rows knows to work
-- them out again (docs/decisions/2026-12-02-insights-kept-until-records-change.md). The triggers are named
-- insights_after_… so a bulk load that sets the summary's triggers aside sets these aside too. The row is
-- made by the first change (none before it: a copy into PostgreSQL starts from empty tables).
CREATE TRIGGER `insights_after_allocations_insert_count` AFTER INSERT ON `allocations` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_allocations_update_count` AFTER UPDATE ON `allocations` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_allocations_delete_count` AFTER DELETE ON `allocations` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_assessment_answers_insert_count` AFTER INSERT ON `assessment_answers` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_assessment_answers_update_count` AFTER UPDATE ON `assessment_answers` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_assessment_answers_delete_count` AFTER DELETE ON `assessment_answers` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_assessments_insert_count` AFTER INSERT ON `assessments` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_assessments_update_count` AFTER UPDATE ON `assessments` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_assessments_delete_count` AFTER DELETE ON `assessments` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_grant_spending_insert_count` AFTER INSERT ON `grant_spending` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_grant_spending_update_count` AFTER UPDATE ON `grant_spending` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_grant_spending_delete_count` AFTER DELETE ON `grant_spending` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_grants_insert_count` AFTER INSERT ON `grants` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_grants_update_count` AFTER UPDATE ON `grants` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_grants_delete_count` AFTER DELETE ON `grants` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_insights_decisions_insert_count` AFTER INSERT ON `insights_decisions` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_insights_decisions_update_count` AFTER UPDATE ON `insights_decisions` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_insights_decisions_delete_count` AFTER DELETE ON `insights_decisions` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_insights_people_insert_count` AFTER INSERT ON `insights_people` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_insights_people_update_count` AFTER UPDATE ON `insights_people` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_insights_people_delete_count` AFTER DELETE ON `insights_people` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_ledger_entries_insert_count` AFTER INSERT ON `ledger_entries` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_ledger_entries_update_count` AFTER UPDATE ON `ledger_entries` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_ledger_entries_delete_count` AFTER DELETE ON `ledger_entries` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_persons_insert_count` AFTER INSERT ON `persons` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_persons_update_count` AFTER UPDATE ON `persons` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_persons_delete_count` AFTER DELETE ON `persons` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_decisions_insert_count` AFTER INSERT ON `plan_decisions` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_decisions_update_count` AFTER UPDATE ON `plan_decisions` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_decisions_delete_count` AFTER DELETE ON `plan_decisions` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_reviews_insert_count` AFTER INSERT ON `plan_reviews` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_reviews_update_count` AFTER UPDATE ON `plan_reviews` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_reviews_delete_count` AFTER DELETE ON `plan_reviews` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_sections_insert_count` AFTER INSERT ON `plan_sections` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_sections_update_count` AFTER UPDATE ON `plan_sections` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_sections_delete_count` AFTER DELETE ON `plan_sections` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_submissions_insert_count` AFTER INSERT ON `plan_submissions` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_submissions_update_count` AFTER UPDATE ON `plan_submissions` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_plan_submissions_delete_count` AFTER DELETE ON `plan_submissions` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_plans_insert_count` AFTER INSERT ON `plans` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_plans_update_count` AFTER UPDATE ON `plans` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_plans_delete_count` AFTER DELETE ON `plans` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_users_insert_count` AFTER INSERT ON `users` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_users_update_count` AFTER UPDATE ON `users` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_users_delete_count` AFTER DELETE ON `users` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_voucher_claims_insert_count` AFTER INSERT ON `voucher_claims` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_voucher_claims_update_count` AFTER UPDATE ON `voucher_claims` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_voucher_claims_delete_count` AFTER DELETE ON `voucher_claims` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_vouchers_insert_count` AFTER INSERT ON `vouchers` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_vouchers_update_count` AFTER UPDATE ON `vouchers` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `insights_after_vouchers_delete_count` AFTER DELETE ON `vouchers` BEGIN
  INSERT INTO `insights_version` (`id`, `changes`) VALUES ('sources', 1) ON CONFLICT (`id`) DO UPDATE SET `changes` = `changes` + 1;
END;
