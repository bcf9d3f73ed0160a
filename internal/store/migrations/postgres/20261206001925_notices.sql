-- Modify "local_authorities" table
ALTER TABLE "local_authorities" ADD COLUMN "views_reminder_working_days" bigint NOT NULL DEFAULT 10, ADD COLUMN "submission_digest_hour" bigint NULL DEFAULT 8, ADD COLUMN "reply_due_working_days" bigint NOT NULL DEFAULT 5;
-- Create "notices" table
CREATE TABLE "notices" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "kind" character varying NOT NULL, "about_id" character varying NULL, "count" bigint NOT NULL DEFAULT 0, "dedupe_key" character varying NOT NULL, "read_at" timestamptz NULL, "authority_id" character varying NOT NULL, "user_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "notices_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "notices_users_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "notice_authority_id" to table: "notices"
CREATE INDEX "notice_authority_id" ON "notices" ("authority_id");
-- Create index "notice_user_id_created_at" to table: "notices"
CREATE INDEX "notice_user_id_created_at" ON "notices" ("user_id", "created_at");
-- Create index "notice_user_id_dedupe_key" to table: "notices"
CREATE UNIQUE INDEX "notice_user_id_dedupe_key" ON "notices" ("user_id", "dedupe_key");
