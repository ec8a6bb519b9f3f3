CREATE TABLE "insights_decisions" (
	"decision_id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"person_id" text NOT NULL,
	"decision" text NOT NULL,
	"submitted_at" text NOT NULL,
	"decided_at" text NOT NULL,
	"items" text
);
--> statement-breakpoint
CREATE TABLE "insights_people" (
	"person_id" text PRIMARY KEY NOT NULL,
	"first_step_at" text,
	"last_step_at" text,
	"stage_facts" text NOT NULL,
	"plan_id" text,
	"has_free_support" integer NOT NULL,
	"allocation_id" text,
	"allocation_at" text,
	"allocations_from" text,
	"allocations_to" text,
	"rule_set_id" text,
	"eligible" integer,
	"points" integer,
	"nhs_pence" integer,
	"council_pence" integer,
	"total_pence" integer,
	"signed_off_at" text,
	"planned_pence" integer,
	"spent_pence" integer,
	"spent_until" text
);
--> statement-breakpoint
ALTER TABLE "insights_decisions" ADD CONSTRAINT "insights_decisions_decision_id_plan_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."plan_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insights_people" ADD CONSTRAINT "insights_people_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "insights_decisions_decided_idx" ON "insights_decisions" USING btree ("decided_at","decision","person_id","submitted_at","plan_id","items");--> statement-breakpoint
CREATE INDEX "insights_people_steps_idx" ON "insights_people" USING btree ("last_step_at","stage_facts","person_id","first_step_at");--> statement-breakpoint
CREATE INDEX "insights_people_budget_idx" ON "insights_people" USING btree ("allocation_at","eligible","rule_set_id","points","nhs_pence","council_pence","total_pence","has_free_support","planned_pence","signed_off_at","spent_pence","spent_until","person_id","plan_id","allocations_from","allocations_to");--> statement-breakpoint
CREATE INDEX "plan_reviews_held_idx" ON "plan_reviews" USING btree ("held_at");--> statement-breakpoint
CREATE INDEX "plan_submissions_reconsideration_idx" ON "plan_submissions" USING btree ("reconsideration","submitted_at");