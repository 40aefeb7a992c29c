-- A fixed price of 0 was what a release never priced looked like (the form refuses a fixed 0), and
-- it sold for nothing. It becomes "no price set yet": publishing asks for a price, the cart refuses it.
-- Free releases are pricing_mode 'free' and keep selling as before.
UPDATE "releases" SET "price_amount" = NULL WHERE "pricing_mode" = 'fixed' AND "price_amount" = 0;
--> statement-breakpoint
UPDATE "tracks" SET "price_amount" = NULL WHERE "pricing_mode" = 'fixed' AND "price_amount" = 0;
