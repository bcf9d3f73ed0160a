-- Modify "local_authorities" table
ALTER TABLE "local_authorities" ADD COLUMN "alert_team_manager_working_days" bigint NOT NULL DEFAULT 5, ADD COLUMN "alert_head_of_service_working_days" bigint NOT NULL DEFAULT 10, ADD COLUMN "alert_director_working_days" bigint NOT NULL DEFAULT 10, ADD COLUMN "alert_cafcass_working_days" bigint NOT NULL DEFAULT 20;
-- Modify "alerts" table
ALTER TABLE "alerts" ADD COLUMN "stage" character varying NOT NULL DEFAULT 'INFORMAL', ADD COLUMN "stage_history" jsonb NULL, ADD COLUMN "raised_by_role" character varying NULL, ADD COLUMN "meeting_id" character varying NULL, ADD CONSTRAINT "alerts_meetings_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;
