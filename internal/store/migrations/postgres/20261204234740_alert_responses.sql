-- Create "alert_responses" table
CREATE TABLE "alert_responses" ("id" character varying NOT NULL, "text" character varying NOT NULL, "responded_at" timestamptz NOT NULL, "author_name" character varying NOT NULL, "author_role" character varying NOT NULL, "alert_id" character varying NOT NULL, "authority_id" character varying NOT NULL, "author_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "alert_responses_alerts_responses" FOREIGN KEY ("alert_id") REFERENCES "alerts" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "alert_responses_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "alert_responses_users_author" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "alertresponse_alert_id_responded_at" to table: "alert_responses"
CREATE INDEX "alertresponse_alert_id_responded_at" ON "alert_responses" ("alert_id", "responded_at");
-- Create index "alertresponse_authority_id" to table: "alert_responses"
CREATE INDEX "alertresponse_authority_id" ON "alert_responses" ("authority_id");
