-- Modify "users" table
ALTER TABLE "users" ADD COLUMN "full_time_equivalent" double precision NULL;
