CREATE INDEX `allocations_created_idx` ON `allocations` (`created_at`);--> statement-breakpoint
CREATE INDEX `grant_spending_date_idx` ON `grant_spending` (`spent_on`);--> statement-breakpoint
CREATE INDEX `users_team_idx` ON `users` (`team_id`);--> statement-breakpoint
CREATE INDEX `voucher_claims_date_idx` ON `voucher_claims` (`session_date`);