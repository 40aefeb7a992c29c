CREATE TABLE "platform_revenue_daily" (
	"day" date NOT NULL,
	"currency" text NOT NULL,
	"slot" smallint NOT NULL,
	"fees" bigint DEFAULT 0 NOT NULL,
	"subscriptions" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "platform_revenue_daily_day_currency_slot_pk" PRIMARY KEY("day","currency","slot")
);
--> statement-breakpoint
-- What one order earns the platform: its fee less the refunded share of it (rounded like
-- lib/admin/revenue.ts always did), once it was paid; nothing for pending or canceled orders.
CREATE OR REPLACE FUNCTION platform_fee_earned(o orders) RETURNS bigint AS $$
  SELECT CASE
    WHEN o.status IN ('paid', 'partially_refunded', 'refunded') AND o.paid_at IS NOT NULL
      AND o.platform_fee > 0 AND o.total > 0
    THEN o.platform_fee - (o.platform_fee::bigint * o.refunded_amount + o.total / 2) / o.total
    ELSE 0 END;
$$ LANGUAGE sql IMMUTABLE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION platform_revenue_add(d date, cur text, key text, fee bigint, subs bigint) RETURNS void AS $$
  INSERT INTO platform_revenue_daily (day, currency, slot, fees, subscriptions)
  VALUES (d, cur, hashtext(key) & 7, fee, subs)
  ON CONFLICT (day, currency, slot) DO UPDATE
    SET fees = platform_revenue_daily.fees + EXCLUDED.fees,
        subscriptions = platform_revenue_daily.subscriptions + EXCLUDED.subscriptions;
$$ LANGUAGE sql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION platform_revenue_orders() RETURNS trigger AS $$
DECLARE before bigint := 0; after bigint := 0;
BEGIN
  IF TG_OP <> 'INSERT' THEN before := platform_fee_earned(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN after := platform_fee_earned(NEW); END IF;
  IF TG_OP = 'UPDATE' AND before = after AND OLD.paid_at IS NOT DISTINCT FROM NEW.paid_at
    AND OLD.currency = NEW.currency THEN
    RETURN NULL;
  END IF;
  IF before <> 0 THEN
    PERFORM platform_revenue_add((OLD.paid_at AT TIME ZONE 'UTC')::date, OLD.currency, OLD.id, -before, 0);
  END IF;
  IF after <> 0 THEN
    PERFORM platform_revenue_add((NEW.paid_at AT TIME ZONE 'UTC')::date, NEW.currency, NEW.id, after, 0);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER platform_revenue_orders AFTER INSERT OR UPDATE OR DELETE ON orders
  FOR EACH ROW EXECUTE FUNCTION platform_revenue_orders();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION platform_revenue_invoices() RETURNS trigger AS $$
DECLARE before bigint := 0; after bigint := 0;
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.status = 'paid' AND OLD.paid_at IS NOT NULL THEN before := OLD.amount; END IF;
  IF TG_OP <> 'DELETE' AND NEW.status = 'paid' AND NEW.paid_at IS NOT NULL THEN after := NEW.amount; END IF;
  IF TG_OP = 'UPDATE' AND before = after AND OLD.paid_at IS NOT DISTINCT FROM NEW.paid_at
    AND OLD.currency = NEW.currency THEN
    RETURN NULL;
  END IF;
  IF before <> 0 THEN
    PERFORM platform_revenue_add((OLD.paid_at AT TIME ZONE 'UTC')::date, OLD.currency, OLD.id, 0, -before);
  END IF;
  IF after <> 0 THEN
    PERFORM platform_revenue_add((NEW.paid_at AT TIME ZONE 'UTC')::date, NEW.currency, NEW.id, 0, after);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER platform_revenue_invoices AFTER INSERT OR UPDATE OR DELETE ON plan_invoices
  FOR EACH ROW EXECUTE FUNCTION platform_revenue_invoices();
--> statement-breakpoint
-- Recomputes the whole table from orders and invoices (after a bulk load with triggers off).
CREATE OR REPLACE FUNCTION platform_revenue_rebuild() RETURNS void AS $$
BEGIN
  DELETE FROM platform_revenue_daily;
  INSERT INTO platform_revenue_daily (day, currency, slot, fees, subscriptions)
  SELECT day, currency, 0, sum(fees), sum(subscriptions) FROM (
    SELECT (o.paid_at AT TIME ZONE 'UTC')::date AS day, o.currency, platform_fee_earned(o) AS fees, 0::bigint AS subscriptions
      FROM orders o WHERE o.paid_at IS NOT NULL AND o.platform_fee > 0
    UNION ALL
    SELECT (i.paid_at AT TIME ZONE 'UTC')::date, i.currency, 0, i.amount
      FROM plan_invoices i WHERE i.status = 'paid' AND i.paid_at IS NOT NULL
  ) earned
  GROUP BY day, currency
  HAVING sum(fees) <> 0 OR sum(subscriptions) <> 0;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
SELECT platform_revenue_rebuild();
