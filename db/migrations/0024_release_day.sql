CREATE TYPE "public"."collection_export_status" AS ENUM('pending', 'preparing', 'ready', 'failed');--> statement-breakpoint
CREATE TYPE "public"."fan_subscription_status" AS ENUM('incomplete', 'active', 'past_due', 'canceled');--> statement-breakpoint
CREATE TYPE "public"."follow_status" AS ENUM('pending', 'confirmed');--> statement-breakpoint
CREATE TYPE "public"."post_audience" AS ENUM('everyone', 'subscribers');--> statement-breakpoint
CREATE TYPE "public"."post_delivery_status" AS ENUM('pending', 'sending', 'sent', 'bounced', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."post_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TABLE "collection_exports" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"format" text NOT NULL,
	"status" "collection_export_status" DEFAULT 'pending' NOT NULL,
	"release_count" integer DEFAULT 0 NOT NULL,
	"error" text,
	"locale" text DEFAULT 'en' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ready_at" timestamp with time zone,
	"mailed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fan_profiles" (
	"email" text PRIMARY KEY NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"collection_public" boolean DEFAULT false NOT NULL,
	"public_slug" text,
	"mail_off_at" timestamp with time zone,
	"last_digest_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fan_subscription_invoices" (
	"id" text PRIMARY KEY NOT NULL,
	"subscription_id" text NOT NULL,
	"artist_id" text NOT NULL,
	"provider_invoice_id" text NOT NULL,
	"status" "plan_invoice_status" NOT NULL,
	"amount" integer NOT NULL,
	"fee_amount" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"period_end" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fan_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"artist_id" text NOT NULL,
	"email" text NOT NULL,
	"provider" "payment_provider" NOT NULL,
	"provider_customer_id" text,
	"provider_subscription_id" text,
	"provider_session_id" text,
	"interval" "billing_interval" NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"fee_basis_points" integer DEFAULT 0 NOT NULL,
	"status" "fan_subscription_status" DEFAULT 'incomplete' NOT NULL,
	"started_at" timestamp with time zone,
	"current_period_end" timestamp with time zone,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"past_due_since" timestamp with time zone,
	"grace_ends_at" timestamp with time zone,
	"canceled_at" timestamp with time zone,
	"last_event_at" timestamp with time zone,
	"locale" text DEFAULT 'en' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fan_subscriptions_amount_positive" CHECK ("fan_subscriptions"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "follows" (
	"id" text PRIMARY KEY NOT NULL,
	"artist_id" text NOT NULL,
	"email" text NOT NULL,
	"status" "follow_status" DEFAULT 'pending' NOT NULL,
	"confirm_token_hash" text,
	"confirm_sent_at" timestamp with time zone,
	"source" text DEFAULT 'shop' NOT NULL,
	"confirmed_at" timestamp with time zone,
	"unsubscribed_at" timestamp with time zone,
	"notified_through" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"post_id" text NOT NULL,
	"artist_id" text NOT NULL,
	"email" text NOT NULL,
	"reason" text NOT NULL,
	"status" "post_delivery_status" DEFAULT 'pending' NOT NULL,
	"attempted_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"error" text,
	"unsubscribed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" text PRIMARY KEY NOT NULL,
	"artist_id" text NOT NULL,
	"author_id" text,
	"release_id" text,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"audience" "post_audience" DEFAULT 'everyone' NOT NULL,
	"status" "post_status" DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"send_queued_at" timestamp with time zone,
	"send_finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscription_offers" (
	"artist_id" text PRIMARY KEY NOT NULL,
	"currency" text NOT NULL,
	"monthly_amount" integer,
	"yearly_amount" integer,
	"back_catalogue" boolean DEFAULT false NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"provider_product_id" text,
	"provider_prices" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscription_offers_currency_iso" CHECK ("subscription_offers"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "subscription_offers_amounts" CHECK (("subscription_offers"."monthly_amount" is null or "subscription_offers"."monthly_amount" > 0) and ("subscription_offers"."yearly_amount" is null or "subscription_offers"."yearly_amount" > 0))
);
--> statement-breakpoint
CREATE TABLE "wishlist_items" (
	"email" text NOT NULL,
	"release_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wishlist_items_email_release_id_pk" PRIMARY KEY("email","release_id")
);
--> statement-breakpoint
ALTER TABLE "releases" ADD COLUMN "release_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "releases" ADD COLUMN "released_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "preorder_available" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "download_grants" ADD COLUMN "fan_subscription_id" text;--> statement-breakpoint
ALTER TABLE "fan_subscription_invoices" ADD CONSTRAINT "fan_subscription_invoices_subscription_id_fan_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."fan_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fan_subscriptions" ADD CONSTRAINT "fan_subscriptions_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_deliveries" ADD CONSTRAINT "post_deliveries_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_offers" ADD CONSTRAINT "subscription_offers_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishlist_items" ADD CONSTRAINT "wishlist_items_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "collection_exports_email_idx" ON "collection_exports" USING btree ("email","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "fan_profiles_slug_idx" ON "fan_profiles" USING btree ("public_slug");--> statement-breakpoint
CREATE UNIQUE INDEX "fan_subscription_invoices_provider_idx" ON "fan_subscription_invoices" USING btree ("provider_invoice_id");--> statement-breakpoint
CREATE INDEX "fan_subscription_invoices_artist_idx" ON "fan_subscription_invoices" USING btree ("artist_id","paid_at");--> statement-breakpoint
CREATE INDEX "fan_subscriptions_artist_idx" ON "fan_subscriptions" USING btree ("artist_id","status");--> statement-breakpoint
CREATE INDEX "fan_subscriptions_email_idx" ON "fan_subscriptions" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "fan_subscriptions_one_live_idx" ON "fan_subscriptions" USING btree ("artist_id","email") WHERE "fan_subscriptions"."status" in ('active', 'past_due');--> statement-breakpoint
CREATE UNIQUE INDEX "fan_subscriptions_provider_sub_idx" ON "fan_subscriptions" USING btree ("provider_subscription_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fan_subscriptions_session_idx" ON "fan_subscriptions" USING btree ("provider_session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "follows_artist_email_idx" ON "follows" USING btree ("artist_id","email");--> statement-breakpoint
CREATE INDEX "follows_email_idx" ON "follows" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "follows_token_idx" ON "follows" USING btree ("confirm_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "post_deliveries_post_email_idx" ON "post_deliveries" USING btree ("post_id","email");--> statement-breakpoint
CREATE INDEX "post_deliveries_post_status_idx" ON "post_deliveries" USING btree ("post_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "posts_artist_slug_idx" ON "posts" USING btree ("artist_id","slug");--> statement-breakpoint
CREATE INDEX "posts_artist_published_idx" ON "posts" USING btree ("artist_id","published_at");--> statement-breakpoint
CREATE INDEX "wishlist_items_release_idx" ON "wishlist_items" USING btree ("release_id");--> statement-breakpoint
ALTER TABLE "download_grants" ADD CONSTRAINT "download_grants_fan_subscription_id_fan_subscriptions_id_fk" FOREIGN KEY ("fan_subscription_id") REFERENCES "public"."fan_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "releases_due_idx" ON "releases" USING btree ("release_at") WHERE "releases"."released_at" is null and "releases"."release_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "download_grants_fan_subscription_idx" ON "download_grants" USING btree ("fan_subscription_id");--> statement-breakpoint
-- Releases published before release day existed came out when they were published.
UPDATE "releases" SET "released_at" = coalesce("published_at", "created_at") WHERE "status" = 'published';
