import { getTranslations } from "next-intl/server";
import { pageTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { updateArtistAction } from "@/app/(dashboard)/profile-actions";
import { ArtistProfileForm } from "@/components/dashboard/artist-profile-form";
import { VatSettingsForm } from "@/components/dashboard/vat-settings-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { imageUrl } from "@/lib/artists";
import { requireArtistMember } from "@/lib/artists/guard";
import { env } from "@/lib/env";
import { upgradePath } from "@/lib/plans";
import { listTimeZones } from "@/lib/time-zone";
import { defaultVatMention } from "@/lib/vat";
import { saveVatSettingsAction, signOutEverywhereAction } from "./actions";

export async function generateMetadata() {
  return pageTitle("settings");
}

export default async function ArtistSettingsPage({ params, searchParams }: PageProps<"/dashboard/[artist]/settings">) {
  const { artist, user } = await requireArtistMember({ slug: (await params).artist });
  const [t, tv] = await Promise.all([getTranslations("dashboard.settings"), getTranslations("documents.settings")]);
  const saved = (await searchParams).saved === "1";
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      {saved && <Notice tone="success">{t("saved")}</Notice>}
      <div className="rounded-lg border border-line bg-white p-6">
        <ArtistProfileForm
          action={updateArtistAction}
          submitLabel={t("submit")}
          appUrl={env().APP_URL}
          maxImageMb={env().MAX_IMAGE_MB}
          timeZones={listTimeZones()}
          initial={{
            id: artist.id,
            name: artist.name,
            slug: artist.slug,
            location: artist.location,
            bio: artist.bio,
            links: artist.links.map((l) => l.url).join("\n"),
            currency: artist.currency,
            timeZone: artist.timeZone,
            accentColor: artist.accentColor,
            look: { plan: artist.plan, bannerLayout: artist.bannerLayout, upgradeHref: upgradePath(artist.slug) },
            avatarUrl: imageUrl(artist.avatarKey, "128"),
            bannerUrl: imageUrl(artist.bannerKey, "800"),
          }}
        />
      </div>
      <Card title={tv("title")}>
        <div className="space-y-4 text-sm" data-testid="vat-section">
          <p className="max-w-prose text-muted">{tv("intro")}</p>
          <p className="max-w-prose" data-testid="vat-digital">
            {tv("digital")}
          </p>
          <ClientMessages namespaces={["documents.settings"]}>
            <VatSettingsForm
              action={saveVatSettingsAction}
              artistId={artist.id}
              initial={{
                status: artist.vatStatus,
                mention: artist.vatMention ?? defaultVatMention(artist.country),
                number: artist.vatNumber ?? "",
                rate: artist.vatRateBasisPoints === null ? "" : String(artist.vatRateBasisPoints / 100),
              }}
            />
          </ClientMessages>
        </div>
      </Card>
      <Card title={t("account.title")}>
        <div className="space-y-3 text-sm">
          <p>{t("account.signedInAs", { email: user.email })}</p>
          <p className="text-muted">{t("account.body")}</p>
          <form action={signOutEverywhereAction}>
            <SubmitButton variant="secondary">{t("account.submit")}</SubmitButton>
          </form>
        </div>
      </Card>
    </div>
  );
}
