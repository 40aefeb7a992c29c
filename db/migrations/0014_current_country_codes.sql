-- The old country pickers offered codes ISO 3166-1 no longer assigns (DD shown as "Germany", UK as
-- "United Kingdom"…). Stored ones become the current country the fan or band saw; the same table is
-- WITHDRAWN_COUNTRY_CODES in lib/countries. Orders and plays are updated through their stats
-- triggers, so the daily country figures move with them and stay exact.
CREATE FUNCTION withdrawn_country_successor(code text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT w.new FROM (VALUES
    ('AN', 'CW'), ('BU', 'MM'), ('CS', 'RS'), ('DD', 'DE'), ('DY', 'BJ'), ('FX', 'FR'), ('HV', 'BF'), ('NH', 'VU'),
    ('RH', 'ZW'), ('SU', 'RU'), ('TP', 'TL'), ('UK', 'GB'), ('VD', 'VN'), ('YD', 'YE'), ('YU', 'RS'), ('ZR', 'CD'),
    ('AC', 'SH'), ('TA', 'SH'), ('DG', 'IO'), ('EA', 'ES'), ('IC', 'ES'), ('CP', 'FR'), ('CQ', 'GG')
  ) AS w(old, new) WHERE w.old = code
$$;
--> statement-breakpoint
UPDATE artists SET country = withdrawn_country_successor(country) WHERE withdrawn_country_successor(country) IS NOT NULL;
--> statement-breakpoint
UPDATE carts SET country = withdrawn_country_successor(country) WHERE withdrawn_country_successor(country) IS NOT NULL;
--> statement-breakpoint
UPDATE orders SET buyer_country = withdrawn_country_successor(buyer_country) WHERE withdrawn_country_successor(buyer_country) IS NOT NULL;
--> statement-breakpoint
UPDATE orders SET shipping_address = jsonb_set(shipping_address, '{country}', to_jsonb(withdrawn_country_successor(shipping_address ->> 'country')))
WHERE withdrawn_country_successor(shipping_address ->> 'country') IS NOT NULL;
--> statement-breakpoint
UPDATE plays SET country = withdrawn_country_successor(country) WHERE withdrawn_country_successor(country) IS NOT NULL;
--> statement-breakpoint
-- A custom zone's list keeps its order, each country once ("DD","DE" becomes "DE").
UPDATE shipping_rates r SET countries = (
  SELECT coalesce(jsonb_agg(code ORDER BY first), '[]'::jsonb)
  FROM (
    SELECT coalesce(withdrawn_country_successor(e.code), e.code) AS code, min(e.n) AS first
    FROM jsonb_array_elements_text(r.countries) WITH ORDINALITY AS e(code, n)
    GROUP BY 1
  ) listed
)
WHERE EXISTS (SELECT 1 FROM jsonb_array_elements_text(r.countries) AS e(code) WHERE withdrawn_country_successor(e.code) IS NOT NULL);
--> statement-breakpoint
DROP FUNCTION withdrawn_country_successor(text);
