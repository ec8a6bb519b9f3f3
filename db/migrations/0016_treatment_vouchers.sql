CREATE TABLE `voucher_claims` (
	`id` text PRIMARY KEY NOT NULL,
	`voucher_id` text NOT NULL,
	`person_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`sessions` integer NOT NULL,
	`amount_pence` integer NOT NULL,
	`session_date` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`voucher_id`) REFERENCES `vouchers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `voucher_claims_voucher_idx` ON `voucher_claims` (`voucher_id`,`session_date`);--> statement-breakpoint
CREATE TABLE `voucher_providers` (
	`id` text PRIMARY KEY NOT NULL,
	`voucher_id` text NOT NULL,
	`person_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`chosen_by` text NOT NULL,
	`chosen_at` text NOT NULL,
	FOREIGN KEY (`voucher_id`) REFERENCES `vouchers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chosen_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `voucher_providers_voucher_idx` ON `voucher_providers` (`voucher_id`,`chosen_at`);--> statement-breakpoint
CREATE TABLE `vouchers` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`treatment` text NOT NULL,
	`sessions` integer NOT NULL,
	`value_pence` integer NOT NULL,
	`expires_on` text NOT NULL,
	`issued_by` text NOT NULL,
	`issued_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `vouchers_person_idx` ON `vouchers` (`person_id`);--> statement-breakpoint
CREATE INDEX `vouchers_issued_idx` ON `vouchers` (`issued_at`);--> statement-breakpoint
CREATE TRIGGER `vouchers_no_update` BEFORE UPDATE ON `vouchers` BEGIN SELECT RAISE(ABORT, 'a voucher never changes once issued'); END;--> statement-breakpoint
CREATE TRIGGER `vouchers_no_delete` BEFORE DELETE ON `vouchers` BEGIN SELECT RAISE(ABORT, 'a voucher never changes once issued'); END;--> statement-breakpoint
CREATE TRIGGER `voucher_providers_no_update` BEFORE UPDATE ON `voucher_providers` BEGIN SELECT RAISE(ABORT, 'provider choices are never changed'); END;--> statement-breakpoint
CREATE TRIGGER `voucher_providers_no_delete` BEFORE DELETE ON `voucher_providers` BEGIN SELECT RAISE(ABORT, 'provider choices are never changed'); END;--> statement-breakpoint
CREATE TRIGGER `voucher_claims_no_update` BEFORE UPDATE ON `voucher_claims` BEGIN SELECT RAISE(ABORT, 'voucher claims are never changed'); END;--> statement-breakpoint
CREATE TRIGGER `voucher_claims_no_delete` BEFORE DELETE ON `voucher_claims` BEGIN SELECT RAISE(ABORT, 'voucher claims are never changed'); END;
