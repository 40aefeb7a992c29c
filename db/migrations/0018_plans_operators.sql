CREATE TYPE "public"."artist_status" AS ENUM('active', 'suspended');--> statement-breakpoint
CREATE TYPE "public"."banner_layout" AS ENUM('standard', 'tall', 'none');--> statement-breakpoint
CREATE TYPE "public"."billing_interval" AS ENUM('month', 'year');--> statement-breakpoint
CREATE TYPE "public"."plan_invoice_status" AS ENUM('paid', 'failed');--> statement-breakpoint
CREATE TYPE "public"."plan_subscription_status" AS ENUM('incomplete', 'active', 'past_due', 'canceled');--> statement-breakpoint
CREATE TYPE "public"."audit_actor" AS ENUM('operator', 'member', 'system');--> statement-breakpoint
CREATE TYPE "public"."report_reason" AS ENUM('copyright', 'abuse', 'fraud', 'other');--> statement-breakpoint
CREATE TYPE "public"."report_status" AS ENUM('open', 'actioned', 'dismissed');--> statement-breakpoint
CREATE TABLE "payment_event_log" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"provider" "payment_provider" NOT NULL,
	"type" text NOT NULL,
	"result" text NOT NULL,
	"error" text,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_invoices" (
	"id" text PRIMARY KEY NOT NULL,
	"subscription_id" text NOT NULL,
	"artist_id" text NOT NULL,
	"provider_invoice_id" text NOT NULL,
	"status" "plan_invoice_status" NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"period_end" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"artist_id" text NOT NULL,
	"provider" "payment_provider" NOT NULL,
	"provider_customer_id" text,
	"provider_subscription_id" text,
	"provider_session_id" text,
	"interval" "billing_interval" NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"status" "plan_subscription_status" DEFAULT 'incomplete' NOT NULL,
	"current_period_end" timestamp with time zone,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"past_due_since" timestamp with time zone,
	"grace_ends_at" timestamp with time zone,
	"canceled_at" timestamp with time zone,
	"last_event_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_subscriptions_amount_positive" CHECK ("plan_subscriptions"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "platform_settings" (
	"id" text PRIMARY KEY DEFAULT 'platform' NOT NULL,
	"currency" text,
	"pro_yearly_amount" integer,
	"pro_monthly_amount" integer,
	"free_fee_basis_points" integer,
	"pro_fee_basis_points" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "platform_settings_single_row" CHECK ("platform_settings"."id" = 'platform'),
	CONSTRAINT "platform_settings_amounts" CHECK ("platform_settings"."pro_yearly_amount" > 0 and "platform_settings"."pro_monthly_amount" > 0),
	CONSTRAINT "platform_settings_fees" CHECK ("platform_settings"."free_fee_basis_points" between 0 and 5000 and "platform_settings"."pro_fee_basis_points" between 0 and 5000)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" text PRIMARY KEY NOT NULL,
	"artist_id" text,
	"actor_kind" "audit_actor" NOT NULL,
	"actor_user_id" text,
	"actor_email" text,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"reason" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" text PRIMARY KEY NOT NULL,
	"artist_id" text NOT NULL,
	"release_id" text,
	"reason" "report_reason" NOT NULL,
	"message" text NOT NULL,
	"email" text,
	"status" "report_status" DEFAULT 'open' NOT NULL,
	"resolution" text,
	"handled_by_id" text,
	"handled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "artists" ADD COLUMN "banner_layout" "banner_layout" DEFAULT 'standard' NOT NULL;--> statement-breakpoint
ALTER TABLE "artists" ADD COLUMN "status" "artist_status" DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "artists" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "artists" ADD COLUMN "suspended_reason" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "plan" "plan" DEFAULT 'free' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "fee_basis_points" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "releases" ADD COLUMN "listed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "releases" ADD COLUMN "taken_down_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "releases" ADD COLUMN "takedown_reason" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "operator_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "plan_invoices" ADD CONSTRAINT "plan_invoices_subscription_id_plan_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."plan_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_subscriptions" ADD CONSTRAINT "plan_subscriptions_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_event_log_created_idx" ON "payment_event_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "payment_event_log_event_idx" ON "payment_event_log" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_invoices_provider_idx" ON "plan_invoices" USING btree ("provider_invoice_id");--> statement-breakpoint
CREATE INDEX "plan_invoices_paid_idx" ON "plan_invoices" USING btree ("paid_at");--> statement-breakpoint
CREATE INDEX "plan_invoices_artist_idx" ON "plan_invoices" USING btree ("artist_id");--> statement-breakpoint
CREATE INDEX "plan_subscriptions_artist_idx" ON "plan_subscriptions" USING btree ("artist_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_subscriptions_one_live_idx" ON "plan_subscriptions" USING btree ("artist_id") WHERE "plan_subscriptions"."status" in ('active', 'past_due');--> statement-breakpoint
CREATE UNIQUE INDEX "plan_subscriptions_provider_sub_idx" ON "plan_subscriptions" USING btree ("provider_subscription_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_subscriptions_session_idx" ON "plan_subscriptions" USING btree ("provider_session_id");--> statement-breakpoint
CREATE INDEX "audit_log_artist_idx" ON "audit_log" USING btree ("artist_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "reports_status_idx" ON "reports" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "reports_artist_idx" ON "reports" USING btree ("artist_id");--> statement-breakpoint
CREATE INDEX "artists_name_idx" ON "artists" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "artists_created_idx" ON "artists" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "orders_paid_idx" ON "orders" USING btree ("paid_at");--> statement-breakpoint
-- The audit trail is append-only for everyone, the app's own role included: corrections are new
-- entries. (A superuser can still drop the trigger; that is outside what the app can prevent.)
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
-- Orders taken before plans existed: their fee rate, from the fee they were charged.
UPDATE orders SET fee_basis_points = round(platform_fee * 10000.0 / total)::int WHERE total > 0 AND platform_fee > 0;
