import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { pageTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { DiscountForm } from "@/components/dashboard/discounts/discount-form";
import { DiscountRowActions } from "@/components/dashboard/discounts/discount-row-actions";
import { ListTable } from "@/components/ui/list-table";
import { db } from "@/db";
import type { DiscountCode } from "@/db/schema";
import { CURRENCIES } from "@/lib/artists/currencies";
import { requireArtistMember } from "@/lib/artists/guard";
import { discountItemChoices, listDiscountCodes } from "@/lib/discounts";
import { formatMoney } from "@/lib/money";
import { createDiscountAction, deleteDiscountAction, toggleDiscountAction } from "./actions";

export async function generateMetadata() {
  return pageTitle("discounts");
}

export default async function DiscountsPage({ params }: PageProps<"/dashboard/[artist]/discounts">) {
  const { artist } = await requireArtistMember({ slug: (await params).artist });
  const [t, locale, codes] = await Promise.all([
    getTranslations("discounts"),
    getLocale(),
    listDiscountCodes(db, artist.id),
  ]);
  const items = await discountItemChoices(db, artist.id, (k) => t(`itemKinds.${k}`));
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const percent = new Intl.NumberFormat(locale, { style: "percent" });
  const describe = (code: DiscountCode) =>
    code.kind === "percent"
      ? percent.format(code.amount / 100)
      : formatMoney(code.amount, code.currency ?? artist.currency, locale);
  const scope = (code: DiscountCode) =>
    code.scope === "item"
      ? (items.find((i) => i.value === `${code.itemKind}:${code.itemId}`)?.label ?? t("scopes.item"))
      : t(`scopes.${code.scope}`);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-muted">{t("intro")}</p>
      </div>
      <ListTable
        testId="discount-list"
        empty={codes.length === 0 ? t("list.empty") : null}
        head={
          <>
            <th className="px-4 py-2 font-medium">{t("list.code")}</th>
            <th className="px-4 py-2 font-medium">{t("list.discount")}</th>
            <th className="px-4 py-2 font-medium">{t("list.scope")}</th>
            <th className="px-4 py-2 font-medium">{t("list.expires")}</th>
            <th className="px-4 py-2 text-right font-medium">{t("list.uses")}</th>
            <th className="px-4 py-2 font-medium">{t("list.status")}</th>
            <th className="px-4 py-2" />
          </>
        }
      >
        {codes.map((code) => (
          <tr key={code.id} data-testid="discount-row">
            <td className="px-4 py-3 font-mono font-medium">
              <Link
                href={`/dashboard/${artist.slug}/discounts/${code.id}`}
                className="underline-offset-2 hover:underline"
                aria-label={t("form.edit", { code: code.code })}
              >
                {code.code}
              </Link>
            </td>
            <td className="whitespace-nowrap px-4 py-3 tabular-nums">{describe(code)}</td>
            <td className="px-4 py-3 text-muted">{scope(code)}</td>
            <td className="whitespace-nowrap px-4 py-3">
              {code.expiresAt ? date.format(code.expiresAt) : t("list.never")}
            </td>
            <td className="px-4 py-3 text-right tabular-nums" data-testid="discount-uses">
              {code.usedCount}
              {code.usageLimit !== null && ` / ${code.usageLimit}`}
            </td>
            <td className="px-4 py-3">{code.active ? t("list.active") : t("list.inactive")}</td>
            <td className="px-4 py-3">
              <DiscountRowActions
                artistId={artist.id}
                id={code.id}
                active={code.active}
                toggle={toggleDiscountAction}
                remove={deleteDiscountAction}
                labels={{
                  activate: t("list.activate"),
                  deactivate: t("list.deactivate"),
                  delete: t("list.delete"),
                  deleteCode: t("list.deleteCode", { code: code.code }),
                }}
              />
            </td>
          </tr>
        ))}
      </ListTable>
      <section className="rounded-lg border border-line bg-white p-5">
        <h2 className="mb-4 font-semibold">{t("form.title")}</h2>
        <DiscountForm
          action={createDiscountAction}
          artistId={artist.id}
          currency={artist.currency}
          currencies={CURRENCIES}
          items={items}
        />
      </section>
    </div>
  );
}
