/**
 * The set-based statements behind `npm run seed:large`. Every value is derived from the row
 * number g through pg_temp.r(g, k), a deterministic hash in [0, 1), so order items can be made
 * by a second INSERT … SELECT over the same numbers without storing anything in between.
 */
export type LargeSizes = { bands: number; orders: number; bigBandOrders: number; plays: number; bigBandPlays: number };

export const RANDOM_FN = `create or replace function pg_temp.r(g bigint, k int) returns float8 language sql immutable
  as $$ select (abs(hashint8(g * 7919 + k)) % 1000003) / 1000003.0 $$`;

const pick = (values: string[], k: number) =>
  `(array[${values.map((v) => `'${v}'`).join(",")}])[1 + floor(pg_temp.r(g, ${k}) * ${values.length})::int]`;
const COUNTRIES = ["FR", "DE", "US", "GB", "BE", "NL", "ES", "IT", "CA", "JP", "SE", "CH"];
const HOSTS = [
  "blog.example",
  "zine.example",
  "radio.example",
  "label.example",
  "forum.example",
  "news.example",
  "fans.example",
  "webzine.example",
];
const artist = (big: number, bands: number) =>
  `case when g <= ${big} then 'lg-a-1' else 'lg-a-' || (2 + g % ${Math.max(1, bands - 1)}) end`;

export function bandsSql(s: LargeSizes) {
  return [
    // One band in five on Pro, one in a hundred suspended, sign-ups spread over three years (the console's band list).
    `insert into artists (id, slug, name, currency, country, plan, status, suspended_at, suspended_reason, created_at)
      select 'lg-a-' || i, 'large-band-' || i, 'Large Band ' || i, 'EUR', 'FR',
        (case when i % 5 = 0 then 'pro' else 'free' end)::plan,
        (case when i % 100 = 7 then 'suspended' else 'active' end)::artist_status,
        case when i % 100 = 7 then now() end, case when i % 100 = 7 then 'Seeded suspension' end,
        now() - pg_temp.r(i, 20) * interval '1095 days'
      from generate_series(1, ${s.bands}) i`,
    // Each Pro band's yearly subscription and two paid invoices over the last two years (the console's revenue).
    `insert into plan_subscriptions (id, artist_id, provider, interval, amount, currency, status, current_period_end)
      select 'lg-s-' || i, 'lg-a-' || i, 'stripe', 'year', 2900, 'EUR', 'active', now() + interval '200 days'
      from generate_series(1, ${s.bands}) i where i % 5 = 0`,
    `insert into plan_invoices (id, subscription_id, artist_id, provider_invoice_id, status, amount, currency, paid_at)
      select 'lg-in-' || i || '-' || k, 'lg-s-' || i, 'lg-a-' || i, 'in_lg_' || i || '_' || k, 'paid', 2900, 'EUR',
        now() - (pg_temp.r(i, 21) * 365 + k * 365) * interval '1 day'
      from generate_series(1, ${s.bands}) i, generate_series(0, 1) k where i % 5 = 0`,
    // A Free band lists one release (migration 0019 refuses more); its others are unlisted, as a downgrade leaves them.
    `insert into releases (id, artist_id, slug, title, status, published_at, price_amount, currency, listed)
      select 'lg-a-' || i || '-r' || k, 'lg-a-' || i, 'album-' || k, 'Album ' || (k + 1), 'published', now() - interval '3 years', 700, 'EUR',
        k = 0 or (select plan from artists where id = 'lg-a-' || i) = 'pro'
      from generate_series(1, ${s.bands}) i, generate_series(0, 2) k`,
    `insert into tracks (id, release_id, artist_id, position, title, master_key, status, price_amount, pricing_mode)
      select r.id || '-t' || n, r.id, r.artist_id, n, 'Song ' || n, 'masters/large.flac', 'ready', 100, 'fixed'
      from releases r cross join generate_series(1, 10) n where r.id like 'lg-a-%'`,
    `insert into products (id, artist_id, release_id, kind, title, price_amount, currency, published)
      select 'lg-a-' || i || '-p', 'lg-a-' || i, 'lg-a-' || i || '-r0', 'cd', 'Album 1 CD', 1200, 'EUR', true from generate_series(1, ${s.bands}) i`,
  ];
}

/** kind of the first item: album (55 %), single track (25 %), CD (20 %); 7 % free downloads, 3 % codes. */
const KIND = `case when pg_temp.r(g, 2) < 0.55 then 'release' when pg_temp.r(g, 2) < 0.8 then 'track' else 'product' end`;
const PROVIDER = `case when pg_temp.r(g, 1) < 0.07 then 'free' when pg_temp.r(g, 1) < 0.10 then 'code' else 'stripe' end`;
const PAID = `(${PROVIDER}) = 'stripe'`;
const BASE = `case when not ${PAID} then 0 when ${KIND} = 'release' then 700 when ${KIND} = 'track' then 100 else 1200 end`;
const SECOND = `case when ${PAID} and pg_temp.r(g, 5) < 0.3 then 100 else 0 end`;
const SHIPPING = `case when ${PAID} and ${KIND} = 'product' then 400 else 0 end`;
const TOTAL = `(${BASE} + ${SECOND} + ${SHIPPING})`;
const STATUS = `case when not ${PAID} then 'paid' when pg_temp.r(g, 6) < 0.02 then 'refunded' when pg_temp.r(g, 6) < 0.05 then 'partially_refunded' else 'paid' end`;

