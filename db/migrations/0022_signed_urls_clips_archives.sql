CREATE TYPE "public"."archive_status" AS ENUM('preparing', 'ready', 'failed');--> statement-breakpoint
CREATE TABLE "prepared_archives" (
	"id" text PRIMARY KEY NOT NULL,
	"release_id" text NOT NULL,
	"format" text NOT NULL,
	"version" text NOT NULL,
	"key" text NOT NULL,
	"size" bigint,
	"status" "archive_status" DEFAULT 'preparing' NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ready_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "clip_key" text;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "clip_size" integer;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "clip_key_seconds" integer;--> statement-breakpoint
ALTER TABLE "prepared_archives" ADD CONSTRAINT "prepared_archives_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "prepared_archives_version_idx" ON "prepared_archives" USING btree ("release_id","format","version");