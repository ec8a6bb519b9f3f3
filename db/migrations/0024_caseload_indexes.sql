DROP INDEX `plan_decisions_plan_idx`;--> statement-breakpoint
CREATE INDEX `plan_decisions_plan_idx` ON `plan_decisions` (`plan_id`,`decided_at`);--> statement-breakpoint
CREATE INDEX `notifications_unread_idx` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE INDEX `users_id_name_idx` ON `users` (`id`,`name`);