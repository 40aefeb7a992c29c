import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { retryJobAction } from "@/app/admin/actions";
import { Flash } from "@/app/admin/flash";
import { ListTable } from "@/components/ui/list-table";
import { SubmitButton } from "@/components/ui/submit-button";
import { db } from "@/db";
import { jobOverview } from "@/lib/admin";
import { requireOperator } from "@/lib/auth/operator-guard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.nav"))("jobs") };
}

export default async function JobsPage({ searchParams }: PageProps<"/admin/jobs">) {
  await requireOperator();
  const [t, locale, overview] = await Promise.all([getTranslations("admin.jobs"), getLocale(), jobOverview(db)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <Flash searchParams={searchParams} />
      <ListTable
        testId="admin-queues"
        empty={overview.queues.length === 0 ? t("noQueues") : null}
        head={
          <>
            <th className="px-3 py-2">{t("queue")}</th>
            <th className="px-3 py-2 text-right">{t("waiting")}</th>
            <th className="px-3 py-2 text-right">{t("active")}</th>
            <th className="px-3 py-2 text-right">{t("failed")}</th>
          </>
        }
      >
        {overview.queues.map((q) => (
          <tr key={q.name}>
            <td className="px-3 py-2 font-mono text-xs">{q.name}</td>
            <td className="px-3 py-2 text-right tabular-nums">{q.waiting}</td>
            <td className="px-3 py-2 text-right tabular-nums">{q.active}</td>
            <td className={`px-3 py-2 text-right tabular-nums ${q.failed ? "font-semibold text-red-700" : ""}`}>
              {q.failed}
            </td>
          </tr>
        ))}
      </ListTable>
      <h2 className="text-lg font-semibold">{t("recentFailures")}</h2>
      <ListTable
        testId="admin-failed-jobs"
        empty={overview.failed.length === 0 ? t("noFailures") : null}
        head={
          <>
            <th className="px-3 py-2">{t("queue")}</th>
            <th className="px-3 py-2">{t("when")}</th>
            <th className="px-3 py-2">{t("error")}</th>
            <th className="px-3 py-2" />
          </>
        }
      >
        {overview.failed.map((job) => (
          <tr key={job.id}>
            <td className="px-3 py-2 font-mono text-xs">{job.name}</td>
            <td className="px-3 py-2 tabular-nums">
              {job.failedAt.toLocaleString(locale)}
              <span className="block text-xs text-muted">{t("attempts", { count: job.retryCount + 1 })}</span>
            </td>
            <td className="px-3 py-2 font-mono text-xs break-all">{job.error || "—"}</td>
            <td className="px-3 py-2">
              <form action={retryJobAction}>
                <input type="hidden" name="name" value={job.name} />
                <input type="hidden" name="id" value={job.id} />
                <SubmitButton variant="secondary">{t("retry")}</SubmitButton>
              </form>
            </td>
          </tr>
        ))}
      </ListTable>
    </div>
  );
}
