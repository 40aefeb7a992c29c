import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { pageTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { createReleaseAction } from "@/app/(dashboard)/dashboard/[artist]/releases/actions";
import { ReleaseForm } from "@/components/dashboard/releases/release-form";
import { requireArtistMember } from "@/lib/artists/guard";
import { env } from "@/lib/env";

export async function generateMetadata() {
  return pageTitle("newRelease");
}

export default async function NewReleasePage({ params }: PageProps<"/dashboard/[artist]/releases/new">) {
  const { artist } = await requireArtistMember({ slug: (await params).artist });
  const t = await getTranslations("catalog");
  return (
    <div className="space-y-6">
      <Link href={`/dashboard/${artist.slug}/releases`} className="text-sm text-muted hover:underline">
        ← {t("editor.back")}
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight">{t("form.newTitle")}</h1>
      <div className="rounded-lg border border-line bg-white p-6">
        <ReleaseForm
          action={createReleaseAction}
          artistId={artist.id}
          artistSlug={artist.slug}
          shopUrl={`${env().APP_URL}/${artist.slug}`}
          submitLabel={t("form.create")}
          maxImageMb={env().MAX_IMAGE_MB}
          initial={{
            title: "",
            slug: "",
            kind: "album",
            releaseDate: "",
            description: "",
            credits: "",
            catalogNumber: "",
          }}
        />
      </div>
    </div>
  );
}
