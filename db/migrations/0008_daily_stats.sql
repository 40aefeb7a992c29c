CREATE TABLE "stats_countries_daily" (
	"artist_id" text NOT NULL,
	"day" date NOT NULL,
	"country" text NOT NULL,
	"currency" text NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"net" bigint DEFAULT 0 NOT NULL,
	"plays" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_countries_daily_artist_id_day_country_currency_pk" PRIMARY KEY("artist_id","day","country","currency")
);
--> statement-breakpoint
CREATE TABLE "stats_daily" (
	"artist_id" text NOT NULL,
	"day" date NOT NULL,
	"currency" text NOT NULL,
	"kind" text NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"units" integer DEFAULT 0 NOT NULL,
	"gross" bigint DEFAULT 0 NOT NULL,
	"fees" bigint DEFAULT 0 NOT NULL,
	"refunds" bigint DEFAULT 0 NOT NULL,
	"plays" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_daily_artist_id_day_currency_kind_pk" PRIMARY KEY("artist_id","day","currency","kind")
);
--> statement-breakpoint
CREATE TABLE "stats_formats_daily" (
	"artist_id" text NOT NULL,
	"day" date NOT NULL,
	"currency" text NOT NULL,
	"format" text NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"units" integer DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_formats_daily_artist_id_day_currency_format_pk" PRIMARY KEY("artist_id","day","currency","format")
);
--> statement-breakpoint
CREATE TABLE "stats_items_daily" (
	"artist_id" text NOT NULL,
	"day" date NOT NULL,
	"currency" text NOT NULL,
	"item_kind" text NOT NULL,
	"item_id" text DEFAULT '' NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"units" integer DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_items_daily_artist_id_day_currency_item_kind_item_id_pk" PRIMARY KEY("artist_id","day","currency","item_kind","item_id")
);
--> statement-breakpoint
CREATE TABLE "stats_plays_daily" (
	"artist_id" text NOT NULL,
	"day" date NOT NULL,
	"track_id" text NOT NULL,
	"complete" integer DEFAULT 0 NOT NULL,
	"partial" integer DEFAULT 0 NOT NULL,
	"skip" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_plays_daily_artist_id_day_track_id_pk" PRIMARY KEY("artist_id","day","track_id")
);
--> statement-breakpoint
CREATE TABLE "stats_sources_daily" (
	"artist_id" text NOT NULL,
	"day" date NOT NULL,
	"source" text NOT NULL,
	"source_host" text NOT NULL,
	"currency" text NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"net" bigint DEFAULT 0 NOT NULL,
	"plays" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_sources_daily_artist_id_day_source_source_host_currency_pk" PRIMARY KEY("artist_id","day","source","source_host","currency")
);
--> statement-breakpoint
ALTER TABLE "artists" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "stats_countries_daily" ADD CONSTRAINT "stats_countries_daily_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_daily" ADD CONSTRAINT "stats_daily_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_formats_daily" ADD CONSTRAINT "stats_formats_daily_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_items_daily" ADD CONSTRAINT "stats_items_daily_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_plays_daily" ADD CONSTRAINT "stats_plays_daily_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_sources_daily" ADD CONSTRAINT "stats_sources_daily_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Daily figures, kept by triggers. An order counts (paid, partially refunded or refunded, with a payment
-- time) on the day it was paid in the band's time zone; its refunds adjust that day. Every writer takes a
-- shared advisory lock on the band and reads its zone after it, so stats_rebuild (exclusive lock) never
-- races a writer into the old zone. Enums are compared as text: on a fresh database every migration runs in
-- one transaction, and a value added earlier in it (payment_provider 'code') cannot be used as an enum yet.
CREATE FUNCTION stats_zone(p_artist text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v_zone text;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(8032, hashtext(p_artist));
  SELECT a.time_zone INTO v_zone FROM artists a WHERE a.id = p_artist;
  RETURN v_zone;
END $$;
--> statement-breakpoint
CREATE FUNCTION stats_apply_order(o orders, p_sign integer, p_items boolean) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_zone text;
  v_day date;
  v_units integer;
  v_kind text := CASE o.provider::text WHEN 'free' THEN 'free' WHEN 'code' THEN 'code' ELSE 'sale' END;
  v_source text := CASE WHEN o.provider::text = 'code' OR o.source = 'code' THEN 'code' WHEN o.source = 'embed' THEN 'embed'
    WHEN o.source = 'shop' THEN 'shop' ELSE 'direct' END;
  v_net bigint := p_sign * (o.total - o.platform_fee - o.refunded_amount);
BEGIN
  IF o.status::text NOT IN ('paid', 'partially_refunded', 'refunded') OR o.paid_at IS NULL THEN
    RETURN;
  END IF;
  v_zone := stats_zone(o.artist_id);
  IF v_zone IS NULL THEN
    RETURN;
  END IF;
  v_day := (o.paid_at AT TIME ZONE v_zone)::date;
  SELECT coalesce(sum(i.quantity), 0) INTO v_units FROM order_items i WHERE i.order_id = o.id;
  INSERT INTO stats_daily AS s (artist_id, day, currency, kind, orders, units, gross, fees, refunds)
  VALUES (o.artist_id, v_day, o.currency, v_kind, p_sign, p_sign * v_units, p_sign * o.total, p_sign * o.platform_fee, p_sign * o.refunded_amount)
  ON CONFLICT (artist_id, day, currency, kind) DO UPDATE SET orders = s.orders + excluded.orders, units = s.units + excluded.units,
    gross = s.gross + excluded.gross, fees = s.fees + excluded.fees, refunds = s.refunds + excluded.refunds;
  IF v_kind = 'sale' THEN
    INSERT INTO stats_countries_daily AS s (artist_id, day, country, currency, orders, net)
    VALUES (o.artist_id, v_day, coalesce(o.buyer_country, ''), o.currency, p_sign, v_net)
    ON CONFLICT (artist_id, day, country, currency) DO UPDATE SET orders = s.orders + excluded.orders, net = s.net + excluded.net;
  END IF;
  INSERT INTO stats_sources_daily AS s (artist_id, day, source, source_host, currency, orders, net)
  VALUES (o.artist_id, v_day, v_source, CASE WHEN v_source = 'embed' THEN coalesce(o.source_host, '') ELSE '' END, o.currency, p_sign, v_net)
  ON CONFLICT (artist_id, day, source, source_host, currency) DO UPDATE SET orders = s.orders + excluded.orders, net = s.net + excluded.net;
  IF NOT p_items THEN
    RETURN;
  END IF;
  INSERT INTO stats_items_daily AS s (artist_id, day, currency, item_kind, item_id, title, orders, units, amount)
  SELECT o.artist_id, v_day, i.currency, k.item_kind, k.item_id, min(i.title), p_sign, p_sign * sum(i.quantity), p_sign * sum(i.quantity * i.unit_amount)
  FROM order_items i
  CROSS JOIN LATERAL (SELECT CASE WHEN i.kind::text = 'product' THEN 'product' ELSE 'release' END AS item_kind,
    coalesce(CASE WHEN i.kind::text = 'product' THEN i.product_id ELSE i.release_id END, '') AS item_id) k
  WHERE i.order_id = o.id
  GROUP BY i.currency, k.item_kind, k.item_id
  ORDER BY i.currency, k.item_kind, k.item_id
  ON CONFLICT (artist_id, day, currency, item_kind, item_id) DO UPDATE SET
    title = CASE WHEN p_sign > 0 THEN excluded.title ELSE s.title END,
    orders = s.orders + excluded.orders, units = s.units + excluded.units, amount = s.amount + excluded.amount;
  INSERT INTO stats_formats_daily AS s (artist_id, day, currency, format, orders, units, amount)
  SELECT o.artist_id, v_day, i.currency, f.format, p_sign, p_sign * sum(i.quantity), p_sign * sum(i.quantity * i.unit_amount)
  FROM order_items i
  CROSS JOIN LATERAL (SELECT CASE WHEN i.kind::text = 'product' THEN 'physical' WHEN v_kind <> 'sale' OR i.unit_amount = 0 THEN 'free'
    WHEN i.kind::text = 'release' THEN 'album' ELSE 'track' END AS format) f
  WHERE i.order_id = o.id
  GROUP BY i.currency, f.format
  ORDER BY i.currency, f.format
  ON CONFLICT (artist_id, day, currency, format) DO UPDATE SET
    orders = s.orders + excluded.orders, units = s.units + excluded.units, amount = s.amount + excluded.amount;
END $$;
--> statement-breakpoint
-- Deferred to commit, so an order inserted already paid is counted with the items inserted after it in its
-- transaction. Items never change once an order counts; a refund or a corrected country moves only the order.
CREATE FUNCTION stats_orders_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_same boolean;
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM stats_apply_order(NEW, 1, true);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM stats_apply_order(OLD, -1, true);
  ELSE
    v_same := OLD.status::text IN ('paid', 'partially_refunded', 'refunded') AND NEW.status::text IN ('paid', 'partially_refunded', 'refunded')
      AND OLD.artist_id = NEW.artist_id AND OLD.paid_at IS NOT DISTINCT FROM NEW.paid_at AND OLD.currency = NEW.currency
      AND OLD.provider::text = NEW.provider::text;
    PERFORM stats_apply_order(OLD, -1, NOT v_same);
    PERFORM stats_apply_order(NEW, 1, NOT v_same);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER stats_orders_insert AFTER INSERT ON orders DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.status::text IN ('paid', 'partially_refunded', 'refunded')) EXECUTE FUNCTION stats_orders_trigger();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER stats_orders_update AFTER UPDATE ON orders DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((OLD.status::text IN ('paid', 'partially_refunded', 'refunded') OR NEW.status::text IN ('paid', 'partially_refunded', 'refunded')) AND (
    OLD.status IS DISTINCT FROM NEW.status OR OLD.paid_at IS DISTINCT FROM NEW.paid_at OR OLD.artist_id IS DISTINCT FROM NEW.artist_id
    OR OLD.currency IS DISTINCT FROM NEW.currency OR OLD.provider IS DISTINCT FROM NEW.provider OR OLD.total IS DISTINCT FROM NEW.total
    OR OLD.platform_fee IS DISTINCT FROM NEW.platform_fee OR OLD.refunded_amount IS DISTINCT FROM NEW.refunded_amount
    OR OLD.source IS DISTINCT FROM NEW.source OR OLD.source_host IS DISTINCT FROM NEW.source_host OR OLD.buyer_country IS DISTINCT FROM NEW.buyer_country))
  EXECUTE FUNCTION stats_orders_trigger();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER stats_orders_delete AFTER DELETE ON orders DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.status::text IN ('paid', 'partially_refunded', 'refunded')) EXECUTE FUNCTION stats_orders_trigger();
