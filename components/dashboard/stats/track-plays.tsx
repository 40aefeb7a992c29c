import { getTranslations } from "next-intl/server";
import type { TrackPlays } from "@/lib/stats";
import { StatsPanel } from "./stats-panel";

const OUTCOMES = [
  { key: "complete", bar: "bg-emerald-600" },
  { key: "partial", bar: "bg-amber-400" },
  { key: "skip", bar: "bg-stone-300" },
] as const;

/** Each track's plays split complete / partial / skip, with a bar to compare tracks at a glance. */
export async function TrackPlaysTable({ rows, locale }: { rows: TrackPlays[]; locale: string }) {
  const t = await getTranslations("stats.breakdowns");
  const count = new Intl.NumberFormat(locale);
  const most = Math.max(1, ...rows.map((r) => r.total));
  return (
    <StatsPanel
      testId="breakdown-tracks"
      title={t("tracks")}
      note={t("tracksHelp")}
      empty={rows.length === 0 ? t("empty") : null}
      head={
        <>
          <th className="px-4 py-2 text-left font-medium">{t("columns.name")}</th>
          <th className="px-4 py-2 text-left font-medium">{t("columns.release")}</th>
          {OUTCOMES.map((o) => (
            <th key={o.key} className="px-4 py-2 text-right font-medium">
              <span className={`mr-1.5 inline-block size-2 rounded-full ${o.bar}`} aria-hidden />
              {t(`columns.${o.key}`)}
            </th>
          ))}
          <th className="px-4 py-2 text-right font-medium">{t("columns.total")}</th>
          <th className="w-40 px-4 py-2" aria-hidden />
        </>
      }
    >
      {rows.map((row) => (
        <tr key={row.trackId}>
          <td className="max-w-56 truncate px-4 py-2 font-medium">{row.title}</td>
          <td className="max-w-48 truncate px-4 py-2 text-muted">{row.release}</td>
          {OUTCOMES.map((o) => (
            <td key={o.key} className="px-4 py-2 text-right tabular-nums">
              {count.format(row[o.key])}
            </td>
          ))}
          <td className="px-4 py-2 text-right font-medium tabular-nums">{count.format(row.total)}</td>
          <td className="px-4 py-2" aria-hidden>
            <div
              className="flex h-2 overflow-hidden rounded-full bg-stone-100"
              style={{ width: `${(row.total / most) * 100}%` }}
            >
              {OUTCOMES.map((o) => (
                <div key={o.key} className={o.bar} style={{ width: `${(row[o.key] / row.total) * 100}%` }} />
              ))}
            </div>
          </td>
        </tr>
      ))}
    </StatsPanel>
  );
}
