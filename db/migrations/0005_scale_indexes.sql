DROP INDEX `notifications_user_idx`;--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `allocations_assessment_basis_idx` ON `allocations` (`assessment_id`,`basis`,`created_at`);--> statement-breakpoint
CREATE INDEX `invitations_person_idx` ON `invitations` (`person_id`);