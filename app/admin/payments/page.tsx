import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { replayEventAction } from "@/app/admin/actions";
import { Flash } from "@/app/admin/flash";
import { ListTable } from "@/components/ui/list-table";
import { SubmitButton } from "@/components/ui/submit-button";
import { db } from "@/db";
import { listPaymentEvents } from "@/lib/admin";
import { requireOperator } from "@/lib/auth/operator-guard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.nav"))("payments") };
}

const RESULT_STYLE: Record<string, string> = {
  applied: "text-emerald-800",
  already_applied: "text-muted",
  ignored: "text-muted",
  failed: "font-semibold text-red-700",
};

export default async function PaymentEventsPage({ searchParams }: PageProps<"/admin/payments">) {
  await requireOperator();
  const before = (await searchParams).before;
  const beforeDate = typeof before === "string" && !Number.isNaN(Date.parse(before)) ? new Date(before) : undefined;
  const [t, locale, events] = await Promise.all([
    getTranslations("admin.payments"),
    getLocale(),
    listPaymentEvents(db, { before: beforeDate, limit: 50 }),
  ]);
  const last = events.at(-1);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-muted">{t("intro")}</p>
      <Flash searchParams={searchParams} />
      <ListTable
        testId="admin-payment-events"
        empty={events.length === 0 ? t("empty") : null}
        head={
          <>
            <th className="px-3 py-2">{t("when")}</th>
            <th className="px-3 py-2">{t("event")}</th>
            <th className="px-3 py-2">{t("result")}</th>
            <th className="px-3 py-2" />
          </>
        }
      >
        {events.map((e) => (
          <tr key={e.id}>
            <td className="px-3 py-2 tabular-nums">{e.createdAt.toLocaleString(locale)}</td>
            <td className="px-3 py-2">
              <span className="font-mono text-xs">{e.type}</span>
              <span className="block font-mono text-xs text-muted">{e.eventId}</span>
            </td>
            <td className={`px-3 py-2 ${RESULT_STYLE[e.result] ?? ""}`}>
              {t(`results.${e.result}`)}
              {e.error && <span className="block font-mono text-xs break-all">{e.error}</span>}
            </td>
            <td className="px-3 py-2">
              <form action={replayEventAction}>
                <input type="hidden" name="logId" value={e.id} />
                <SubmitButton variant="secondary">{t("replay")}</SubmitButton>
              </form>
            </td>
          </tr>
        ))}
      </ListTable>
      {events.length === 50 && last && (
        <Link href={`/admin/payments?before=${last.createdAt.toISOString()}`} className="text-sm underline">
          {t("older")} →
        </Link>
      )}
    </div>
  );
}
