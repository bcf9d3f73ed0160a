-- Modify "meetings" table
ALTER TABLE "meetings" ADD COLUMN "late_reason" character varying NULL, ADD COLUMN "postponed_at" timestamptz NULL, ADD COLUMN "postponed_from" timestamptz NULL;
