import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { updateDiscountAction } from "@/app/(dashboard)/dashboard/[artist]/discounts/actions";
import { thingTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { DiscountForm } from "@/components/dashboard/discounts/discount-form";
import { db } from "@/db";
import type { DiscountCode } from "@/db/schema";
import { CURRENCIES } from "@/lib/artists/currencies";
import { requireArtistMember } from "@/lib/artists/guard";
import { discountItemChoices, getDiscountCodeById } from "@/lib/discounts";
import { moneyInputValue } from "@/lib/money";

/** The code as the form's fields (the same text a band would type). */
function formValues(code: DiscountCode): Record<string, string> {
  return {
    code: code.code,
    kind: code.kind,
    amount: code.kind === "percent" ? String(code.amount) : moneyInputValue(code.amount, code.currency ?? "EUR"),
    currency: code.currency ?? "",
    scope: code.scope,
    item: code.itemKind && code.itemId ? `${code.itemKind}:${code.itemId}` : "",
    expiresAt: code.expiresAt ? code.expiresAt.toISOString().slice(0, 10) : "",
    usageLimit: code.usageLimit === null ? "" : String(code.usageLimit),
    active: code.active ? "on" : "",
  };
}

export async function generateMetadata({ params }: PageProps<"/dashboard/[artist]/discounts/[discountId]">) {
  const { artist, discountId } = await params;
  return thingTitle(artist, "discount", discountId, "discount");
}

/** Another band's code id is the same 404 as an unknown one. */
export default async function EditDiscountPage({ params }: PageProps<"/dashboard/[artist]/discounts/[discountId]">) {
  const { artist: slug, discountId } = await params;
  const { artist } = await requireArtistMember({ slug });
  const code = await getDiscountCodeById(db, artist.id, discountId);
  if (!code) notFound();
  const t = await getTranslations("discounts");
  const items = await discountItemChoices(db, artist.id, (k) => t(`itemKinds.${k}`));
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/dashboard/${artist.slug}/discounts`} className="text-sm text-muted underline underline-offset-2">
          ← {t("form.back")}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">{t("form.edit", { code: code.code })}</h1>
      </div>
      <section className="rounded-lg border border-line bg-white p-5">
        <DiscountForm
          action={updateDiscountAction}
          artistId={artist.id}
          currency={artist.currency}
          currencies={CURRENCIES}
          items={items}
          initial={{ id: code.id, values: formValues(code) }}
        />
      </section>
    </div>
  );
}
