-- The page cache (lib/page-cache) keeps rendered fan pages in each app process and LISTENs on
-- 'page_cache'. These triggers send the tags of the pages a change shows on; NOTIFY is delivered
-- at commit, so a rolled-back change invalidates nothing, and identical payloads in one
-- transaction are sent once. Tags: artist:<id> (everything showing the band: name, colours,
-- payouts), artists (unknown-band 404s), shop:<artistId> (shop page and widget: its releases and
-- products), release:<id> (release page, its widgets), tracks:<artistId> (the shop widget's tracks
-- sold alone), product:<id> (the product's buy widget). Stock changes only notify when they reach
-- or leave zero (sold out / back); other counts ride the cache's 60 s expiry.
CREATE OR REPLACE FUNCTION page_cache_notify(tags text[]) RETURNS void AS $$
BEGIN
  PERFORM pg_notify('page_cache', array_to_string(array(SELECT DISTINCT t FROM unnest(tags) t WHERE t IS NOT NULL ORDER BY 1), ','));
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION page_cache_artists() RETURNS trigger AS $$
DECLARE r artists;
BEGIN
  r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'updated_at') = (to_jsonb(OLD) - 'updated_at') THEN RETURN NULL; END IF;
  PERFORM page_cache_notify(ARRAY['artist:' || r.id, 'shop:' || r.id, 'artists']);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER page_cache_artists AFTER INSERT OR UPDATE OR DELETE ON artists
  FOR EACH ROW EXECUTE FUNCTION page_cache_artists();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION page_cache_releases() RETURNS trigger AS $$
DECLARE r releases;
BEGIN
  r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'updated_at') = (to_jsonb(OLD) - 'updated_at') THEN RETURN NULL; END IF;
  PERFORM page_cache_notify(ARRAY['release:' || r.id, 'shop:' || r.artist_id, 'tracks:' || r.artist_id]);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER page_cache_releases AFTER INSERT OR UPDATE OR DELETE ON releases
  FOR EACH ROW EXECUTE FUNCTION page_cache_releases();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION page_cache_tracks() RETURNS trigger AS $$
DECLARE r tracks;
BEGIN
  r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'updated_at') = (to_jsonb(OLD) - 'updated_at') THEN RETURN NULL; END IF;
  PERFORM page_cache_notify(ARRAY['release:' || r.release_id, 'tracks:' || r.artist_id]);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER page_cache_tracks AFTER INSERT OR UPDATE OR DELETE ON tracks
  FOR EACH ROW EXECUTE FUNCTION page_cache_tracks();
--> statement-breakpoint
-- Whether a stock change is worth telling: it reached zero or left it (null is unlimited).
CREATE OR REPLACE FUNCTION page_cache_stock_flip(before integer, after integer) RETURNS boolean AS $$
  SELECT coalesce(before = 0, false) IS DISTINCT FROM coalesce(after = 0, false);
$$ LANGUAGE sql IMMUTABLE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION page_cache_products() RETURNS trigger AS $$
DECLARE r products;
BEGIN
  r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  IF TG_OP = 'UPDATE'
    AND (to_jsonb(NEW) - 'updated_at' - 'stock') = (to_jsonb(OLD) - 'updated_at' - 'stock')
    AND NOT page_cache_stock_flip(OLD.stock, NEW.stock) THEN
    RETURN NULL;
  END IF;
  PERFORM page_cache_notify(ARRAY['product:' || r.id, 'shop:' || r.artist_id, 'release:' || r.release_id,
    CASE WHEN TG_OP = 'UPDATE' THEN 'release:' || OLD.release_id END]);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER page_cache_products AFTER INSERT OR UPDATE OR DELETE ON products
  FOR EACH ROW EXECUTE FUNCTION page_cache_products();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION page_cache_product_options() RETURNS trigger AS $$
DECLARE r product_options; p products;
BEGIN
  r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  IF TG_OP = 'UPDATE'
    AND (to_jsonb(NEW) - 'stock') = (to_jsonb(OLD) - 'stock')
    AND NOT page_cache_stock_flip(OLD.stock, NEW.stock) THEN
    RETURN NULL;
  END IF;
  SELECT * INTO p FROM products WHERE id = r.product_id;
  -- Gone with its product (a cascade): the product's own trigger told.
  IF NOT FOUND THEN RETURN NULL; END IF;
  PERFORM page_cache_notify(ARRAY['product:' || p.id, 'shop:' || p.artist_id, 'release:' || p.release_id]);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER page_cache_product_options AFTER INSERT OR UPDATE OR DELETE ON product_options
  FOR EACH ROW EXECUTE FUNCTION page_cache_product_options();
