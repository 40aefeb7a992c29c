CREATE TYPE "public"."credit_account_kind" AS ENUM('fan', 'card', 'pool', 'held', 'issued', 'spent', 'expired', 'frozen');--> statement-breakpoint
CREATE TYPE "public"."credit_purchase_kind" AS ENUM('gift_card', 'top_up', 'sponsor_cards', 'sponsor_pool');--> statement-breakpoint
CREATE TYPE "public"."credit_purchase_status" AS ENUM('pending', 'paid', 'canceled', 'refunded', 'disputed');--> statement-breakpoint
CREATE TYPE "public"."credit_scope" AS ENUM('platform', 'artist', 'program');--> statement-breakpoint
CREATE TYPE "public"."gift_card_status" AS ENUM('active', 'redeemed', 'frozen', 'expired');--> statement-breakpoint
CREATE TYPE "public"."ledger_kind" AS ENUM('issue', 'fund', 'redeem', 'match', 'hold', 'release', 'spend', 'refund', 'expire', 'freeze');--> statement-breakpoint
CREATE TYPE "public"."program_kind" AS ENUM('cards', 'match');--> statement-breakpoint
ALTER TYPE "public"."payment_provider" ADD VALUE 'credit';--> statement-breakpoint
CREATE TABLE "credit_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"kind" "credit_account_kind" NOT NULL,
	"currency" text NOT NULL,
	"balance" integer,
	"email" text,
	"scope" "credit_scope",
	"artist_id" text,
	"program_id" text,
	"gift_card_id" text,
	"order_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_accounts_bounded" CHECK (("credit_accounts"."kind" in ('fan', 'card', 'pool', 'held')) = ("credit_accounts"."balance" is not null) and coalesce("credit_accounts"."balance", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "credit_payouts" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"artist_id" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"provider" "payment_provider" DEFAULT 'stripe' NOT NULL,
	"destination_account_id" text,
	"transfer_id" text,
	"reversed_amount" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_payouts_amounts" CHECK ("credit_payouts"."amount" >= 0 and "credit_payouts"."reversed_amount" between 0 and "credit_payouts"."amount")
);
--> statement-breakpoint
CREATE TABLE "credit_purchases" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" "credit_purchase_kind" NOT NULL,
	"status" "credit_purchase_status" DEFAULT 'pending' NOT NULL,
	"email" text,
	"currency" text NOT NULL,
	"unit_amount" integer NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"total" integer NOT NULL,
	"artist_id" text,
	"program_id" text,
	"sponsor_id" text,
	"gift" jsonb,
	"provider" "payment_provider" NOT NULL,
	"provider_session_id" text,
	"provider_payment_id" text,
	"refunded_amount" integer DEFAULT 0 NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_purchases_amounts" CHECK ("credit_purchases"."unit_amount" > 0 and "credit_purchases"."quantity" > 0 and "credit_purchases"."total" = "credit_purchases"."unit_amount" * "credit_purchases"."quantity")
);
--> statement-breakpoint
CREATE TABLE "eligibility_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"code_sealed" text NOT NULL,
	"claimed_email" text,
	"claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gift_cards" (
	"id" text PRIMARY KEY NOT NULL,
	"code_hash" text NOT NULL,
	"code_sealed" text NOT NULL,
	"currency" text NOT NULL,
	"amount" integer NOT NULL,
	"scope" "credit_scope" NOT NULL,
	"artist_id" text,
	"program_id" text,
	"purchase_id" text,
	"status" "gift_card_status" DEFAULT 'active' NOT NULL,
	"recipient_email" text,
	"recipient_name" text,
	"sender_name" text,
	"message" text,
	"deliver_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"redeemed_email" text,
	"redeemed_at" timestamp with time zone,
	"frozen_at" timestamp with time zone,
	"page_token_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gift_cards_amount" CHECK ("gift_cards"."amount" > 0),
	CONSTRAINT "gift_cards_scope" CHECK (("gift_cards"."scope" = 'artist') = ("gift_cards"."artist_id" is not null) and ("gift_cards"."scope" = 'program') = ("gift_cards"."program_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"from_account_id" text NOT NULL,
	"to_account_id" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"order_id" text,
	"gift_card_id" text,
	"program_id" text,
	"purchase_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entries_positive" CHECK ("ledger_entries"."amount" > 0 and "ledger_entries"."from_account_id" <> "ledger_entries"."to_account_id")
);
--> statement-breakpoint
CREATE TABLE "program_members" (
	"program_id" text NOT NULL,
	"email" text NOT NULL,
	"matched" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_members_program_id_email_pk" PRIMARY KEY("program_id","email"),
	CONSTRAINT "program_members_matched" CHECK ("program_members"."matched" >= 0)
);
--> statement-breakpoint
CREATE TABLE "sponsor_members" (
	"sponsor_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sponsor_members_sponsor_id_user_id_pk" PRIMARY KEY("sponsor_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "sponsor_programs" (
	"id" text PRIMARY KEY NOT NULL,
	"sponsor_id" text NOT NULL,
	"kind" "program_kind" NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"currency" text NOT NULL,
	"card_count" integer,
	"card_amount" integer,
	"pool_amount" integer,
	"per_fan_cap" integer,
	"rules" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ends_at" timestamp with time zone,
	"status" text DEFAULT 'pending' NOT NULL,
	"purchase_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sponsors" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"contact_email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "credit_amount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "credit_refunded" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "gift" jsonb;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "gift_delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "platform_settings" ADD COLUMN "card_validity_months" integer;--> statement-breakpoint
ALTER TABLE "credit_accounts" ADD CONSTRAINT "credit_accounts_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_payouts" ADD CONSTRAINT "credit_payouts_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_payouts" ADD CONSTRAINT "credit_payouts_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_purchases" ADD CONSTRAINT "credit_purchases_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_purchases" ADD CONSTRAINT "credit_purchases_sponsor_id_sponsors_id_fk" FOREIGN KEY ("sponsor_id") REFERENCES "public"."sponsors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_codes" ADD CONSTRAINT "eligibility_codes_program_id_sponsor_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."sponsor_programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_cards" ADD CONSTRAINT "gift_cards_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_cards" ADD CONSTRAINT "gift_cards_program_id_sponsor_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."sponsor_programs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_cards" ADD CONSTRAINT "gift_cards_purchase_id_credit_purchases_id_fk" FOREIGN KEY ("purchase_id") REFERENCES "public"."credit_purchases"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_from_account_id_credit_accounts_id_fk" FOREIGN KEY ("from_account_id") REFERENCES "public"."credit_accounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_to_account_id_credit_accounts_id_fk" FOREIGN KEY ("to_account_id") REFERENCES "public"."credit_accounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_members" ADD CONSTRAINT "program_members_program_id_sponsor_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."sponsor_programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsor_members" ADD CONSTRAINT "sponsor_members_sponsor_id_sponsors_id_fk" FOREIGN KEY ("sponsor_id") REFERENCES "public"."sponsors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsor_members" ADD CONSTRAINT "sponsor_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsor_programs" ADD CONSTRAINT "sponsor_programs_sponsor_id_sponsors_id_fk" FOREIGN KEY ("sponsor_id") REFERENCES "public"."sponsors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_accounts_key_idx" ON "credit_accounts" USING btree ("key");--> statement-breakpoint
CREATE INDEX "credit_accounts_email_idx" ON "credit_accounts" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_payouts_order_idx" ON "credit_payouts" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_purchases_session_idx" ON "credit_purchases" USING btree ("provider_session_id");--> statement-breakpoint
CREATE INDEX "credit_purchases_payment_idx" ON "credit_purchases" USING btree ("provider_payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "eligibility_codes_hash_idx" ON "eligibility_codes" USING btree ("code_hash");--> statement-breakpoint
CREATE INDEX "eligibility_codes_program_idx" ON "eligibility_codes" USING btree ("program_id");--> statement-breakpoint
CREATE UNIQUE INDEX "gift_cards_code_idx" ON "gift_cards" USING btree ("code_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "gift_cards_page_token_idx" ON "gift_cards" USING btree ("page_token_hash");--> statement-breakpoint
CREATE INDEX "gift_cards_purchase_idx" ON "gift_cards" USING btree ("purchase_id");--> statement-breakpoint
CREATE INDEX "gift_cards_program_idx" ON "gift_cards" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "gift_cards_delivery_idx" ON "gift_cards" USING btree ("deliver_at") WHERE "gift_cards"."delivered_at" is null and "gift_cards"."recipient_email" is not null;--> statement-breakpoint
CREATE INDEX "ledger_entries_from_idx" ON "ledger_entries" USING btree ("from_account_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_to_idx" ON "ledger_entries" USING btree ("to_account_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_order_idx" ON "ledger_entries" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_program_idx" ON "ledger_entries" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "sponsor_members_user_idx" ON "sponsor_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sponsor_programs_sponsor_idx" ON "sponsor_programs" USING btree ("sponsor_id");--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_credit_within_total" CHECK ("orders"."credit_amount" between 0 and "orders"."total" and "orders"."credit_refunded" between 0 and least("orders"."credit_amount", "orders"."refunded_amount"));--> statement-breakpoint
-- The ledger is append-only: a correction is a new entry, never an edit.
CREATE FUNCTION "ledger_entries_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE TRIGGER "ledger_entries_no_update" BEFORE UPDATE OR DELETE ON "ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION "ledger_entries_append_only"();--> statement-breakpoint
CREATE TRIGGER "ledger_entries_no_truncate" BEFORE TRUNCATE ON "ledger_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_entries_append_only"();
