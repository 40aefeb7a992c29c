import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Flash } from "@/app/admin/flash";
import { ListTable } from "@/components/ui/list-table";
import { db } from "@/db";
import { getBandForOperator } from "@/lib/admin";
import { requireOperator } from "@/lib/auth/operator-guard";
import { formatMoney } from "@/lib/money";
import { AuditTrail } from "./audit-trail";
import { BandModeration, PlanForm, RefundForm, ReleaseModeration } from "./forms";

export async function generateMetadata({ params }: PageProps<"/admin/bands/[id]">): Promise<Metadata> {
  await requireOperator();
  const band = await getBandForOperator(db, (await params).id);
  return { title: band?.artist.name ?? "—" };
}

export default async function AdminBandPage({ params, searchParams }: PageProps<"/admin/bands/[id]">) {
  await requireOperator();
  const band = await getBandForOperator(db, (await params).id);
  if (!band) notFound();
  const [t, tb, ts, locale] = await Promise.all([
    getTranslations("admin.band"),
    getTranslations("admin.bands"),
    getTranslations("selling.orders.statuses"),
    getLocale(),
  ]);
  const { artist, subscription } = band;
  const date = (d: Date | null) => (d ? d.toLocaleDateString(locale) : "—");
  return (
    <div className="space-y-8">
      <div>
        <Link href="/admin" className="text-sm text-muted underline underline-offset-2">
          ← {tb("title")}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold" data-testid="band-name">
          {artist.name}
        </h1>
        <p className="text-sm text-muted">
          <Link href={`/${artist.slug}`} className="underline underline-offset-2">
            /{artist.slug}
          </Link>{" "}
          · {t("since", { date: date(artist.createdAt) })}
        </p>
      </div>
      <Flash searchParams={searchParams} />
      <section className="grid gap-4 sm:grid-cols-3">
        <Fact label={tb("status")} testId="band-status">
          {tb(`statuses.${artist.status}`)}
          {artist.suspendedReason && <span className="block text-xs text-muted">{artist.suspendedReason}</span>}
        </Fact>
        <Fact label={tb("plan")}>
          {tb(`plans.${artist.plan}`)}
          <span className="block text-xs text-muted">
            {subscription
              ? t("subscription", {
                  status: t(`subStatus.${subscription.status}`),
                  amount: formatMoney(subscription.amount, subscription.currency, locale),
                  interval: t(`intervals.${subscription.interval}`),
                  end: date(subscription.currentPeriodEnd),
                })
              : t("noSubscription")}
          </span>
        </Fact>
        <Fact label={t("payouts")}>{t(`payoutStatus.${artist.payoutStatus}`)}</Fact>
      </section>
      <BandModeration artistId={artist.id} status={artist.status} />
      <PlanForm artistId={artist.id} plan={artist.plan} />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("members")}</h2>
        <ul className="text-sm">
          {band.members.map((m) => (
            <li key={m.userId}>
              {m.email} {m.name && <span className="text-muted">({m.name})</span>} · {t(`roles.${m.role}`)}
            </li>
          ))}
        </ul>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("releases")}</h2>
        <ListTable
          testId="admin-band-releases"
          empty={band.releases.length === 0 ? t("noReleases") : null}
          head={
            <>
              <th className="px-3 py-2">{t("release")}</th>
              <th className="px-3 py-2">{tb("status")}</th>
              <th className="px-3 py-2">{t("moderation")}</th>
            </>
          }
        >
          {band.releases.map((r) => (
            <tr key={r.id}>
              <td className="px-3 py-2">{r.title}</td>
              <td className="px-3 py-2">
                {t(`releaseStatus.${r.status}`)}
                {!r.listed && ` · ${t("unlisted")}`}
                {r.takenDownAt && (
                  <span className="block text-xs text-red-700">
                    {t("takenDown", { reason: r.takedownReason ?? "" })}
                  </span>
                )}
              </td>
              <td className="px-3 py-2">
                <ReleaseModeration artistId={artist.id} releaseId={r.id} takenDown={r.takenDownAt !== null} />
              </td>
            </tr>
          ))}
        </ListTable>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("orders")}</h2>
        <ListTable
          testId="admin-band-orders"
          empty={band.recentOrders.length === 0 ? t("noOrders") : null}
          head={
            <>
              <th className="px-3 py-2">{t("order")}</th>
              <th className="px-3 py-2">{tb("status")}</th>
              <th className="px-3 py-2 text-right">{t("total")}</th>
              <th className="px-3 py-2 text-right">{t("fee")}</th>
              <th className="px-3 py-2">{t("refund")}</th>
            </>
          }
        >
          {band.recentOrders.map((o) => (
            <tr key={o.id}>
              <td className="px-3 py-2">
                {date(o.createdAt)} <span className="block text-xs text-muted">{o.email ?? "—"}</span>
              </td>
              <td className="px-3 py-2">{ts(o.status)}</td>
              <td className="px-3 py-2 text-right tabular-nums">
                {formatMoney(o.total, o.currency, locale)}
                {o.refundedAmount > 0 && (
                  <span className="block text-xs text-muted">
                    {t("refunded", { amount: formatMoney(o.refundedAmount, o.currency, locale) })}
                  </span>
                )}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{formatMoney(o.platformFee, o.currency, locale)}</td>
              <td className="px-3 py-2">
                {["paid", "partially_refunded"].includes(o.status) && (
                  <RefundForm
                    artistId={artist.id}
                    orderId={o.id}
                    currency={o.currency}
                    left={o.total - o.refundedAmount}
                  />
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      </section>
      <AuditTrail entries={band.audit} />
    </div>
  );
}

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="rounded-lg border border-line bg-white p-4">
      <p className="text-xs uppercase tracking-wide text-muted">{label}</p>
      <p className="mt-1 font-medium" data-testid={testId}>
        {children}
      </p>
    </div>
  );
}
