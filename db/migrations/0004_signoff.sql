CREATE TABLE `plan_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`submission_id` text NOT NULL,
	`decision` text NOT NULL,
	`criteria` text DEFAULT '{}' NOT NULL,
	`item_agreements` text DEFAULT '{}' NOT NULL,
	`reason` text,
	`risk` text,
	`review_date` text,
	`confirmed_budget_pence` integer,
	`decided_by` text NOT NULL,
	`decided_at` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submission_id`) REFERENCES `plan_submissions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_decisions_plan_idx` ON `plan_decisions` (`plan_id`);--> statement-breakpoint
CREATE INDEX `plan_decisions_submission_idx` ON `plan_decisions` (`submission_id`);--> statement-breakpoint
CREATE TABLE `plan_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`what_is_working` text NOT NULL,
	`what_is_not` text NOT NULL,
	`changes_agreed` text NOT NULL,
	`next_review_date` text NOT NULL,
	`held_by` text NOT NULL,
	`held_at` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`held_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_reviews_plan_idx` ON `plan_reviews` (`plan_id`);--> statement-breakpoint
CREATE TABLE `plan_submissions` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`person_id` text NOT NULL,
	`version` integer NOT NULL,
	`snapshot` text NOT NULL,
	`consent` integer NOT NULL,
	`reason` text,
	`submitted_by` text NOT NULL,
	`submitted_at` text NOT NULL,
	`reconsideration` integer DEFAULT false NOT NULL,
	`reconsideration_reasons` text,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_submissions_plan_version` ON `plan_submissions` (`plan_id`,`version`);--> statement-breakpoint
CREATE INDEX `plan_submissions_person_idx` ON `plan_submissions` (`person_id`);--> statement-breakpoint
-- A submitted version of a plan and every decision on it are a record: never changed, never removed.
CREATE TRIGGER `plan_submissions_no_update` BEFORE UPDATE ON `plan_submissions` BEGIN SELECT RAISE(ABORT, 'a submitted plan version never changes'); END;
--> statement-breakpoint
CREATE TRIGGER `plan_submissions_no_delete` BEFORE DELETE ON `plan_submissions` BEGIN SELECT RAISE(ABORT, 'a submitted plan version never changes'); END;
--> statement-breakpoint
CREATE TRIGGER `plan_decisions_no_update` BEFORE UPDATE ON `plan_decisions` BEGIN SELECT RAISE(ABORT, 'plan decisions are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `plan_decisions_no_delete` BEFORE DELETE ON `plan_decisions` BEGIN SELECT RAISE(ABORT, 'plan decisions are append-only'); END;
