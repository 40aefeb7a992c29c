import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { requireOperator } from "@/lib/auth/operator-guard";

/** Never in search results, never kept by a cache (next.config.ts also sends the headers). */
export async function generateMetadata(): Promise<Metadata> {
  await requireOperator();
  const t = await getTranslations("admin");
  return {
    title: { template: `%s · ${t("title")} · Merchtable`, default: `${t("title")} · Merchtable` },
    robots: { index: false, follow: false },
  };
}

export default async function AdminLayout({ children }: LayoutProps<"/admin">) {
  const operator = await requireOperator();
  const [t, ts] = await Promise.all([getTranslations("admin.nav"), getTranslations("sponsor.nav")]);
  const links = [
    ["/admin", t("bands")],
    ["/admin/reports", t("reports")],
    ["/admin/revenue", t("revenue")],
    ["/admin/vat", t("vat")],
    ["/admin/jobs", t("jobs")],
    ["/admin/payments", t("payments")],
    ["/admin/sponsors", ts("sponsors")],
    ["/admin/credit", ts("credit")],
    ["/admin/settings", t("settings")],
  ] as const;
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-8 sm:px-6">
      <header className="flex flex-wrap items-center justify-between gap-4 border-b border-line pb-4">
        <nav aria-label={t("label")}>
          <ul className="flex flex-wrap gap-1 text-sm">
            {links.map(([href, label]) => (
              <li key={href}>
                <Link href={href} className="rounded-md px-3 py-1.5 hover:bg-stone-100">
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <p className="text-xs text-muted">{t("signedInAs", { email: operator.email })}</p>
      </header>
      {children}
    </div>
  );
}
