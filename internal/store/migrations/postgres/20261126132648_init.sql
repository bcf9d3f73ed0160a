-- Create "local_authorities" table
CREATE TABLE "local_authorities" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "name" character varying NOT NULL, "service_phone" character varying NULL, "service_email" character varying NULL, "out_of_hours_phone" character varying NULL, "duty_team_email" character varying NULL, "advocacy_name" character varying NULL, "advocacy_phone" character varying NULL, "advocacy_email" character varying NULL, "complaints_phone" character varying NULL, "complaints_email" character varying NULL, "urgent_help_text" text NULL, "core_group_interval_weeks" bigint NOT NULL DEFAULT 4, "pn4_counts_as_participation" boolean NOT NULL DEFAULT true, "child_population" bigint NULL, "outline_plan_working_days" bigint NOT NULL DEFAULT 1, "full_record_working_days" bigint NOT NULL DEFAULT 15, "alert_response_working_days" bigint NOT NULL DEFAULT 10, PRIMARY KEY ("id"));
-- Create index "local_authorities_name_key" to table: "local_authorities"
CREATE UNIQUE INDEX "local_authorities_name_key" ON "local_authorities" ("name");
-- Create "audit_events" table
CREATE TABLE "audit_events" ("id" character varying NOT NULL, "at" timestamptz NOT NULL, "authority_id" character varying NULL, "actor_id" character varying NULL, "actor_role" character varying NULL, "action" character varying NOT NULL, "entity_type" character varying NULL, "entity_id" character varying NULL, "child_id" character varying NULL, "request_id" character varying NULL, "ip" character varying NULL, "reason" character varying NULL, PRIMARY KEY ("id"));
-- Create index "auditevent_actor_id_at" to table: "audit_events"
CREATE INDEX "auditevent_actor_id_at" ON "audit_events" ("actor_id", "at");
-- Create index "auditevent_authority_id_at" to table: "audit_events"
CREATE INDEX "auditevent_authority_id_at" ON "audit_events" ("authority_id", "at");
-- Create index "auditevent_child_id_at" to table: "audit_events"
CREATE INDEX "auditevent_child_id_at" ON "audit_events" ("child_id", "at");
-- Create "users" table
CREATE TABLE "users" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "external_id" character varying NULL, "role" character varying NOT NULL, "username" character varying NULL, "password_hash" character varying NULL, "display_name" character varying NOT NULL, "active" boolean NOT NULL DEFAULT true, "sessions_valid_after" timestamptz NULL, "last_login_at" timestamptz NULL, "work_email" character varying NULL, "work_phone" character varying NULL, "how_to_reach" character varying NULL, "working_pattern" character varying NULL, "authority_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "users_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "user_authority_id" to table: "users"
CREATE INDEX "user_authority_id" ON "users" ("authority_id");
-- Create index "user_authority_id_external_id" to table: "users"
CREATE UNIQUE INDEX "user_authority_id_external_id" ON "users" ("authority_id", "external_id");
-- Create index "user_authority_id_role" to table: "users"
CREATE INDEX "user_authority_id_role" ON "users" ("authority_id", "role");
-- Create index "users_username_key" to table: "users"
CREATE UNIQUE INDEX "users_username_key" ON "users" ("username");
-- Create "children" table
CREATE TABLE "children" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "external_id" character varying NULL, "preferred_name" character varying NOT NULL, "pronouns" character varying NULL, "status" character varying NOT NULL, "became_looked_after_on" character varying NULL, "lighter_touch" boolean NOT NULL DEFAULT false, "lighter_touch_agreed_at" timestamptz NULL, "authority_id" character varying NOT NULL, "user_id" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "children_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "children_users_child_record" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "child_authority_id" to table: "children"
CREATE INDEX "child_authority_id" ON "children" ("authority_id");
-- Create index "child_authority_id_external_id" to table: "children"
CREATE UNIQUE INDEX "child_authority_id_external_id" ON "children" ("authority_id", "external_id");
-- Create index "child_authority_id_status" to table: "children"
CREATE INDEX "child_authority_id_status" ON "children" ("authority_id", "status");
-- Create index "children_user_id_key" to table: "children"
CREATE UNIQUE INDEX "children_user_id_key" ON "children" ("user_id");
-- Create "alerts" table
CREATE TABLE "alerts" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "level" character varying NOT NULL, "reason" character varying NOT NULL, "details" text NULL, "addressed_to" character varying NOT NULL, "status" character varying NOT NULL DEFAULT 'OPEN', "raised_at" timestamptz NOT NULL, "response_due_by" character varying NOT NULL, "response" text NULL, "responded_at" timestamptz NULL, "resolution" text NULL, "resolved_at" timestamptz NULL, "authority_id" character varying NOT NULL, "child_id" character varying NOT NULL, "raised_by_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "alerts_children_child" FOREIGN KEY ("child_id") REFERENCES "children" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "alerts_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "alerts_users_raised_by" FOREIGN KEY ("raised_by_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "alert_authority_id" to table: "alerts"
CREATE INDEX "alert_authority_id" ON "alerts" ("authority_id");
-- Create index "alert_authority_id_status" to table: "alerts"
CREATE INDEX "alert_authority_id_status" ON "alerts" ("authority_id", "status");
-- Create index "alert_child_id_status" to table: "alerts"
CREATE INDEX "alert_child_id_status" ON "alerts" ("child_id", "status");
-- Create "allocations" table
CREATE TABLE "allocations" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "external_id" character varying NULL, "kind" character varying NOT NULL, "starts_on" character varying NOT NULL, "ends_on" character varying NULL, "authority_id" character varying NOT NULL, "child_id" character varying NOT NULL, "staff_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "allocations_children_child" FOREIGN KEY ("child_id") REFERENCES "children" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "allocations_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "allocations_users_allocations" FOREIGN KEY ("staff_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "allocation_authority_id" to table: "allocations"
CREATE INDEX "allocation_authority_id" ON "allocations" ("authority_id");
-- Create index "allocation_authority_id_external_id" to table: "allocations"
CREATE UNIQUE INDEX "allocation_authority_id_external_id" ON "allocations" ("authority_id", "external_id");
-- Create index "allocation_child_id_kind_ends_on" to table: "allocations"
CREATE INDEX "allocation_child_id_kind_ends_on" ON "allocations" ("child_id", "kind", "ends_on");
-- Create index "allocation_staff_id_ends_on" to table: "allocations"
CREATE INDEX "allocation_staff_id_ends_on" ON "allocations" ("staff_id", "ends_on");
-- Create "break_glass_grants" table
CREATE TABLE "break_glass_grants" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "reason" text NOT NULL, "expires_at" timestamptz NOT NULL, "authority_id" character varying NOT NULL, "child_id" character varying NOT NULL, "manager_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "break_glass_grants_children_child" FOREIGN KEY ("child_id") REFERENCES "children" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "break_glass_grants_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "break_glass_grants_users_manager" FOREIGN KEY ("manager_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "breakglassgrant_authority_id" to table: "break_glass_grants"
CREATE INDEX "breakglassgrant_authority_id" ON "break_glass_grants" ("authority_id");
-- Create index "breakglassgrant_manager_id_child_id_expires_at" to table: "break_glass_grants"
CREATE INDEX "breakglassgrant_manager_id_child_id_expires_at" ON "break_glass_grants" ("manager_id", "child_id", "expires_at");
-- Create "child_identities" table
CREATE TABLE "child_identities" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "legal_name" character varying NOT NULL, "date_of_birth" character varying NULL, "expected_date_of_birth" character varying NULL, "child_id" character varying NOT NULL, "authority_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "child_identities_children_identity" FOREIGN KEY ("child_id") REFERENCES "children" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "child_identities_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "child_identities_child_id_key" to table: "child_identities"
CREATE UNIQUE INDEX "child_identities_child_id_key" ON "child_identities" ("child_id");
-- Create index "childidentity_authority_id" to table: "child_identities"
CREATE INDEX "childidentity_authority_id" ON "child_identities" ("authority_id");
-- Create "family_links" table
CREATE TABLE "family_links" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "external_id" character varying NULL, "relationship" character varying NOT NULL, "parental_responsibility" boolean NOT NULL DEFAULT false, "may_view_care_plan" boolean NOT NULL DEFAULT false, "active" boolean NOT NULL DEFAULT true, "authority_id" character varying NOT NULL, "child_id" character varying NOT NULL, "parent_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "family_links_children_child" FOREIGN KEY ("child_id") REFERENCES "children" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "family_links_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "family_links_users_family_links" FOREIGN KEY ("parent_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "familylink_authority_id" to table: "family_links"
CREATE INDEX "familylink_authority_id" ON "family_links" ("authority_id");
-- Create index "familylink_authority_id_external_id" to table: "family_links"
CREATE UNIQUE INDEX "familylink_authority_id_external_id" ON "family_links" ("authority_id", "external_id");
-- Create index "familylink_child_id" to table: "family_links"
CREATE INDEX "familylink_child_id" ON "family_links" ("child_id");
-- Create index "familylink_parent_id_child_id" to table: "family_links"
CREATE UNIQUE INDEX "familylink_parent_id_child_id" ON "family_links" ("parent_id", "child_id");
-- Create "form_templates" table
CREATE TABLE "form_templates" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "key" character varying NOT NULL, "audience" character varying NOT NULL, "min_age" bigint NOT NULL DEFAULT 0, "max_age" bigint NOT NULL DEFAULT 0, "version" bigint NOT NULL, "title" character varying NOT NULL, "intro" text NULL, "questions" jsonb NOT NULL, "authority_id" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "form_templates_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "formtemplate_authority_id_key_version" to table: "form_templates"
CREATE UNIQUE INDEX "formtemplate_authority_id_key_version" ON "form_templates" ("authority_id", "key", "version");
-- Create index "formtemplate_national_key_version" to table: "form_templates"
CREATE UNIQUE INDEX "formtemplate_national_key_version" ON "form_templates" ("key", "version") WHERE (authority_id IS NULL);
-- Create "glossary_entries" table
CREATE TABLE "glossary_entries" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "term" character varying NOT NULL, "explanation" text NOT NULL, "authority_id" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "glossary_entries_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "glossaryentry_authority_id_term" to table: "glossary_entries"
CREATE UNIQUE INDEX "glossaryentry_authority_id_term" ON "glossary_entries" ("authority_id", "term");
-- Create index "glossaryentry_national_term" to table: "glossary_entries"
CREATE UNIQUE INDEX "glossaryentry_national_term" ON "glossary_entries" ("term") WHERE (authority_id IS NULL);
-- Create "invitations" table
CREATE TABLE "invitations" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "role" character varying NOT NULL, "display_name" character varying NOT NULL, "relationship" character varying NULL, "parental_responsibility" boolean NOT NULL DEFAULT false, "may_view_care_plan" boolean NOT NULL DEFAULT false, "code_hash" character varying NOT NULL, "expires_at" timestamptz NOT NULL, "used_at" timestamptz NULL, "authority_id" character varying NOT NULL, "child_id" character varying NULL, "created_by_id" character varying NOT NULL, "user_id" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "invitations_children_child" FOREIGN KEY ("child_id") REFERENCES "children" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "invitations_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "invitations_users_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "invitations_users_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "invitation_authority_id" to table: "invitations"
CREATE INDEX "invitation_authority_id" ON "invitations" ("authority_id");
-- Create index "invitations_code_hash_key" to table: "invitations"
CREATE UNIQUE INDEX "invitations_code_hash_key" ON "invitations" ("code_hash");
-- Create "plans" table
CREATE TABLE "plans" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "external_id" character varying NULL, "kind" character varying NOT NULL, "starts_on" character varying NOT NULL, "ends_on" character varying NULL, "end_reason" character varying NULL, "category" character varying NULL, "strategy_discussion_on" character varying NULL, "authority_id" character varying NOT NULL, "child_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "plans_children_child" FOREIGN KEY ("child_id") REFERENCES "children" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "plans_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "plan_authority_id" to table: "plans"
CREATE INDEX "plan_authority_id" ON "plans" ("authority_id");
-- Create index "plan_authority_id_external_id" to table: "plans"
CREATE UNIQUE INDEX "plan_authority_id_external_id" ON "plans" ("authority_id", "external_id");
-- Create index "plan_child_id_ends_on" to table: "plans"
CREATE INDEX "plan_child_id_ends_on" ON "plans" ("child_id", "ends_on");
-- Create "meetings" table
CREATE TABLE "meetings" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "external_id" character varying NULL, "kind" character varying NOT NULL, "status" character varying NOT NULL DEFAULT 'SCHEDULED', "scheduled_for" timestamptz NULL, "venue" character varying NULL, "venue_withheld_from_family" boolean NOT NULL DEFAULT false, "due_by" character varying NOT NULL, "brought_forward" boolean NOT NULL DEFAULT false, "change_reason" character varying NULL, "held_on" character varying NULL, "attendees" jsonb NULL, "child_attended" boolean NULL, "participation_code" character varying NULL, "outcome_summary" text NULL, "outcome_published_at" timestamptz NULL, "outline_sent_on" character varying NULL, "record_sent_on" character varying NULL, "authority_id" character varying NOT NULL, "child_id" character varying NOT NULL, "plan_id" character varying NULL, "chair_id" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "meetings_children_child" FOREIGN KEY ("child_id") REFERENCES "children" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "meetings_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "meetings_plans_plan" FOREIGN KEY ("plan_id") REFERENCES "plans" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "meetings_users_chair" FOREIGN KEY ("chair_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "meeting_authority_id" to table: "meetings"
CREATE INDEX "meeting_authority_id" ON "meetings" ("authority_id");
-- Create index "meeting_authority_id_external_id" to table: "meetings"
CREATE UNIQUE INDEX "meeting_authority_id_external_id" ON "meetings" ("authority_id", "external_id");
-- Create index "meeting_child_id_held_on" to table: "meetings"
CREATE INDEX "meeting_child_id_held_on" ON "meetings" ("child_id", "held_on");
-- Create index "meeting_child_id_scheduled_for" to table: "meetings"
CREATE INDEX "meeting_child_id_scheduled_for" ON "meetings" ("child_id", "scheduled_for");
-- Create "notifications" table
CREATE TABLE "notifications" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "kind" character varying NOT NULL, "recipient_user_id" character varying NULL, "recipient_address" character varying NOT NULL, "payload" jsonb NULL, "attempts" bigint NOT NULL DEFAULT 0, "next_attempt_at" timestamptz NOT NULL, "delivered_at" timestamptz NULL, "last_error" character varying NULL, "authority_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "notifications_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "notification_authority_id" to table: "notifications"
CREATE INDEX "notification_authority_id" ON "notifications" ("authority_id");
-- Create index "notification_delivered_at_next_attempt_at" to table: "notifications"
CREATE INDEX "notification_delivered_at_next_attempt_at" ON "notifications" ("delivered_at", "next_attempt_at");
-- Create "parent_views" table
CREATE TABLE "parent_views" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "answers" jsonb NULL, "status" character varying NOT NULL DEFAULT 'DRAFT', "submitted_at" timestamptz NULL, "first_read_at" timestamptz NULL, "idempotency_key" character varying NULL, "revision" bigint NOT NULL DEFAULT 1, "authority_id" character varying NOT NULL, "child_id" character varying NOT NULL, "parent_id" character varying NOT NULL, "form_template_id" character varying NOT NULL, "meeting_id" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "parent_views_children_child" FOREIGN KEY ("child_id") REFERENCES "children" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "parent_views_form_templates_form_template" FOREIGN KEY ("form_template_id") REFERENCES "form_templates" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "parent_views_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "parent_views_meetings_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "parent_views_users_parent" FOREIGN KEY ("parent_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "parentviews_authority_id" to table: "parent_views"
CREATE INDEX "parentviews_authority_id" ON "parent_views" ("authority_id");
-- Create index "parentviews_child_id_status" to table: "parent_views"
CREATE INDEX "parentviews_child_id_status" ON "parent_views" ("child_id", "status");
-- Create index "parentviews_meeting_id" to table: "parent_views"
CREATE INDEX "parentviews_meeting_id" ON "parent_views" ("meeting_id");
-- Create index "parentviews_parent_id_child_id_idempotency_key" to table: "parent_views"
CREATE UNIQUE INDEX "parentviews_parent_id_child_id_idempotency_key" ON "parent_views" ("parent_id", "child_id", "idempotency_key");
-- Create "plan_versions" table
CREATE TABLE "plan_versions" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "version" bigint NOT NULL, "published_at" timestamptz NOT NULL, "worries_for_child" text NOT NULL, "going_well_for_child" text NOT NULL, "needs_to_change_for_child" text NOT NULL, "worries" text NOT NULL, "going_well" text NOT NULL, "needs_to_change" text NOT NULL, "authority_id" character varying NOT NULL, "plan_id" character varying NOT NULL, "published_by_id" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "plan_versions_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "plan_versions_plans_plan" FOREIGN KEY ("plan_id") REFERENCES "plans" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "plan_versions_users_published_by" FOREIGN KEY ("published_by_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "planversion_authority_id" to table: "plan_versions"
CREATE INDEX "planversion_authority_id" ON "plan_versions" ("authority_id");
-- Create index "planversion_plan_id_version" to table: "plan_versions"
CREATE UNIQUE INDEX "planversion_plan_id_version" ON "plan_versions" ("plan_id", "version");
-- Create "plan_actions" table
CREATE TABLE "plan_actions" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "what" text NOT NULL, "what_for_child" text NULL, "who" character varying NOT NULL, "by_when" character varying NULL, "status" character varying NOT NULL DEFAULT 'NOT_STARTED', "position" bigint NOT NULL DEFAULT 0, "authority_id" character varying NOT NULL, "plan_version_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "plan_actions_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "plan_actions_plan_versions_plan_version" FOREIGN KEY ("plan_version_id") REFERENCES "plan_versions" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "planaction_authority_id" to table: "plan_actions"
CREATE INDEX "planaction_authority_id" ON "plan_actions" ("authority_id");
-- Create "wishes_and_feelings" table
CREATE TABLE "wishes_and_feelings" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "answers" jsonb NULL, "share_with" character varying NOT NULL DEFAULT 'CHAIR_ONLY', "status" character varying NOT NULL DEFAULT 'DRAFT', "needs_to_talk_today" boolean NOT NULL DEFAULT false, "helped_by" character varying NOT NULL DEFAULT 'NOBODY', "reply" text NULL, "withheld_from_family" boolean NOT NULL DEFAULT false, "withheld_reason" character varying NULL, "submitted_at" timestamptz NULL, "first_read_at" timestamptz NULL, "responded_at" timestamptz NULL, "idempotency_key" character varying NULL, "revision" bigint NOT NULL DEFAULT 1, "authority_id" character varying NOT NULL, "child_id" character varying NOT NULL, "form_template_id" character varying NOT NULL, "meeting_id" character varying NULL, "replied_by_id" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "wishes_and_feelings_children_child" FOREIGN KEY ("child_id") REFERENCES "children" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "wishes_and_feelings_form_templates_form_template" FOREIGN KEY ("form_template_id") REFERENCES "form_templates" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "wishes_and_feelings_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "wishes_and_feelings_meetings_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "wishes_and_feelings_users_replied_by" FOREIGN KEY ("replied_by_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "wishesandfeelings_authority_id" to table: "wishes_and_feelings"
CREATE INDEX "wishesandfeelings_authority_id" ON "wishes_and_feelings" ("authority_id");
-- Create index "wishesandfeelings_child_id_idempotency_key" to table: "wishes_and_feelings"
CREATE UNIQUE INDEX "wishesandfeelings_child_id_idempotency_key" ON "wishes_and_feelings" ("child_id", "idempotency_key");
-- Create index "wishesandfeelings_child_id_status" to table: "wishes_and_feelings"
CREATE INDEX "wishesandfeelings_child_id_status" ON "wishes_and_feelings" ("child_id", "status");
-- Create index "wishesandfeelings_meeting_id" to table: "wishes_and_feelings"
CREATE INDEX "wishesandfeelings_meeting_id" ON "wishes_and_feelings" ("meeting_id");
-- Create "read_receipts" table
CREATE TABLE "read_receipts" ("id" character varying NOT NULL, "read_at" timestamptz NOT NULL, "reader_name" character varying NOT NULL, "reader_role" character varying NOT NULL, "authority_id" character varying NOT NULL, "submission_id" character varying NULL, "parent_views_id" character varying NULL, "reader_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "read_receipts_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "read_receipts_parent_views_parent_views" FOREIGN KEY ("parent_views_id") REFERENCES "parent_views" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "read_receipts_users_reader" FOREIGN KEY ("reader_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "read_receipts_wishes_and_feelings_submission" FOREIGN KEY ("submission_id") REFERENCES "wishes_and_feelings" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "readreceipt_authority_id" to table: "read_receipts"
CREATE INDEX "readreceipt_authority_id" ON "read_receipts" ("authority_id");
-- Create index "readreceipt_parent_views_id_reader_id" to table: "read_receipts"
CREATE UNIQUE INDEX "readreceipt_parent_views_id_reader_id" ON "read_receipts" ("parent_views_id", "reader_id");
-- Create index "readreceipt_submission_id_reader_id" to table: "read_receipts"
CREATE UNIQUE INDEX "readreceipt_submission_id_reader_id" ON "read_receipts" ("submission_id", "reader_id");
-- Create "refresh_tokens" table
CREATE TABLE "refresh_tokens" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "token_hash" character varying NOT NULL, "family" character varying NOT NULL, "expires_at" timestamptz NOT NULL, "used_at" timestamptz NULL, "revoked_at" timestamptz NULL, "authority_id" character varying NOT NULL, "user_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "refresh_tokens_local_authorities_authority" FOREIGN KEY ("authority_id") REFERENCES "local_authorities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "refresh_tokens_users_refresh_tokens" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "refresh_tokens_token_hash_key" to table: "refresh_tokens"
CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "refresh_tokens" ("token_hash");
-- Create index "refreshtoken_authority_id" to table: "refresh_tokens"
CREATE INDEX "refreshtoken_authority_id" ON "refresh_tokens" ("authority_id");
-- Create index "refreshtoken_family" to table: "refresh_tokens"
CREATE INDEX "refreshtoken_family" ON "refresh_tokens" ("family");
-- Create index "refreshtoken_user_id" to table: "refresh_tokens"
CREATE INDEX "refreshtoken_user_id" ON "refresh_tokens" ("user_id");
