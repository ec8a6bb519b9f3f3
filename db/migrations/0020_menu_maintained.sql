CREATE TABLE `menu_question_replies` (
	`id` text PRIMARY KEY NOT NULL,
	`question_id` text NOT NULL,
	`reply` text NOT NULL,
	`replied_by` text NOT NULL,
	`replied_at` text NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `menu_questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`replied_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `menu_question_replies_question_id_unique` ON `menu_question_replies` (`question_id`);--> statement-breakpoint
CREATE TABLE `menu_questions` (
	`id` text PRIMARY KEY NOT NULL,
	`entry_id` text NOT NULL,
	`menu_version` text NOT NULL,
	`user_id` text,
	`reply_email` text,
	`message` text NOT NULL,
	`sender_key` text NOT NULL,
	`asked_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `menu_questions_sender` ON `menu_questions` (`sender_key`,`asked_at`);--> statement-breakpoint
CREATE INDEX `menu_questions_asked` ON `menu_questions` (`asked_at`);--> statement-breakpoint
ALTER TABLE `menu_changes` ADD `record` text;--> statement-breakpoint
ALTER TABLE `menu_changes` ADD `awaiting_review` text;--> statement-breakpoint
ALTER TABLE `menu_changes` ADD `parts` text;--> statement-breakpoint
CREATE TRIGGER `menu_questions_no_update` BEFORE UPDATE ON `menu_questions` BEGIN SELECT RAISE(ABORT, 'questions about a rule are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `menu_questions_no_delete` BEFORE DELETE ON `menu_questions` BEGIN SELECT RAISE(ABORT, 'questions about a rule are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `menu_question_replies_no_update` BEFORE UPDATE ON `menu_question_replies` BEGIN SELECT RAISE(ABORT, 'replies to questions about a rule are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `menu_question_replies_no_delete` BEFORE DELETE ON `menu_question_replies` BEGIN SELECT RAISE(ABORT, 'replies to questions about a rule are append-only'); END;
