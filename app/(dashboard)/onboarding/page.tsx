import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { createArtistAction } from "@/app/(dashboard)/profile-actions";
import { ArtistProfileForm } from "@/components/dashboard/artist-profile-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { db } from "@/db";
import { listArtistsForUser } from "@/lib/artists";
import { requireUser } from "@/lib/auth";
import { env } from "@/lib/env";
import { listTimeZones } from "@/lib/time-zone";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("onboarding"))("title") };
}

/** Creating a band: the first step after sign-up, and "Add a band" later on. */
export default async function OnboardingPage() {
  const user = await requireUser("/onboarding");
  const [t, bands] = await Promise.all([getTranslations("onboarding"), listArtistsForUser(db, user.id)]);
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">{bands.length ? t("anotherTitle") : t("title")}</h1>
      <p className="mt-2 text-sm text-muted">{t("intro")}</p>
      <div className="mt-8 rounded-lg border border-line bg-white p-6">
        <ClientMessages namespaces={["artist", "errors", "plans.limit", "plans.look"]}>
          <ArtistProfileForm
            action={createArtistAction}
            submitLabel={t("submit")}
            appUrl={env().APP_URL}
            maxImageMb={env().MAX_IMAGE_MB}
            timeZones={listTimeZones()}
            initial={{
              name: "",
              slug: "",
              location: "",
              bio: "",
              links: "",
              currency: "EUR",
              timeZone: "UTC",
              accentColor: "#b4442c",
            }}
          />
        </ClientMessages>
      </div>
    </div>
  );
}
