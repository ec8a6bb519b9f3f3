ALTER TABLE `notifications` ADD `notice_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_notice_key` ON `notifications` (`notice_key`);--> statement-breakpoint
ALTER TABLE `plan_section_history` ADD `capacity` text;