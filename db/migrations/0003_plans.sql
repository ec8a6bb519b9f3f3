CREATE TABLE `plan_section_history` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` text NOT NULL,
	`section` text NOT NULL,
	`version` integer NOT NULL,
	`content` text NOT NULL,
	`saved_by` text NOT NULL,
	`on_behalf_of` text,
	`saved_at` text NOT NULL,
	`outcome` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`saved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`on_behalf_of`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_history_plan_idx` ON `plan_section_history` (`plan_id`,`section`);--> statement-breakpoint
CREATE TABLE `plan_sections` (
	`plan_id` text NOT NULL,
	`section` text NOT NULL,
	`version` integer NOT NULL,
	`content` text NOT NULL,
	`saved_by` text NOT NULL,
	`on_behalf_of` text,
	`saved_at` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`saved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`on_behalf_of`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_sections_plan_section` ON `plan_sections` (`plan_id`,`section`);--> statement-breakpoint
CREATE TABLE `plans` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`cycle` integer DEFAULT 1 NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plans_person_cycle` ON `plans` (`person_id`,`cycle`);--> statement-breakpoint
-- The history of a plan is a record of who wrote what: never changed.
CREATE TRIGGER `plan_history_no_update` BEFORE UPDATE ON `plan_section_history` BEGIN SELECT RAISE(ABORT, 'plan history is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `plan_history_no_delete` BEFORE DELETE ON `plan_section_history` BEGIN SELECT RAISE(ABORT, 'plan history is never changed'); END;
