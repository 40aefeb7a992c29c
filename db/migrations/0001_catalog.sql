CREATE TYPE "public"."play_outcome" AS ENUM('complete', 'partial', 'skip');--> statement-breakpoint
CREATE TYPE "public"."pricing_mode" AS ENUM('fixed', 'pay_what_you_want', 'free');--> statement-breakpoint
CREATE TYPE "public"."release_kind" AS ENUM('album', 'ep', 'single');--> statement-breakpoint
CREATE TYPE "public"."release_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TYPE "public"."streaming_mode" AS ENUM('full', 'clip', 'off');--> statement-breakpoint
CREATE TYPE "public"."track_status" AS ENUM('processing', 'ready', 'failed');--> statement-breakpoint
CREATE TABLE "plays" (
	"id" text PRIMARY KEY NOT NULL,
	"track_id" text NOT NULL,
	"release_id" text NOT NULL,
	"artist_id" text NOT NULL,
	"played_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seconds_listened" integer NOT NULL,
	"outcome" "play_outcome" NOT NULL,
	"source" text DEFAULT 'shop' NOT NULL,
	"source_host" text,
	"country" text,
	"listener_hash" text,
	"is_clip" boolean DEFAULT false NOT NULL,
	CONSTRAINT "plays_seconds_not_negative" CHECK ("plays"."seconds_listened" >= 0)
);
--> statement-breakpoint
CREATE TABLE "releases" (
	"id" text PRIMARY KEY NOT NULL,
	"artist_id" text NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"kind" "release_kind" DEFAULT 'album' NOT NULL,
	"release_date" date,
	"artwork_key" text,
	"description" text DEFAULT '' NOT NULL,
	"credits" text DEFAULT '' NOT NULL,
	"catalog_number" text DEFAULT '' NOT NULL,
	"status" "release_status" DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"pricing_mode" "pricing_mode" DEFAULT 'fixed' NOT NULL,
	"price_amount" integer DEFAULT 0 NOT NULL,
	"price_minimum" integer DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "releases_currency_iso" CHECK ("releases"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "releases_prices_not_negative" CHECK ("releases"."price_amount" >= 0 and "releases"."price_minimum" >= 0)
);
--> statement-breakpoint
CREATE TABLE "track_files" (
	"id" text PRIMARY KEY NOT NULL,
	"track_id" text NOT NULL,
	"format" text NOT NULL,
	"key" text NOT NULL,
	"size" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracks" (
	"id" text PRIMARY KEY NOT NULL,
	"release_id" text NOT NULL,
	"artist_id" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"lyrics" text DEFAULT '' NOT NULL,
	"isrc" text DEFAULT '' NOT NULL,
	"duration_ms" integer,
	"master_key" text NOT NULL,
	"master_filename" text DEFAULT '' NOT NULL,
	"master_size" bigint DEFAULT 0 NOT NULL,
	"master" jsonb,
	"stream_key" text,
	"stream_size" integer,
	"peaks" jsonb,
	"status" "track_status" DEFAULT 'processing' NOT NULL,
	"status_error" text,
	"streaming" "streaming_mode" DEFAULT 'full' NOT NULL,
	"clip_seconds" integer DEFAULT 30 NOT NULL,
	"price_amount" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tracks_clip_positive" CHECK ("tracks"."clip_seconds" > 0),
	CONSTRAINT "tracks_price_not_negative" CHECK ("tracks"."price_amount" is null or "tracks"."price_amount" >= 0)
);
--> statement-breakpoint
ALTER TABLE "plays" ADD CONSTRAINT "plays_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plays" ADD CONSTRAINT "plays_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plays" ADD CONSTRAINT "plays_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_files" ADD CONSTRAINT "track_files_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracks" ADD CONSTRAINT "tracks_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracks" ADD CONSTRAINT "tracks_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plays_artist_time_idx" ON "plays" USING btree ("artist_id","played_at");--> statement-breakpoint
CREATE INDEX "plays_track_idx" ON "plays" USING btree ("track_id");--> statement-breakpoint
CREATE UNIQUE INDEX "releases_artist_slug_idx" ON "releases" USING btree ("artist_id","slug");--> statement-breakpoint
CREATE INDEX "releases_artist_status_idx" ON "releases" USING btree ("artist_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "track_files_track_format_idx" ON "track_files" USING btree ("track_id","format");--> statement-breakpoint
CREATE INDEX "tracks_release_position_idx" ON "tracks" USING btree ("release_id","position");--> statement-breakpoint
CREATE INDEX "tracks_artist_idx" ON "tracks" USING btree ("artist_id");