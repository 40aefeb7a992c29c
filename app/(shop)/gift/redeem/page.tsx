import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { connection } from "next/server";
import { libraryViewer } from "@/app/(shop)/library/library-session";
import { RedeemCreditForm } from "@/components/credit/redeem-credit-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { formatGiftCode, normalizeCode } from "@/lib/credit";
import { redeemGiftAction, requestRedeemLinkAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("gifts.redeem");
  return { title: t("metaTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/** Where a gift card's link and QR code land (the code in the URL fills the form; nothing happens until a press). */
export default async function RedeemGiftPage({ searchParams }: PageProps<"/gift/redeem">) {
  await connection();
  const [t, viewer, query] = await Promise.all([getTranslations("gifts.redeem"), libraryViewer(), searchParams]);
  const code = typeof query.code === "string" ? formatGiftCode(normalizeCode(query.code.slice(0, 60))) : "";
  return (
    <div className="mx-auto w-full max-w-md px-4 py-12 sm:py-16" data-testid="gift-redeem-page">
      <h1 className="text-3xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-3 text-sm text-muted">{t("intro")}</p>
      {viewer && (
        <p className="mt-2 text-sm" data-testid="gift-redeem-viewer">
          {t("signedInAs", { email: viewer.email })}
        </p>
      )}
      <div className="mt-8 rounded-lg border border-line bg-surface p-6 shadow-xs">
        <ClientMessages namespaces={["gifts.redeem"]}>
          <RedeemCreditForm
            action={viewer ? redeemGiftAction : requestRedeemLinkAction}
            signedIn={Boolean(viewer)}
            initialCode={code}
          />
        </ClientMessages>
      </div>
    </div>
  );
}
