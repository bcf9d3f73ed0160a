-- Modify "meetings" table
ALTER TABLE "meetings" ADD COLUMN "venue_withheld_reason" character varying NULL;
-- Modify "plan_actions" table
ALTER TABLE "plan_actions" ADD COLUMN "done_marked_at" timestamptz NULL, ADD COLUMN "done_note" text NULL, ADD COLUMN "done_confirmed_at" timestamptz NULL, ADD COLUMN "sent_back_at" timestamptz NULL, ADD COLUMN "sent_back_note" text NULL, ADD COLUMN "for_parent_id" character varying NULL, ADD COLUMN "done_confirmed_by_id" character varying NULL, ADD CONSTRAINT "plan_actions_users_done_confirmed_by" FOREIGN KEY ("done_confirmed_by_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, ADD CONSTRAINT "plan_actions_users_for_parent" FOREIGN KEY ("for_parent_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;
