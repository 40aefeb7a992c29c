CREATE TYPE "public"."vat_status" AS ENUM('not_registered', 'registered');--> statement-breakpoint
CREATE TYPE "public"."tax_source" AS ENUM('table', 'stripe', 'none');--> statement-breakpoint
CREATE TYPE "public"."vat_liability" AS ENUM('platform', 'seller', 'none');--> statement-breakpoint
CREATE TYPE "public"."tax_document_kind" AS ENUM('receipt', 'credit_note');--> statement-breakpoint
CREATE TABLE "document_counters" (
	"issuer" text NOT NULL,
	"kind" "tax_document_kind" NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "document_counters_issuer_kind_pk" PRIMARY KEY("issuer","kind")
);
--> statement-breakpoint
CREATE TABLE "exchange_rates" (
	"currency" text PRIMARY KEY NOT NULL,
	"per_euro" double precision NOT NULL,
	"rate_date" date NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_rates_positive" CHECK ("exchange_rates"."per_euro" > 0),
	CONSTRAINT "exchange_rates_iso" CHECK ("exchange_rates"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "tax_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" "tax_document_kind" NOT NULL,
	"issuer" text NOT NULL,
	"sequence" integer NOT NULL,
	"number" text NOT NULL,
	"order_id" text NOT NULL,
	"artist_id" text NOT NULL,
	"receipt_id" text,
	"currency" text NOT NULL,
	"total" integer NOT NULL,
	"shipping" integer DEFAULT 0 NOT NULL,
	"vat_platform" integer DEFAULT 0 NOT NULL,
	"vat_seller" integer DEFAULT 0 NOT NULL,
	"vat_country" text,
	"lines" jsonb NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tax_documents_amounts" CHECK ("tax_documents"."total" >= 0 and "tax_documents"."vat_platform" >= 0 and "tax_documents"."vat_seller" >= 0)
);
--> statement-breakpoint
ALTER TABLE "artists" ADD COLUMN "vat_status" "vat_status" DEFAULT 'not_registered' NOT NULL;--> statement-breakpoint
ALTER TABLE "artists" ADD COLUMN "vat_number" text;--> statement-breakpoint
ALTER TABLE "artists" ADD COLUMN "vat_rate_basis_points" integer;--> statement-breakpoint
ALTER TABLE "artists" ADD COLUMN "vat_mention" text;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "gross_amount" integer;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "vat_rate_basis_points" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "vat_amount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "vat_liability" "vat_liability" DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "country_evidence" jsonb;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "vat_country" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "vat_rate_basis_points" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "vat_platform" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "vat_seller" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "tax_source" "tax_source" DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "seller_vat" jsonb;--> statement-breakpoint
ALTER TABLE "carts" ADD COLUMN "country_confirmed" text;--> statement-breakpoint
ALTER TABLE "tax_documents" ADD CONSTRAINT "tax_documents_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tax_documents" ADD CONSTRAINT "tax_documents_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tax_documents_series_idx" ON "tax_documents" USING btree ("issuer","kind","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "tax_documents_receipt_per_order_idx" ON "tax_documents" USING btree ("order_id") WHERE "tax_documents"."kind" = 'receipt';--> statement-breakpoint
CREATE INDEX "tax_documents_order_idx" ON "tax_documents" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "tax_documents_vat_country_idx" ON "tax_documents" USING btree ("vat_country","issued_at");--> statement-breakpoint
CREATE INDEX "orders_vat_country_paid_idx" ON "orders" USING btree ("vat_country","paid_at") WHERE "orders"."vat_country" is not null;--> statement-breakpoint
-- VAT Stripe Tax computed before this migration was all on digital sales, so the platform's.
UPDATE "orders" SET "vat_platform" = "tax", "tax_source" = 'stripe' WHERE "tax" > 0;--> statement-breakpoint
UPDATE "order_items" SET "gross_amount" = "unit_amount" * "quantity" WHERE "gross_amount" IS NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_vat_within_total" CHECK ("orders"."vat_platform" >= 0 and "orders"."vat_seller" >= 0 and "orders"."vat_platform" + "orders"."vat_seller" = "orders"."tax" and "orders"."tax" <= "orders"."total");--> statement-breakpoint
-- A receipt or credit note never changes once issued: corrections are new documents.
CREATE OR REPLACE FUNCTION tax_documents_no_update() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'tax documents never change once issued' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER tax_documents_no_update BEFORE UPDATE ON tax_documents
  FOR EACH ROW EXECUTE FUNCTION tax_documents_no_update();
