import type { FanBalance } from "@/lib/credit";
import { formatMoney } from "@/lib/money";

type Props = {
  balances: FanBalance[];
  locale: string;
  labels: {
    title: string;
    platform: (amount: string) => string;
    artist: (amount: string, band: string) => string;
    program: (amount: string, sponsor: string) => string;
  };
};

/** The signed-in fan's balances, one line each: where it can be spent and how much is left. */
export function BalanceSummary({ balances, locale, labels }: Props) {
  if (!balances.length) return null;
  return (
    <section className="mt-6 rounded-lg border border-line bg-surface px-5 py-4" data-testid="balance-summary">
      <h2 className="text-sm font-medium text-muted">{labels.title}</h2>
      <ul className="mt-2 space-y-1">
        {balances.map((b) => {
          const amount = formatMoney(b.amount, b.currency, locale);
          const text =
            b.scope === "artist"
              ? labels.artist(amount, b.where ?? "")
              : b.scope === "program"
                ? labels.program(amount, b.where ?? "")
                : labels.platform(amount);
          return (
            <li key={`${b.currency}:${b.scope}:${b.where ?? ""}`} className="tabular-nums" data-testid="balance-line">
              {text}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
