-- Modify "local_authorities" table
ALTER TABLE "local_authorities" ADD COLUMN "short_passwords_under_12" boolean NOT NULL DEFAULT false;
-- Create "attachments" table
CREATE TABLE "attachments" ("id" character varying NOT NULL, "content_type" character varying NOT NULL, "byte_size" bigint NOT NULL, "width" bigint NOT NULL, "height" bigint NOT NULL, "data" bytea NOT NULL, "position" bigint NOT NULL, "created_at" timestamptz NOT NULL, "authority_id" character varying NOT NULL, "child_id" character varying NOT NULL, "submission_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "attachments_children_child" FOREIGN KEY ("child_id") REFERENCES "children" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "attachments_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "attachments_wishes_and_feelings_attachments" FOREIGN KEY ("submission_id") REFERENCES "wishes_and_feelings" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "attachment_authority_id" to table: "attachments"
CREATE INDEX "attachment_authority_id" ON "attachments" ("authority_id");
-- Create index "attachment_submission_id_position" to table: "attachments"
CREATE UNIQUE INDEX "attachment_submission_id_position" ON "attachments" ("submission_id", "position");
