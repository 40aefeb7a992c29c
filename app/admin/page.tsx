import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { control } from "@/components/ui/field";
import { ListTable } from "@/components/ui/list-table";
import { db } from "@/db";
import { listBands } from "@/lib/admin";
import { requireOperator } from "@/lib/auth/operator-guard";
import { formatMoney } from "@/lib/money";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.nav"))("bands") };
}

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function AdminBandsPage({ searchParams }: PageProps<"/admin">) {
  await requireOperator();
  const params = await searchParams;
  const q = one(params.q) ?? "";
  const plan =
    one(params.plan) === "free" || one(params.plan) === "pro" ? (one(params.plan) as "free" | "pro") : undefined;
  const status =
    one(params.status) === "active" || one(params.status) === "suspended"
      ? (one(params.status) as "active" | "suspended")
      : undefined;
  const period = one(params.period) === "all" ? "all" : "30d";
  const [t, locale, page] = await Promise.all([
    getTranslations("admin.bands"),
    getLocale(),
    listBands(db, { q, plan, status, period, after: one(params.after) }),
  ]);
  const keep = new URLSearchParams({ q, plan: plan ?? "", status: status ?? "", period });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <form className="flex flex-wrap items-end gap-3" role="search">
        <label className="grid gap-1 text-sm">
          {t("search")}
          <input name="q" defaultValue={q} className={control} placeholder={t("searchHint")} />
        </label>
        <label className="grid gap-1 text-sm">
          {t("plan")}
          <select name="plan" defaultValue={plan ?? ""} className={control}>
            <option value="">{t("any")}</option>
            <option value="free">{t("plans.free")}</option>
            <option value="pro">{t("plans.pro")}</option>
          </select>
        </label>
        <label className="grid gap-1 text-sm">
          {t("status")}
          <select name="status" defaultValue={status ?? ""} className={control}>
            <option value="">{t("any")}</option>
            <option value="active">{t("statuses.active")}</option>
            <option value="suspended">{t("statuses.suspended")}</option>
          </select>
        </label>
        <label className="grid gap-1 text-sm">
          {t("sales")}
          <select name="period" defaultValue={period} className={control}>
            <option value="30d">{t("periods.30d")}</option>
            <option value="all">{t("periods.all")}</option>
          </select>
        </label>
        <button type="submit" className="rounded-md bg-ink px-4 py-2 text-sm font-medium text-white">
          {t("apply")}
        </button>
      </form>
      <ListTable
        testId="admin-bands"
        empty={page.rows.length === 0 ? t("empty") : null}
        head={
          <>
            <th className="px-3 py-2">{t("band")}</th>
            <th className="px-3 py-2">{t("plan")}</th>
            <th className="px-3 py-2">{t("status")}</th>
            <th className="px-3 py-2 text-right">{t("published")}</th>
            <th className="px-3 py-2 text-right">{t(`salesIn.${period}`)}</th>
            <th className="px-3 py-2">{t("created")}</th>
          </>
        }
      >
        {page.rows.map((band) => (
          <tr key={band.id}>
            <td className="px-3 py-2">
              <Link href={`/admin/bands/${band.id}`} className="font-medium underline underline-offset-2">
                {band.name}
              </Link>
              <span className="block text-xs text-muted">/{band.slug}</span>
            </td>
            <td className="px-3 py-2">{t(`plans.${band.plan}`)}</td>
            <td className={`px-3 py-2 ${band.status === "suspended" ? "font-medium text-red-700" : ""}`}>
              {t(`statuses.${band.status}`)}
            </td>
            <td className="px-3 py-2 text-right tabular-nums">{band.publishedReleases}</td>
            <td className="px-3 py-2 text-right tabular-nums">
              {band.sales.length ? band.sales.map((s) => formatMoney(s.amount, s.currency, locale)).join(" · ") : "—"}
            </td>
            <td className="px-3 py-2 tabular-nums">{band.createdAt.toLocaleDateString(locale)}</td>
          </tr>
        ))}
      </ListTable>
      {page.next && (
        <Link
          href={`/admin?${keep.toString()}&after=${page.next}`}
          className="inline-block rounded-md border border-stone-300 bg-white px-4 py-2 text-sm"
        >
          {t("next")} →
        </Link>
      )}
    </div>
  );
}
