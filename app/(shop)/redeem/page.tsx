import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { redeemAction } from "./actions";
import { RedeemForm } from "./redeem-form";

export const metadata: Metadata = { title: "Redeem a code", robots: { index: false, follow: false } };

/** Any band's code works here (the card's QR code points at the band's own page instead). */
export default async function RedeemPage({ searchParams }: PageProps<"/redeem">) {
  const t = await getTranslations("codes.redeem");
  const code = (await searchParams).code;
  return (
    <div className="mx-auto max-w-md px-4 py-12 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-2 text-sm text-muted">{t("intro")}</p>
      <div className="mt-6">
        <ClientMessages namespaces={["codes.redeem"]}>
          <RedeemForm
            action={redeemAction}
            artistSlug={null}
            initialCode={typeof code === "string" ? code.slice(0, 60) : ""}
          />
        </ClientMessages>
      </div>
    </div>
  );
}
