import { getTranslations } from "next-intl/server";
import { ListTable } from "@/components/ui/list-table";
import type { Subscriber } from "@/db/schema";

const SOURCES = ["free_download", "checkout"] as const;

export async function FanList({ fans, locale }: { fans: Subscriber[]; locale: string }) {
  const t = await getTranslations("bandops.fans");
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  const source = (s: string) => (SOURCES.find((k) => k === s) ? t(`sources.${s as (typeof SOURCES)[number]}`) : s);
  return (
    <ListTable
      testId="fan-list"
      head={
        <>
          <th className="px-4 py-2 font-medium">{t("email")}</th>
          <th className="px-4 py-2 font-medium">{t("source")}</th>
          <th className="px-4 py-2 font-medium">{t("date")}</th>
          <th className="px-4 py-2 font-medium">{t("status")}</th>
        </>
      }
    >
      {fans.map((fan) => (
        <tr key={fan.id} data-testid="fan-row" className={fan.unsubscribedAt ? "text-muted" : undefined}>
          <td className="max-w-64 truncate px-4 py-3">{fan.email}</td>
          <td className="px-4 py-3">{source(fan.source)}</td>
          <td className="whitespace-nowrap px-4 py-3">{day.format(fan.consentAt)}</td>
          <td className="whitespace-nowrap px-4 py-3">
            {fan.unsubscribedAt ? (
              <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs">
                {t("unsubscribed", { date: day.format(fan.unsubscribedAt) })}
              </span>
            ) : (
              <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800">{t("subscribed")}</span>
            )}
          </td>
        </tr>
      ))}
    </ListTable>
  );
}
