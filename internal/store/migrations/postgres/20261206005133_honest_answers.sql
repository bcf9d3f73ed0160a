-- Modify "local_authorities" table
ALTER TABLE "local_authorities" ADD COLUMN "office_hours" jsonb NULL;
-- Modify "plan_actions" table
ALTER TABLE "plan_actions" ALTER COLUMN "what" DROP NOT NULL;
-- Modify "plan_versions" table
ALTER TABLE "plan_versions" ALTER COLUMN "worries_for_child" DROP NOT NULL, ALTER COLUMN "going_well_for_child" DROP NOT NULL, ALTER COLUMN "needs_to_change_for_child" DROP NOT NULL, ALTER COLUMN "worries" DROP NOT NULL, ALTER COLUMN "going_well" DROP NOT NULL, ALTER COLUMN "needs_to_change" DROP NOT NULL, ADD COLUMN "worries_for_family" text NULL, ADD COLUMN "going_well_for_family" text NULL, ADD COLUMN "needs_to_change_for_family" text NULL;
-- Modify "users" table
ALTER TABLE "users" ADD COLUMN "working_hours" jsonb NULL;
