CREATE TABLE "audit_counts" (
	"person_id" text PRIMARY KEY NOT NULL,
	"lines" bigint NOT NULL
);
--> statement-breakpoint
-- Hand-written from here: the twin of db/migrations/0027's count of each person's lines.
CREATE FUNCTION "audit_counts_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW."person_id" IS NOT NULL THEN
      INSERT INTO "audit_counts" ("person_id", "lines") VALUES (NEW."person_id", 1)
        ON CONFLICT ("person_id") DO UPDATE SET "lines" = "audit_counts"."lines" + 1;
    END IF;
  ELSIF OLD."person_id" IS NOT NULL THEN
    UPDATE "audit_counts" SET "lines" = "lines" - 1 WHERE "person_id" = OLD."person_id";
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "audit_counts_after_change" AFTER INSERT OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_counts_change"();--> statement-breakpoint
INSERT INTO "audit_counts" ("person_id", "lines")
  SELECT "person_id", count(*) FROM "audit_log" WHERE "person_id" IS NOT NULL GROUP BY "person_id";
