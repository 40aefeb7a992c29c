-- The dashboard reads the daily tables of 0008 now: the covering indexes over raw orders, items and plays only slowed writes.
DROP INDEX "order_items_order_stats_idx";--> statement-breakpoint
DROP INDEX "orders_artist_paid_stats_idx";--> statement-breakpoint
DROP INDEX "plays_artist_stats_idx";