DROP INDEX "plan_decisions_plan_idx";--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id","read_at");--> statement-breakpoint
CREATE INDEX "users_id_name_idx" ON "users" USING btree ("id","name");--> statement-breakpoint
CREATE INDEX "plan_decisions_plan_idx" ON "plan_decisions" USING btree ("plan_id","decided_at");