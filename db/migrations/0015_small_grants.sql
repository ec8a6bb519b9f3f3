CREATE TABLE `grant_spending` (
	`id` text PRIMARY KEY NOT NULL,
	`grant_id` text NOT NULL,
	`person_id` text NOT NULL,
	`spent_on` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`what` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `grant_spending_grant_idx` ON `grant_spending` (`grant_id`,`spent_on`);--> statement-breakpoint
CREATE TABLE `grants` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`purpose` text NOT NULL,
	`how_it_helps` text NOT NULL,
	`asked_pence` integer NOT NULL,
	`state` text DEFAULT 'asked' NOT NULL,
	`asked_by` text NOT NULL,
	`asked_at` text NOT NULL,
	`answer_by` text NOT NULL,
	`granted_pence` integer,
	`decision_reason` text,
	`decided_by` text,
	`decided_at` text,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `grants_person_idx` ON `grants` (`person_id`,`asked_at`);--> statement-breakpoint
CREATE INDEX `grants_state_idx` ON `grants` (`state`,`asked_at`);--> statement-breakpoint
CREATE TRIGGER `grant_spending_no_update` BEFORE UPDATE ON `grant_spending` BEGIN SELECT RAISE(ABORT, 'grant spending is never changed'); END;--> statement-breakpoint
CREATE TRIGGER `grant_spending_no_delete` BEFORE DELETE ON `grant_spending` BEGIN SELECT RAISE(ABORT, 'grant spending is never changed'); END;--> statement-breakpoint
CREATE TRIGGER `grants_request_never_changes` BEFORE UPDATE OF `person_id`, `purpose`, `how_it_helps`, `asked_pence`, `asked_by`, `asked_at`, `answer_by` ON `grants` BEGIN SELECT RAISE(ABORT, 'a grant request never changes'); END;--> statement-breakpoint
CREATE TRIGGER `grants_no_delete` BEFORE DELETE ON `grants` BEGIN SELECT RAISE(ABORT, 'grants are never removed'); END;
