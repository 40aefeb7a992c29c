ALTER TABLE "post_deliveries" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "post_deliveries" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;