--> statement-breakpoint
CREATE FUNCTION stats_apply_play(p plays, p_sign integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_zone text := stats_zone(p.artist_id);
  v_day date;
  v_source text := CASE WHEN p.source = 'embed' THEN 'embed' ELSE 'shop' END;
  v_host text := CASE WHEN p.source = 'embed' THEN coalesce(p.source_host, '') ELSE '' END;
  v_country text := coalesce(p.country, '');
BEGIN
  IF v_zone IS NULL THEN
    RETURN;
  END IF;
  v_day := (p.played_at AT TIME ZONE v_zone)::date;
  IF p_sign > 0 THEN
    INSERT INTO stats_daily AS s (artist_id, day, currency, kind, plays) VALUES (p.artist_id, v_day, '', 'play', 1)
    ON CONFLICT (artist_id, day, currency, kind) DO UPDATE SET plays = s.plays + 1;
    INSERT INTO stats_countries_daily AS s (artist_id, day, country, currency, plays) VALUES (p.artist_id, v_day, v_country, '', 1)
    ON CONFLICT (artist_id, day, country, currency) DO UPDATE SET plays = s.plays + 1;
    INSERT INTO stats_sources_daily AS s (artist_id, day, source, source_host, currency, plays) VALUES (p.artist_id, v_day, v_source, v_host, '', 1)
    ON CONFLICT (artist_id, day, source, source_host, currency) DO UPDATE SET plays = s.plays + 1;
    INSERT INTO stats_plays_daily AS s (artist_id, day, track_id, complete, partial, skip)
    VALUES (p.artist_id, v_day, p.track_id, (p.outcome::text = 'complete')::int, (p.outcome::text = 'partial')::int, (p.outcome::text = 'skip')::int)
    ON CONFLICT (artist_id, day, track_id) DO UPDATE SET
      complete = s.complete + excluded.complete, partial = s.partial + excluded.partial, skip = s.skip + excluded.skip;
  ELSE
    -- Updates only: a play deleted with its band must not re-create the band's rows.
    UPDATE stats_daily s SET plays = s.plays - 1 WHERE s.artist_id = p.artist_id AND s.day = v_day AND s.currency = '' AND s.kind = 'play';
    UPDATE stats_countries_daily s SET plays = s.plays - 1
    WHERE s.artist_id = p.artist_id AND s.day = v_day AND s.country = v_country AND s.currency = '';
    UPDATE stats_sources_daily s SET plays = s.plays - 1
    WHERE s.artist_id = p.artist_id AND s.day = v_day AND s.source = v_source AND s.source_host = v_host AND s.currency = '';
    UPDATE stats_plays_daily s SET complete = s.complete - (p.outcome::text = 'complete')::int, partial = s.partial - (p.outcome::text = 'partial')::int,
      skip = s.skip - (p.outcome::text = 'skip')::int
    WHERE s.artist_id = p.artist_id AND s.day = v_day AND s.track_id = p.track_id;
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION stats_plays_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM stats_apply_play(OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM stats_apply_play(NEW, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stats_plays AFTER INSERT OR UPDATE OR DELETE ON plays FOR EACH ROW EXECUTE FUNCTION stats_plays_trigger();
--> statement-breakpoint
-- Recounts one band (or every band when NULL) from the raw rows: after a time-zone change, or a bulk load
-- made with the triggers off. Waits for the band's writers in flight; writers after it wait for it.
CREATE FUNCTION stats_rebuild(p_artist text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_artist IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(8032, hashtext(p_artist));
  END IF;
  DELETE FROM stats_daily WHERE p_artist IS NULL OR artist_id = p_artist;
  DELETE FROM stats_countries_daily WHERE p_artist IS NULL OR artist_id = p_artist;
  DELETE FROM stats_sources_daily WHERE p_artist IS NULL OR artist_id = p_artist;
  DELETE FROM stats_items_daily WHERE p_artist IS NULL OR artist_id = p_artist;
  DELETE FROM stats_formats_daily WHERE p_artist IS NULL OR artist_id = p_artist;
  DELETE FROM stats_plays_daily WHERE p_artist IS NULL OR artist_id = p_artist;

  CREATE TEMP TABLE stats_counted ON COMMIT DROP AS
    SELECT o.id, o.artist_id, o.currency, o.total, o.platform_fee, o.refunded_amount, o.total - o.platform_fee - o.refunded_amount AS net,
      coalesce(o.buyer_country, '') AS country, (o.paid_at AT TIME ZONE a.time_zone)::date AS day,
      CASE o.provider::text WHEN 'free' THEN 'free' WHEN 'code' THEN 'code' ELSE 'sale' END AS kind,
      CASE WHEN o.provider::text = 'code' OR o.source = 'code' THEN 'code' WHEN o.source = 'embed' THEN 'embed'
        WHEN o.source = 'shop' THEN 'shop' ELSE 'direct' END AS source, o.source_host
    FROM orders o JOIN artists a ON a.id = o.artist_id
    WHERE (p_artist IS NULL OR o.artist_id = p_artist) AND o.status::text IN ('paid', 'partially_refunded', 'refunded') AND o.paid_at IS NOT NULL;
  CREATE TEMP TABLE stats_lines ON COMMIT DROP AS
    SELECT o.id AS order_id, o.artist_id, o.day, o.kind AS order_kind, i.currency, i.kind::text AS kind, i.release_id, i.product_id, i.title, i.quantity, i.unit_amount
    FROM stats_counted o JOIN order_items i ON i.order_id = o.id;
  CREATE TEMP TABLE stats_played ON COMMIT DROP AS
    SELECT p.artist_id, (p.played_at AT TIME ZONE a.time_zone)::date AS day, p.track_id, p.outcome::text AS outcome,
      CASE WHEN p.source = 'embed' THEN 'embed' ELSE 'shop' END AS source, CASE WHEN p.source = 'embed' THEN coalesce(p.source_host, '') ELSE '' END AS host,
      coalesce(p.country, '') AS country
    FROM plays p JOIN artists a ON a.id = p.artist_id WHERE p_artist IS NULL OR p.artist_id = p_artist;

  INSERT INTO stats_daily (artist_id, day, currency, kind, orders, units, gross, fees, refunds)
  SELECT o.artist_id, o.day, o.currency, o.kind, count(*), coalesce(sum(u.units), 0), sum(o.total), sum(o.platform_fee), sum(o.refunded_amount)
  FROM stats_counted o LEFT JOIN (SELECT l.order_id, sum(l.quantity) AS units FROM stats_lines l GROUP BY 1) u ON u.order_id = o.id
  GROUP BY 1, 2, 3, 4;
  INSERT INTO stats_daily (artist_id, day, currency, kind, plays)
  SELECT p.artist_id, p.day, '', 'play', count(*) FROM stats_played p GROUP BY 1, 2;
  INSERT INTO stats_countries_daily (artist_id, day, country, currency, orders, net, plays)
  SELECT artist_id, day, country, currency, sum(orders), sum(net), sum(plays) FROM (
    SELECT o.artist_id, o.day, o.country, o.currency, 1 AS orders, o.net, 0 AS plays FROM stats_counted o WHERE o.kind = 'sale'
    UNION ALL SELECT p.artist_id, p.day, p.country, '', 0, 0, 1 FROM stats_played p
  ) x GROUP BY 1, 2, 3, 4;
  INSERT INTO stats_sources_daily (artist_id, day, source, source_host, currency, orders, net, plays)
  SELECT artist_id, day, source, host, currency, sum(orders), sum(net), sum(plays) FROM (
    SELECT o.artist_id, o.day, o.source, CASE WHEN o.source = 'embed' THEN coalesce(o.source_host, '') ELSE '' END AS host, o.currency, 1 AS orders, o.net, 0 AS plays
    FROM stats_counted o
    UNION ALL SELECT p.artist_id, p.day, p.source, p.host, '', 0, 0, 1 FROM stats_played p
  ) x GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO stats_items_daily (artist_id, day, currency, item_kind, item_id, title, orders, units, amount)
  SELECT l.artist_id, l.day, l.currency, CASE WHEN l.kind = 'product' THEN 'product' ELSE 'release' END,
    coalesce(CASE WHEN l.kind = 'product' THEN l.product_id ELSE l.release_id END, ''), min(l.title),
    count(DISTINCT l.order_id), sum(l.quantity), sum(l.quantity * l.unit_amount)
  FROM stats_lines l GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO stats_formats_daily (artist_id, day, currency, format, orders, units, amount)
  SELECT l.artist_id, l.day, l.currency, CASE WHEN l.kind = 'product' THEN 'physical' WHEN l.order_kind <> 'sale' OR l.unit_amount = 0 THEN 'free'
    WHEN l.kind = 'release' THEN 'album' ELSE 'track' END, count(DISTINCT l.order_id), sum(l.quantity), sum(l.quantity * l.unit_amount)
  FROM stats_lines l GROUP BY 1, 2, 3, 4;
  INSERT INTO stats_plays_daily (artist_id, day, track_id, complete, partial, skip)
  SELECT p.artist_id, p.day, p.track_id, count(*) FILTER (WHERE p.outcome = 'complete'), count(*) FILTER (WHERE p.outcome = 'partial'),
    count(*) FILTER (WHERE p.outcome = 'skip')
  FROM stats_played p GROUP BY 1, 2, 3;
  DROP TABLE stats_counted, stats_lines, stats_played;
END $$;
--> statement-breakpoint
SELECT stats_rebuild(NULL::text);
