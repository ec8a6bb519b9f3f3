CREATE TABLE `category_placements` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`assessment_id` text NOT NULL,
	`rule_set_id` text NOT NULL,
	`category_id` text NOT NULL,
	`reason` text NOT NULL,
	`placed_by` text NOT NULL,
	`placed_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`placed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `category_placements_person_idx` ON `category_placements` (`person_id`,`placed_at`);--> statement-breakpoint
CREATE TABLE `category_review_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`placement_id` text NOT NULL,
	`reason` text NOT NULL,
	`asked_by` text NOT NULL,
	`asked_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`placement_id`) REFERENCES `category_placements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `category_review_requests_placement_idx` ON `category_review_requests` (`placement_id`);--> statement-breakpoint
ALTER TABLE `assessments` ADD `category_id` text;--> statement-breakpoint
CREATE TRIGGER `category_placements_no_update` BEFORE UPDATE ON `category_placements` BEGIN SELECT RAISE(ABORT, 'category placements are never changed'); END;--> statement-breakpoint
CREATE TRIGGER `category_placements_no_delete` BEFORE DELETE ON `category_placements` BEGIN SELECT RAISE(ABORT, 'category placements are never changed'); END;--> statement-breakpoint
CREATE TRIGGER `category_review_requests_no_update` BEFORE UPDATE ON `category_review_requests` BEGIN SELECT RAISE(ABORT, 'requests to look again are never changed'); END;--> statement-breakpoint
CREATE TRIGGER `category_review_requests_no_delete` BEFORE DELETE ON `category_review_requests` BEGIN SELECT RAISE(ABORT, 'requests to look again are never changed'); END;
