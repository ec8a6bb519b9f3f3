CREATE INDEX `category_placements_assessment_idx` ON `category_placements` (`assessment_id`,`placed_at`);--> statement-breakpoint
CREATE INDEX `category_review_requests_person_idx` ON `category_review_requests` (`person_id`,`asked_at`);--> statement-breakpoint
CREATE INDEX `grant_spending_person_idx` ON `grant_spending` (`person_id`,`spent_on`);--> statement-breakpoint
CREATE INDEX `outbox_to_email_idx` ON `outbox` (`to_email`);--> statement-breakpoint
CREATE INDEX `voucher_claims_person_idx` ON `voucher_claims` (`person_id`);--> statement-breakpoint
CREATE INDEX `voucher_providers_person_idx` ON `voucher_providers` (`person_id`);