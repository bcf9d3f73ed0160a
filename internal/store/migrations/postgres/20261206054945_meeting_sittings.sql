-- Modify "meetings" table
ALTER TABLE "meetings" ADD COLUMN "sitting_id" character varying NULL;
-- Create index "meeting_sitting_id" to table: "meetings"
CREATE INDEX "meeting_sitting_id" ON "meetings" ("sitting_id");
