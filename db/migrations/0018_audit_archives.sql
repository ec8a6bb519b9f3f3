CREATE TABLE `audit_archives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file` text NOT NULL,
	`first_seq` integer NOT NULL,
	`last_seq` integer NOT NULL,
	`lines` integer NOT NULL,
	`last_hash` text NOT NULL,
	`sha256` text NOT NULL,
	`archived_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_archives_file_unique` ON `audit_archives` (`file`);--> statement-breakpoint
-- The archive record is append-only, like the trail it records.
CREATE TRIGGER `audit_archives_no_update` BEFORE UPDATE ON `audit_archives`
BEGIN
  SELECT RAISE(ABORT, 'audit_archives is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_archives_no_delete` BEFORE DELETE ON `audit_archives`
BEGIN
  SELECT RAISE(ABORT, 'audit_archives is append-only');
END;
--> statement-breakpoint
-- A line of the audit trail may go only once it is in an archive file recorded above (retention);
-- otherwise the trail stays append-only.
DROP TRIGGER `audit_log_no_delete`;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
WHEN OLD.`seq` > coalesce((SELECT max(`last_seq`) FROM `audit_archives`), 0)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
