CREATE TABLE `contingencies` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`plan_id` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`what_for` text NOT NULL,
	`agreed_by` text NOT NULL,
	`agreed_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agreed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contingencies_plan_idx` ON `contingencies` (`plan_id`);--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`plan_id` text NOT NULL,
	`kind` text NOT NULL,
	`entry_date` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`source` text,
	`item_id` text,
	`item_what` text,
	`menu_kind` text,
	`sector` text,
	`contingency` integer DEFAULT false NOT NULL,
	`payee` text,
	`method` text,
	`note` text,
	`reverses` text,
	`reversed_kind` text,
	`settles` text,
	`import_id` text,
	`fingerprint` text,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ledger_person_idx` ON `ledger_entries` (`person_id`,`entry_date`);--> statement-breakpoint
CREATE INDEX `ledger_plan_idx` ON `ledger_entries` (`plan_id`);--> statement-breakpoint
CREATE INDEX `ledger_kind_date_idx` ON `ledger_entries` (`kind`,`entry_date`,`menu_kind`,`sector`);--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_person_fingerprint` ON `ledger_entries` (`person_id`,`fingerprint`);--> statement-breakpoint
CREATE TABLE `receipts` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`stored_name` text NOT NULL,
	`media_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	`uploaded_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `ledger_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `receipts_person_idx` ON `receipts` (`person_id`);--> statement-breakpoint
CREATE INDEX `receipts_entry_idx` ON `receipts` (`entry_id`);--> statement-breakpoint
CREATE TABLE `spending_shares` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` text NOT NULL,
	`shared` integer NOT NULL,
	`set_by` text NOT NULL,
	`set_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`set_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `spending_shares_person_idx` ON `spending_shares` (`person_id`);--> statement-breakpoint
CREATE TABLE `statement_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`plan_id` text NOT NULL,
	`csv` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`confirmed_at` text,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `statement_imports_person_idx` ON `statement_imports` (`person_id`);--> statement-breakpoint
CREATE TABLE `statement_mappings` (
	`person_id` text PRIMARY KEY NOT NULL,
	`date_column` text NOT NULL,
	`description_column` text NOT NULL,
	`amount_column` text NOT NULL,
	`date_order` text NOT NULL,
	`saved_by` text NOT NULL,
	`saved_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`saved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);

--> statement-breakpoint
-- The ledger is a record: corrections are new entries, never edits.
CREATE TRIGGER `ledger_entries_no_update` BEFORE UPDATE ON `ledger_entries` BEGIN SELECT RAISE(ABORT, 'ledger entries never change: record a correction'); END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_delete` BEFORE DELETE ON `ledger_entries` BEGIN SELECT RAISE(ABORT, 'ledger entries never change: record a correction'); END;
--> statement-breakpoint
CREATE TRIGGER `receipts_no_update` BEFORE UPDATE ON `receipts` BEGIN SELECT RAISE(ABORT, 'receipts are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `receipts_no_delete` BEFORE DELETE ON `receipts` BEGIN SELECT RAISE(ABORT, 'receipts are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `contingencies_no_update` BEFORE UPDATE ON `contingencies` BEGIN SELECT RAISE(ABORT, 'an agreed contingency never changes: record a new one'); END;
--> statement-breakpoint
CREATE TRIGGER `contingencies_no_delete` BEFORE DELETE ON `contingencies` BEGIN SELECT RAISE(ABORT, 'an agreed contingency never changes: record a new one'); END;
--> statement-breakpoint
CREATE TRIGGER `spending_shares_no_update` BEFORE UPDATE ON `spending_shares` BEGIN SELECT RAISE(ABORT, 'sharing choices are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `spending_shares_no_delete` BEFORE DELETE ON `spending_shares` BEGIN SELECT RAISE(ABORT, 'sharing choices are append-only'); END;
