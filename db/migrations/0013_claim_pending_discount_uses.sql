-- A limited discount code's use is now claimed when the checkout creates the order and given back
-- when the order is canceled (it used to be counted at payment). Checkouts still open at the
-- upgrade claim theirs here, so paying one does not go uncounted and canceling one does not give
-- back a use it never took. Capped at the limit the check constraint enforces.
UPDATE "discount_codes" AS d
SET "used_count" = CASE WHEN d."usage_limit" IS NULL THEN d."used_count" + p.n ELSE least(d."usage_limit", d."used_count" + p.n) END
FROM (
  SELECT "discount_code_id", count(*)::int AS n FROM "orders"
  WHERE "status" = 'pending' AND "discount_code_id" IS NOT NULL
  GROUP BY 1
) AS p
WHERE d."id" = p."discount_code_id";
