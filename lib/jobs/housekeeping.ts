import type { DbOrTx } from "@/db/client";
import { cutMissingClips } from "@/lib/audio";
import { endLapsedGrace, remindGraceEnding } from "@/lib/billing";
import { resumeCollectionExports } from "@/lib/collection";
import {
  deliverDueGiftCards,
  expireCards,
  expireEndedPrograms,
  expireStaleCreditPurchases,
  reverseDueCreditPayouts,
  sendCreditPayouts,
} from "@/lib/credit";
import { deliverQueuedEmails } from "@/lib/email/queue";
import { endLapsedFanSubscriptions } from "@/lib/fan-subscriptions";
import { sendFollowDigests } from "@/lib/follows";
import { resumeNewsMailings } from "@/lib/news";
import { expireStaleOrders } from "@/lib/orders/cancel";
import { deliverDueGifts } from "@/lib/orders/gift-delivery";
import { releaseDueReleases } from "@/lib/release-day";
import { EXCHANGE_RATES_CRON, EXCHANGE_RATES_QUEUE, refreshExchangeRates } from "./exchange-rates";

/**
 * Periodic chores, run through pg-boss schedules by whichever worker process picks them up.
 * pg-boss sends one job per cron tick across all processes (its cron lock plus a per-minute
 * singleton), and each chore is safe to run twice at once anyway: cancelOrder is a conditional
 * UPDATE and mail rows are claimed with SKIP LOCKED.
 */
export type Chore = { queue: string; cron: string; run: (db: DbOrTx) => Promise<number> };

export const CHORES: readonly Chore[] = [
  // Abandoned checkouts give their held units back (a lost Stripe event; the test provider sends none).
  { queue: "orders-expire", cron: "* * * * *", run: (db) => expireStaleOrders(db) },
  // Bands' shares of credit spent at them: sent as transfers, failed ones retried (idempotent per order).
  { queue: "credit-payouts", cron: "* * * * *", run: (db) => sendCreditPayouts(db) },
  // Their reversals after a refund to the fan's balance, when Stripe could not be reached at the time.
  { queue: "credit-payout-reversals", cron: "* * * * *", run: (db) => reverseDueCreditPayouts(db) },
  // Mail whose delivery after commit failed (SMTP down) or never ran (the process died first).
  { queue: "email-deliver", cron: "* * * * *", run: (db) => deliverQueuedEmails(db, 200) },
  // A failed Pro renewal: owners reminded 3 days before the grace period ends (once: the mail's
  // dedupe key), then the band goes Free within a minute of its end.
  { queue: "billing-grace-remind", cron: "* * * * *", run: (db) => remindGraceEnding(db) },
  { queue: "billing-grace-end", cron: "* * * * *", run: (db) => endLapsedGrace(db) },
  // Fans' subscriptions whose failed renewal stayed unpaid through the grace period end (lib/fan-subscriptions).
  { queue: "fan-subs-grace-end", cron: "* * * * *", run: (db) => endLapsedFanSubscriptions(db) },
  // Album gifts whose day has come and whose own job did not deliver them (a worker was down).
  { queue: "album-gifts-deliver-due", cron: "* * * * *", run: (db) => deliverDueGifts(db) },
  // News mailings a job left unfinished (a restart, the server asking to wait): rows stuck in
  // "sending" follow the crash rule of lib/news/mailing.ts, then what is pending is sent.
  { queue: "news-send-resume", cron: "* * * * *", run: (db) => resumeNewsMailings(db) },
  // Scheduled releases whose moment came and that no job released (a worker down, a lost job).
  { queue: "release-day-due", cron: "* * * * *", run: (db) => releaseDueReleases(db) },
  // Gift cards due today whose job was lost; cards past their validity expire (lib/credit).
  { queue: "gift-deliver-due", cron: "*/5 * * * *", run: (db) => deliverDueGiftCards(db) },
  { queue: "credit-expire-cards", cron: "17 * * * *", run: (db) => expireCards(db) },
  // A sponsor program past its end date: what is left of its credit expires (lib/credit/program-end.ts).
  { queue: "credit-programs-end", cron: "*/10 * * * *", run: (db) => expireEndedPrograms(db) },
  // Credit purchases nobody paid (a sponsor's program waiting for one is canceled with it).
  { queue: "credit-purchases-expire", cron: "*/10 * * * *", run: (db) => expireStaleCreditPurchases(db) },
  // Clip tracks whose clip file is missing (set before clips were files, or every cut failed).
  { queue: "clips-cut-missing", cron: "*/10 * * * *", run: (db) => cutMissingClips(db) },
  // Followers' new-release digests (one a day at most per fan: lib/follows/digest.ts); the mail
  // leaves with the next email-deliver run.
  { queue: "follows-digest", cron: "*/5 * * * *", run: (db) => sendFollowDigests(db) },
  // Whole-collection downloads still under way whose job chain a restart lost (lib/collection).
  { queue: "collection-exports-resume", cron: "* * * * *", run: (db) => resumeCollectionExports(db) },
  // The ECB's reference rates for fans' approximate prices, once a day (and at a worker's start
  // when they are missing or stale, ./index.ts). A failed fetch keeps the old rates.
  {
    queue: EXCHANGE_RATES_QUEUE,
    cron: EXCHANGE_RATES_CRON,
    run: async (db) => {
      const refreshed = await refreshExchangeRates(db);
      return refreshed.ok ? refreshed.currencies : 0;
    },
  },
];
