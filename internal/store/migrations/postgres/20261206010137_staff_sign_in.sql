-- Create "identity_links" table
CREATE TABLE "identity_links" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "issuer" character varying NOT NULL, "subject" character varying NOT NULL, "from_group" boolean NOT NULL DEFAULT false, "last_sign_in_at" timestamptz NULL, "authority_id" character varying NOT NULL, "user_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "identity_links_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "identity_links_users_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "identitylink_authority_id" to table: "identity_links"
CREATE INDEX "identitylink_authority_id" ON "identity_links" ("authority_id");
-- Create index "identitylink_authority_id_issuer_subject" to table: "identity_links"
CREATE UNIQUE INDEX "identitylink_authority_id_issuer_subject" ON "identity_links" ("authority_id", "issuer", "subject");
-- Create index "identitylink_user_id" to table: "identity_links"
CREATE UNIQUE INDEX "identitylink_user_id" ON "identity_links" ("user_id");
-- Create "pending_sign_ins" table
CREATE TABLE "pending_sign_ins" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "state_hash" character varying NOT NULL, "binding_hash" character varying NOT NULL, "nonce" character varying NOT NULL, "code_verifier" character varying NOT NULL, "expires_at" timestamptz NOT NULL, "answered_at" timestamptz NULL, "user_id" character varying NULL, "handoff_hash" character varying NULL, "used_at" timestamptz NULL, "authority_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "pending_sign_ins_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "pending_sign_ins_handoff_hash_key" to table: "pending_sign_ins"
CREATE UNIQUE INDEX "pending_sign_ins_handoff_hash_key" ON "pending_sign_ins" ("handoff_hash");
-- Create index "pending_sign_ins_state_hash_key" to table: "pending_sign_ins"
CREATE UNIQUE INDEX "pending_sign_ins_state_hash_key" ON "pending_sign_ins" ("state_hash");
-- Create index "pendingsignin_authority_id" to table: "pending_sign_ins"
CREATE INDEX "pendingsignin_authority_id" ON "pending_sign_ins" ("authority_id");
-- Create index "pendingsignin_expires_at" to table: "pending_sign_ins"
CREATE INDEX "pendingsignin_expires_at" ON "pending_sign_ins" ("expires_at");
-- Create "sign_in_providers" table
CREATE TABLE "sign_in_providers" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "issuer" character varying NOT NULL, "client_id" character varying NOT NULL, "client_secret_name" character varying NULL, "allowed_email_domains" jsonb NOT NULL, "groups_claim" character varying NOT NULL DEFAULT 'groups', "group_roles" jsonb NULL, "required_for_staff" boolean NOT NULL DEFAULT false, "authority_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "sign_in_providers_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "signinprovider_authority_id" to table: "sign_in_providers"
CREATE INDEX "signinprovider_authority_id" ON "sign_in_providers" ("authority_id");
-- Create index "signinprovider_one_per_authority" to table: "sign_in_providers"
CREATE UNIQUE INDEX "signinprovider_one_per_authority" ON "sign_in_providers" ("authority_id");
