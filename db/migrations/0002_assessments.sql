CREATE TABLE `agreed_ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`assessment_id` text NOT NULL,
	`need_area` text NOT NULL,
	`rating` integer NOT NULL,
	`reason` text NOT NULL,
	`agreed_by` text NOT NULL,
	`agreed_at` text NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agreed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agreed_assessment_idx` ON `agreed_ratings` (`assessment_id`);--> statement-breakpoint
CREATE TABLE `allocations` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`assessment_id` text NOT NULL,
	`basis` text NOT NULL,
	`rule_set_id` text NOT NULL,
	`inputs` text NOT NULL,
	`eligible` integer NOT NULL,
	`points` integer NOT NULL,
	`nhs_pence` integer NOT NULL,
	`council_pence` integer NOT NULL,
	`total_pence` integer NOT NULL,
	`weekly_pence` integer NOT NULL,
	`flags` text NOT NULL,
	`explanation` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `allocations_person_idx` ON `allocations` (`person_id`);--> statement-breakpoint
CREATE TABLE `assessment_answers` (
	`assessment_id` text NOT NULL,
	`need_area` text NOT NULL,
	`rating` integer,
	`rather_not_say` integer DEFAULT false NOT NULL,
	`answered_by` text NOT NULL,
	`answered_at` text NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `answers_assessment_area` ON `assessment_answers` (`assessment_id`,`need_area`);--> statement-breakpoint
CREATE TABLE `assessments` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`cycle` integer DEFAULT 1 NOT NULL,
	`informal` text,
	`informal_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`informal_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_person_cycle` ON `assessments` (`person_id`,`cycle`);--> statement-breakpoint
-- A budget calculation and an agreed rating are records of what was decided: never changed.
CREATE TRIGGER `allocations_no_update` BEFORE UPDATE ON `allocations` BEGIN SELECT RAISE(ABORT, 'allocations are never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `allocations_no_delete` BEFORE DELETE ON `allocations` BEGIN SELECT RAISE(ABORT, 'allocations are never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `agreed_ratings_no_update` BEFORE UPDATE ON `agreed_ratings` BEGIN SELECT RAISE(ABORT, 'agreed ratings are never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `agreed_ratings_no_delete` BEFORE DELETE ON `agreed_ratings` BEGIN SELECT RAISE(ABORT, 'agreed ratings are never changed'); END;
