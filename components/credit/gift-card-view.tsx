import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import QRCode from "qrcode";
import type { GiftCard } from "@/db/schema";
import { formatMoney } from "@/lib/money";

// Print: the card alone, centred on the page, with its colours.
const printCss = `
@media print {
  body * { visibility: hidden; }
  .gift-card-print, .gift-card-print * { visibility: visible; }
  .gift-card-print { position: absolute; left: 0; right: 0; top: 10mm; margin: auto; width: 160mm; box-shadow: none; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
.gift-card-qr svg { width: 100%; height: 100%; }`;

/** A gift card as the buyer prints it: value, where it is spent, message, code and its QR code. */
export async function GiftCardView({
  card,
  band,
  code,
  redeemUrl,
}: {
  card: GiftCard;
  band: { name: string } | null;
  code: string;
  redeemUrl: string;
}) {
  const [t, tg, format, locale] = await Promise.all([
    getTranslations("gifts.card"),
    getTranslations("gifts"),
    getFormatter(),
    getLocale(),
  ]);
  const amount = formatMoney(card.amount, card.currency, locale);
  const qrSvg = await QRCode.toString(redeemUrl, { type: "svg", margin: 0, errorCorrectionLevel: "M" });
  const where = new URL(redeemUrl);
  return (
    <article
      className="gift-card-print overflow-hidden rounded-2xl border border-stone-300 bg-white shadow-sm"
      data-testid="gift-card"
    >
      <style>{printCss}</style>
      <div className="bg-ink px-6 py-5 text-white">
        <p className="text-xs font-medium tracking-[0.2em] uppercase opacity-80">{t("heading")}</p>
        <p className="mt-2 text-4xl font-semibold tabular-nums" data-testid="gift-card-amount">
          {amount}
        </p>
        <p className="mt-1 text-sm opacity-90" data-testid="gift-card-scope">
          {band ? tg("scope.band", { amount, band: band.name }) : tg("scope.platform", { amount })}
        </p>
      </div>
      <div className="grid gap-6 px-6 py-6 sm:grid-cols-[1fr_9rem]">
        <div className="space-y-3">
          {card.recipientName && <p className="font-medium">{t("for", { name: card.recipientName })}</p>}
          {card.message && (
            <blockquote className="border-l-2 border-stone-300 pl-3 whitespace-pre-line text-stone-700 italic">
              {card.message}
            </blockquote>
          )}
          {card.senderName && <p className="text-sm text-muted">{t("from", { name: card.senderName })}</p>}
          <div>
            <p className="text-xs tracking-wide text-muted uppercase">{t("code")}</p>
            <p className="font-mono text-lg font-semibold tracking-wider" data-testid="gift-card-code">
              {code}
            </p>
          </div>
          <p className="text-xs text-muted">{t("howTo", { url: `${where.host}${where.pathname}` })}</p>
          {card.expiresAt && (
            <p className="text-sm font-medium" data-testid="gift-card-expiry">
              {t("validUntil", { date: format.dateTime(card.expiresAt, { dateStyle: "long" }) })}
            </p>
          )}
        </div>
        <div
          className="gift-card-qr mx-auto aspect-square w-36 sm:w-full"
          role="img"
          aria-label={t("qrAlt")}
          data-testid="gift-card-qr"
          dangerouslySetInnerHTML={{ __html: qrSvg }}
        />
      </div>
    </article>
  );
}
