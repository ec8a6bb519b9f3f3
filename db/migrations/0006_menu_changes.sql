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
CREATE TRIGGER `menu_changes_no_update` BEFORE UPDATE ON `menu_changes` BEGIN SELECT RAISE(ABORT, 'the menu change log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `menu_changes_no_delete` BEFORE DELETE ON `menu_changes` BEGIN SELECT RAISE(ABORT, 'the menu change log is append-only'); END;
