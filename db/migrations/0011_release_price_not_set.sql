ALTER TABLE "releases" ALTER COLUMN "price_amount" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "releases" ALTER COLUMN "price_amount" DROP NOT NULL;