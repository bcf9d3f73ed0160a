-- Modify "plans" table
ALTER TABLE "plans" ADD COLUMN "end_reason_code" character varying NULL;
