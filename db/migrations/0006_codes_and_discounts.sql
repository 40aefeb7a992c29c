CREATE TYPE "public"."discount_kind" AS ENUM('percent', 'fixed');--> statement-breakpoint
CREATE TYPE "public"."discount_scope" AS ENUM('all', 'digital', 'physical', 'item');--> statement-breakpoint
ALTER TYPE "public"."payment_provider" ADD VALUE 'code';--> statement-breakpoint
CREATE TABLE "discount_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"artist_id" text NOT NULL,
	"code" text NOT NULL,
	"kind" "discount_kind" NOT NULL,
	"amount" integer NOT NULL,
	"currency" text,
	"scope" "discount_scope" DEFAULT 'all' NOT NULL,
	"item_kind" "order_item_kind",
	"item_id" text,
	"expires_at" timestamp with time zone,
	"usage_limit" integer,
	"used_count" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discount_codes_amount_positive" CHECK ("discount_codes"."amount" > 0),
	CONSTRAINT "discount_codes_used_within_limit" CHECK ("discount_codes"."usage_limit" is null or "discount_codes"."used_count" <= "discount_codes"."usage_limit")
);
--> statement-breakpoint
CREATE TABLE "download_code_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"artist_id" text NOT NULL,
	"release_id" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"count" integer NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "download_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"batch_id" text NOT NULL,
	"artist_id" text NOT NULL,
	"release_id" text NOT NULL,
	"code" text NOT NULL,
	"redeemed_at" timestamp with time zone,
	"redeemed_email" text,
	"order_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "carts" ADD COLUMN "discount_code_id" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "discount_code_id" text;--> statement-breakpoint
ALTER TABLE "discount_codes" ADD CONSTRAINT "discount_codes_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "download_code_batches" ADD CONSTRAINT "download_code_batches_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "download_code_batches" ADD CONSTRAINT "download_code_batches_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "download_code_batches" ADD CONSTRAINT "download_code_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "download_codes" ADD CONSTRAINT "download_codes_batch_id_download_code_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."download_code_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "download_codes" ADD CONSTRAINT "download_codes_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "download_codes" ADD CONSTRAINT "download_codes_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "download_codes" ADD CONSTRAINT "download_codes_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "discount_codes_artist_code_idx" ON "discount_codes" USING btree ("artist_id","code");--> statement-breakpoint
CREATE INDEX "download_code_batches_artist_idx" ON "download_code_batches" USING btree ("artist_id");--> statement-breakpoint
CREATE UNIQUE INDEX "download_codes_code_idx" ON "download_codes" USING btree ("code");--> statement-breakpoint
CREATE INDEX "download_codes_batch_idx" ON "download_codes" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "orders_artist_paid_idx" ON "orders" USING btree ("artist_id","paid_at");