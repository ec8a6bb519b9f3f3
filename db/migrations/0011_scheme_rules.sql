CREATE TABLE `menu_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` text NOT NULL,
	`entry_id` text NOT NULL,
	`change` text NOT NULL,
	`why` text NOT NULL,
	`made_by` text NOT NULL,
	`made_at` text NOT NULL,
	FOREIGN KEY (`made_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `menu_changes_version_unique` ON `menu_changes` (`version`);--> statement-breakpoint
CREATE TABLE `scheme_rule_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`definition` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`based_on` text,
	`reason` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`effective_from` text,
	`approval_requested_by` text,
	`approval_requested_at` text,
	`approved_by` text,
	`approved_at` text,
	`approval_note` text,
	`retired_by` text,
	`retired_at` text,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approval_requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`retired_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scheme_rule_sets_status_idx` ON `scheme_rule_sets` (`status`);--> statement-breakpoint
CREATE TRIGGER `scheme_rule_sets_published_never_change` BEFORE UPDATE ON `scheme_rule_sets`
WHEN OLD.status <> 'draft' AND (
  NEW.definition IS NOT OLD.definition OR NEW.id IS NOT OLD.id OR NEW.effective_from IS NOT OLD.effective_from
  OR NEW.approved_by IS NOT OLD.approved_by OR NEW.approved_at IS NOT OLD.approved_at OR NEW.status = 'draft'
  OR (OLD.status = 'retired' AND NEW.status <> 'retired')
)
BEGIN SELECT RAISE(ABORT, 'a published rule set never changes: make a new draft'); END;
--> statement-breakpoint
CREATE TRIGGER `scheme_rule_sets_published_never_deleted` BEFORE DELETE ON `scheme_rule_sets`
WHEN OLD.status <> 'draft'
BEGIN SELECT RAISE(ABORT, 'a published rule set is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `menu_changes_no_update` BEFORE UPDATE ON `menu_changes` BEGIN SELECT RAISE(ABORT, 'the menu change log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `menu_changes_no_delete` BEFORE DELETE ON `menu_changes` BEGIN SELECT RAISE(ABORT, 'the menu change log is append-only'); END;
