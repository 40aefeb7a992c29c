import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { db } from "@/db";
import type { ReportStatus } from "@/db/schema";
import { requireOperator } from "@/lib/auth/operator-guard";
import { listReports, REPORTS_PAGE } from "@/lib/moderation";
import { decideReportAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  await requireOperator();
  const t = await getTranslations("moderation.queue");
  return { title: `${t("title")} · Merchtable`, robots: { index: false, follow: false } };
}

const STATUSES: ReportStatus[] = ["open", "actioned", "dismissed"];
const DONE = new Set(["takeDown", "suspend", "dismiss"]);
const ERRORS = new Set(["reason_required", "not_found", "unchanged", "no_release", "closed"]);

/** The fans' reports, a queue per status, newest first; each open one can be acted on with a reason. */
export default async function AdminReportsPage({ searchParams }: PageProps<"/admin/reports">) {
  await requireOperator();
  const query = await searchParams;
  const status = STATUSES.find((s) => s === query.status) ?? "open";
  const before =
    typeof query.before === "string" && !Number.isNaN(Date.parse(query.before)) ? new Date(query.before) : undefined;
  const outcome = typeof query.outcome === "string" ? query.outcome : null;
  const [t, tr, format, rows] = await Promise.all([
    getTranslations("moderation.queue"),
    getTranslations("moderation.report.reasons"),
    getFormatter(),
    listReports(db, { status, before }),
  ]);
  const last = rows.at(-1);
  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-8 sm:px-6" data-testid="admin-reports">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <nav aria-label={t("filter")} className="flex gap-2 text-sm">
        {STATUSES.map((s) => (
          <Link
            key={s}
            href={`/admin/reports?status=${s}`}
            aria-current={s === status ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 ${s === status ? "bg-ink font-medium text-white" : "border border-stone-300 bg-white hover:bg-stone-50"}`}
          >
            {t(`status.${s}`)}
          </Link>
        ))}
      </nav>
      {outcome && DONE.has(outcome) && (
        <Notice tone="success">{t(`done.${outcome as "takeDown" | "suspend" | "dismiss"}`)}</Notice>
      )}
      {outcome && ERRORS.has(outcome) && <Notice tone="error">{t(`errors.${outcome as "reason_required"}`)}</Notice>}
      {rows.length === 0 ? (
        <p className="text-muted">{t("empty")}</p>
      ) : (
        <ul className="space-y-4">
          {rows.map(({ report, artist, release }) => (
            <li key={report.id} className="rounded-lg border border-line bg-white p-4" data-testid="report-item">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-medium">
                  <Link href={`/${artist.slug}`} className="underline underline-offset-2">
                    {artist.name}
                  </Link>
                  {" · "}
                  {release ? (
                    <Link href={`/${artist.slug}/${release.slug}`} className="underline underline-offset-2">
                      {release.title}
                    </Link>
                  ) : (
                    <span className="text-muted">{t("wholeShop")}</span>
                  )}
                </p>
                <p className="text-xs text-muted">
                  {t("received", {
                    date: format.dateTime(report.createdAt, { dateStyle: "medium", timeStyle: "short" }),
                  })}
                </p>
              </div>
              <p className="mt-1 text-sm">
                <span className="font-medium">{t("reason")}:</span> {tr(report.reason)}
                {artist.status === "suspended" && (
                  <span className="ml-2 rounded bg-red-50 px-1.5 text-xs text-red-700">{t("bandState.suspended")}</span>
                )}
                {release?.takenDownAt && (
                  <span className="ml-2 rounded bg-red-50 px-1.5 text-xs text-red-700">{t("bandState.takenDown")}</span>
                )}
              </p>
              <p className="mt-2 whitespace-pre-line text-sm" data-testid="report-message">
                {report.message}
              </p>
              <p className="mt-1 text-xs text-muted">
                {report.email ? t("from", { email: report.email }) : t("anonymous")}
              </p>
              {report.resolution && (
                <p className="mt-2 text-sm text-muted">{t("resolution", { text: report.resolution })}</p>
              )}
              {report.status === "open" && (
                <form action={decideReportAction} className="mt-4 space-y-2">
                  <input type="hidden" name="reportId" value={report.id} />
                  <input type="hidden" name="status" value={status} />
                  <label htmlFor={`reason-${report.id}`} className="block text-sm font-medium">
                    {t("actionReason")}
                  </label>
                  <textarea
                    id={`reason-${report.id}`}
                    name="reason"
                    rows={2}
                    maxLength={2000}
                    required
                    className="block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm"
                  />
                  <div className="flex flex-wrap gap-2">
                    {release && (
                      <button
                        type="submit"
                        name="decision"
                        value="takeDown"
                        className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800"
                      >
                        {t("actions.takeDown")}
                      </button>
                    )}
                    <button
                      type="submit"
                      name="decision"
                      value="suspend"
                      className="rounded-md border border-red-200 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50"
                    >
                      {t("actions.suspend")}
                    </button>
                    <button
                      type="submit"
                      name="decision"
                      value="dismiss"
                      className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-stone-50"
                    >
                      {t("actions.dismiss")}
                    </button>
                  </div>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {rows.length === REPORTS_PAGE && last && (
        <Link
          href={`/admin/reports?status=${status}&before=${encodeURIComponent(last.report.createdAt.toISOString())}`}
          className="inline-block text-sm underline underline-offset-2"
        >
          {t("older")}
        </Link>
      )}
    </div>
  );
}
