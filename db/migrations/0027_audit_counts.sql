CREATE TABLE `audit_counts` (
	`person_id` text PRIMARY KEY NOT NULL,
	`lines` integer NOT NULL
);
--> statement-breakpoint
-- Hand-written from here: each person's count of lines, kept by the trail's own writes (a line is only ever
-- added, or removed once archived), and filled from the trail as it stands.
CREATE TRIGGER `audit_counts_after_insert` AFTER INSERT ON `audit_log` WHEN new.`person_id` IS NOT NULL BEGIN
  INSERT INTO `audit_counts` (`person_id`, `lines`) VALUES (new.`person_id`, 1)
    ON CONFLICT (`person_id`) DO UPDATE SET `lines` = `lines` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `audit_counts_after_delete` AFTER DELETE ON `audit_log` WHEN old.`person_id` IS NOT NULL BEGIN
  UPDATE `audit_counts` SET `lines` = `lines` - 1 WHERE `person_id` = old.`person_id`;
END;
--> statement-breakpoint
INSERT INTO `audit_counts` (`person_id`, `lines`)
  SELECT `person_id`, count(*) FROM `audit_log` WHERE `person_id` IS NOT NULL GROUP BY `person_id`;