export function ordersSql(s: LargeSizes, from: number, to: number) {
  return `insert into orders (id, artist_id, status, email, currency, subtotal, shipping, total, platform_fee, refunded_amount, provider,
      needs_shipping, buyer_country, source, source_host, expires_at, paid_at, created_at, updated_at)
    select 'lg-o-' || g, ${artist(s.bigBandOrders, s.bands)}, (${STATUS})::order_status, 'fan' || (g % 300000) || '@example.test',
      case when pg_temp.r(g, 7) < 0.8 then 'EUR' when pg_temp.r(g, 7) < 0.95 then 'USD' else 'GBP' end,
      ${BASE} + ${SECOND}, ${SHIPPING}, ${TOTAL}, ${TOTAL} / 10,
      case (${STATUS}) when 'refunded' then ${TOTAL} when 'partially_refunded' then ${TOTAL} / 2 else 0 end,
      (${PROVIDER})::payment_provider, ${SHIPPING} > 0,
      case when pg_temp.r(g, 9) < 0.05 then null else ${pick(COUNTRIES, 10)} end,
      case when (${PROVIDER}) = 'code' then 'code' when pg_temp.r(g, 8) < 0.25 then 'embed' when pg_temp.r(g, 8) < 0.3 then 'link' else 'shop' end,
      case when (${PROVIDER}) <> 'code' and pg_temp.r(g, 8) < 0.25 then ${pick(HOSTS, 11)} end,
      t.paid + interval '25 minutes', t.paid, t.paid - interval '5 minutes', t.paid
    from generate_series(${from}, ${to}) g cross join lateral (select now() - pg_temp.r(g, 12) * interval '730 days' as paid) t`;
}

export function itemsSql(s: LargeSizes, from: number, to: number) {
  const release = `${artist(s.bigBandOrders, s.bands)} || '-r' || floor(pg_temp.r(g, 3) * 3)::int`;
  return [
    `insert into order_items (id, order_id, kind, release_id, track_id, product_id, title, quantity, unit_amount, currency, created_at)
      select 'lg-i-' || g, o.id, (${KIND})::order_item_kind,
        case when ${KIND} <> 'product' then ${release} end,
        case when ${KIND} = 'track' then ${release} || '-t' || (1 + floor(pg_temp.r(g, 4) * 10)::int) end,
        case when ${KIND} = 'product' then ${artist(s.bigBandOrders, s.bands)} || '-p' end,
        'Item', 1, ${BASE}, o.currency, o.created_at
      from generate_series(${from}, ${to}) g join orders o on o.id = 'lg-o-' || g`,
    `insert into order_items (id, order_id, kind, release_id, track_id, title, quantity, unit_amount, currency, created_at)
      select 'lg-j-' || g, o.id, 'track', ${release}, ${release} || '-t' || (1 + floor(pg_temp.r(g, 13) * 10)::int), 'Song', 1, 100, o.currency, o.created_at
      from generate_series(${from}, ${to}) g join orders o on o.id = 'lg-o-' || g where ${SECOND} > 0`,
  ];
}

export function playsSql(s: LargeSizes, from: number, to: number) {
  const release = `${artist(s.bigBandPlays, s.bands)} || '-r' || floor(pg_temp.r(g, 1) * 3)::int`;
  return `insert into plays (id, track_id, release_id, artist_id, played_at, seconds_listened, outcome, source, source_host, country, listener_hash)
    select 'lg-p-' || g, ${release} || '-t' || (1 + floor(pg_temp.r(g, 2) * 10)::int), ${release}, ${artist(s.bigBandPlays, s.bands)},
      now() - pg_temp.r(g, 3) * interval '730 days', floor(pg_temp.r(g, 4) * 240)::int,
      (case when pg_temp.r(g, 5) < 0.55 then 'complete' when pg_temp.r(g, 5) < 0.85 then 'partial' else 'skip' end)::play_outcome,
      case when pg_temp.r(g, 6) < 0.3 then 'embed' else 'shop' end,
      case when pg_temp.r(g, 6) < 0.3 then ${pick(HOSTS, 7)} end,
      case when pg_temp.r(g, 8) < 0.05 then null else ${pick(COUNTRIES, 9)} end,
      'l' || (g % 400000)
    from generate_series(${from}, ${to}) g`;
}
