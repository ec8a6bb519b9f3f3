ALTER TABLE `audit_log` ADD `prev_hash` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `hash` text;--> statement-breakpoint
ALTER TABLE `plan_section_history` ADD `stored_as` text DEFAULT 'whole' NOT NULL;--> statement-breakpoint
-- Still append-only; the one update allowed is giving a line written before the chain existed its
-- hashes, once, with nothing else about it changed (app/lib/audit-chain.server.ts, sealUnchainedLines).
DROP TRIGGER `audit_log_no_update`;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
WHEN NOT (
  OLD.`hash` IS NULL AND OLD.`prev_hash` IS NULL AND NEW.`hash` IS NOT NULL AND NEW.`prev_hash` IS NOT NULL
  AND NEW.`seq` IS OLD.`seq` AND NEW.`at` IS OLD.`at` AND NEW.`actor_id` IS OLD.`actor_id`
  AND NEW.`person_id` IS OLD.`person_id` AND NEW.`action` IS OLD.`action` AND NEW.`target` IS OLD.`target`
  AND NEW.`result` IS OLD.`result` AND NEW.`detail` IS OLD.`detail`
)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
