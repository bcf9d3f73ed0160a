-- Create "advocacy_requests" table
CREATE TABLE "advocacy_requests" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "status" character varying NOT NULL DEFAULT 'REQUESTED', "note" character varying NULL, "asked_by_role" character varying NOT NULL, "requested_at" timestamptz NOT NULL, "accepted_at" timestamptz NULL, "contacted_at" timestamptz NULL, "closed_at" timestamptz NULL, "idempotency_key" character varying NOT NULL, "authority_id" character varying NOT NULL, "child_id" character varying NOT NULL, "asked_by_id" character varying NOT NULL, "submission_id" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "advocacy_requests_children_child" FOREIGN KEY ("child_id") REFERENCES "children" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "advocacy_requests_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "advocacy_requests_users_asked_by" FOREIGN KEY ("asked_by_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "advocacy_requests_wishes_and_feelings_submission" FOREIGN KEY ("submission_id") REFERENCES "wishes_and_feelings" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "advocacyrequest_authority_id" to table: "advocacy_requests"
CREATE INDEX "advocacyrequest_authority_id" ON "advocacy_requests" ("authority_id");
-- Create index "advocacyrequest_authority_id_status" to table: "advocacy_requests"
CREATE INDEX "advocacyrequest_authority_id_status" ON "advocacy_requests" ("authority_id", "status");
-- Create index "advocacyrequest_child_id_idempotency_key" to table: "advocacy_requests"
CREATE UNIQUE INDEX "advocacyrequest_child_id_idempotency_key" ON "advocacy_requests" ("child_id", "idempotency_key");
-- Create index "advocacyrequest_child_id_requested_at" to table: "advocacy_requests"
CREATE INDEX "advocacyrequest_child_id_requested_at" ON "advocacy_requests" ("child_id", "requested_at");
-- Create "help_contacts" table
CREATE TABLE "help_contacts" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "kind" character varying NOT NULL, "name" character varying NOT NULL, "phone" character varying NULL, "text_phone" character varying NULL, "web" character varying NULL, "email" character varying NULL, "hours" character varying NULL, "authority_id" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "help_contacts_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "helpcontact_authority_id_kind" to table: "help_contacts"
CREATE UNIQUE INDEX "helpcontact_authority_id_kind" ON "help_contacts" ("authority_id", "kind");
-- Create index "helpcontact_national_kind" to table: "help_contacts"
CREATE UNIQUE INDEX "helpcontact_national_kind" ON "help_contacts" ("kind") WHERE (authority_id IS NULL);
