import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { control } from "@/components/ui/field";
import { PERIOD_PRESETS, type Period } from "@/lib/stats";

/** Plain links and a GET form: the period lives in the URL, so a view can be bookmarked or shared. */
export async function PeriodPicker({ base, period }: { base: string; period: Period }) {
  const t = await getTranslations("stats");
  const tab = (active: boolean) => `rounded px-3 py-1.5 ${active ? "bg-ink text-white" : "hover:bg-stone-100"}`;
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <nav
        aria-label={t("periodLabel")}
        className="inline-flex flex-wrap rounded-md border border-stone-300 bg-white p-0.5 text-sm"
      >
        {PERIOD_PRESETS.filter((p) => p !== "custom").map((p) => (
          <Link
            key={p}
            href={`${base}?period=${p}`}
            className={tab(period.preset === p)}
            aria-current={period.preset === p ? "page" : undefined}
            data-testid={`period-${p}`}
          >
            {t(`periods.${p}`)}
          </Link>
        ))}
      </nav>
      <form action={base} className="flex flex-wrap items-end gap-2 text-sm" data-testid="custom-period">
        <input type="hidden" name="period" value="custom" />
        <label className="grid gap-1">
          <span className="text-xs text-muted">{t("from")}</span>
          <input type="date" name="from" required defaultValue={period.firstDay} className={`${control} w-40`} />
        </label>
        <label className="grid gap-1">
          <span className="text-xs text-muted">{t("to")}</span>
          <input type="date" name="to" required defaultValue={period.lastDay} className={`${control} w-40`} />
        </label>
        <button
          type="submit"
          className={`rounded-md border px-3 py-2 font-medium ${period.preset === "custom" ? "border-ink bg-ink text-white" : "border-stone-300 bg-white hover:bg-stone-50"}`}
        >
          {t("apply")}
        </button>
      </form>
    </div>
  );
}
