import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { thingTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import {
  deleteReleaseAction,
  deleteTrackAction,
  reorderTracksAction,
  retryTrackAction,
  setReleaseListedAction,
  setReleaseStatusAction,
  updateReleaseAction,
  updateReleasePricesAction,
  updateTrackAction,
} from "@/app/(dashboard)/dashboard/[artist]/releases/actions";
import {
  releaseNowAction,
  scheduleReleaseAction,
} from "@/app/(dashboard)/dashboard/[artist]/releases/release-day-actions";
import { AutoRefresh } from "@/components/dashboard/releases/auto-refresh";
import { ConfirmDialog } from "@/components/dashboard/releases/confirm-dialog";
import { ListingToggle } from "@/components/dashboard/releases/listing-toggle";
import { PublishToggle } from "@/components/dashboard/releases/publish-toggle";
import { ReleaseDaySection } from "@/components/dashboard/releases/release-day-section";
import { ReleaseForm } from "@/components/dashboard/releases/release-form";
import { ReleasePriceForm } from "@/components/dashboard/releases/release-price-form";
import { TrackList } from "@/components/dashboard/releases/track-list";
import { TrackUploader } from "@/components/dashboard/releases/track-uploader";
import { ModerationBanner } from "@/components/moderation/moderation-banner";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { pricingFormValues } from "@/lib/catalog/price-input";
import { releaseArtworkUrl } from "@/lib/catalog/public";
import { eachTrackPrice } from "@/lib/catalog/release-prices";
import { getReleaseForEdit } from "@/lib/catalog/releases";
import { env } from "@/lib/env";
import { hasPrice } from "@/lib/money";
import { isStuckProcessing } from "@/lib/queue/expiry";

export async function generateMetadata({ params }: PageProps<"/dashboard/[artist]/releases/[releaseId]">) {
  const { artist, releaseId } = await params;
  return thingTitle(artist, "release", releaseId, "release");
}

export default async function ReleaseEditorPage({ params }: PageProps<"/dashboard/[artist]/releases/[releaseId]">) {
  const { artist: slug, releaseId } = await params;
  const { artist, user } = await requireArtistMember({ slug });
  const data = await getReleaseForEdit(db, user.id, releaseId);
  // A release of another band, even one this user also runs, is not found under this band's URL.
  if (!data || data.release.artistId !== artist.id) notFound();
  const { release, tracks } = data;
  const t = await getTranslations("catalog");
  const published = release.status === "published";
  const processing = tracks.some((track) => track.status === "processing");
  const maxMb = env().MAX_UPLOAD_MB;
  const [tp, tf, tl] = await Promise.all([
    getTranslations("selling.price"),
    getTranslations("firstRun.release"),
    getTranslations("plans.limit"),
  ]);
  // A fixed price never set reads as 0: ask for it here, beside Publish, before the band presses it.
  const unpriced = !hasPrice(release);
  const publishInputs = JSON.stringify([
    release.pricingMode,
    release.priceAmount,
    release.priceMinimum,
    tracks.map((tr) => [tr.status, tr.pricingMode, tr.priceAmount, tr.priceMinimum]),
  ]);
  return (
    <div className="space-y-8">
      <AutoRefresh active={processing} />
      <Link href={`/dashboard/${artist.slug}/releases`} className="text-sm text-muted hover:underline">
        ← {t("editor.back")}
      </Link>
      {release.takenDownAt && <ModerationBanner kind="takenDown" reason={release.takedownReason} />}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="truncate text-2xl font-semibold tracking-tight" data-testid="release-title">
            {release.title}
          </h1>
          <p className="mt-1 text-sm text-muted" data-testid="release-status">
            {published ? t("editor.published") : t("editor.draft")}{" "}
            <Link href={`/${artist.slug}/${release.slug}`} className="underline underline-offset-2">
              {published ? t("editor.viewPage") : t("editor.preview")}
            </Link>
            {published && (
              <>
                {" · "}
                <Link
                  href={`/dashboard/${artist.slug}/embed?release=${release.id}`}
                  className="font-medium text-ink underline underline-offset-2"
                  data-testid="embed-link"
                >
                  {tf("embedLink")} →
                </Link>
              </>
            )}
          </p>
        </div>
        <div className="flex flex-col items-end gap-1">
          <PublishToggle
            // A new key whenever what publishing checks changes (a price saved, a track ready): the old refusal goes away.
            key={publishInputs}
            action={setReleaseStatusAction}
            releaseId={release.id}
            published={published}
            labels={{ publish: t("editor.publish"), unpublish: t("editor.unpublish") }}
          />
          {published && (
            <ListingToggle
              action={setReleaseListedAction}
              releaseId={release.id}
              listed={release.listed}
              labels={{
                list: tl("list"),
                unlist: tl("unlist"),
                listed: tl("listed"),
                unlisted: tl("unlisted"),
                unlistedHelp: tl("unlistedHelp"),
              }}
            />
          )}
          {!published && unpriced && (
            <a href="#price" className="text-sm text-amber-800 underline underline-offset-2" data-testid="price-needed">
              {tf("noPrice")}
            </a>
          )}
        </div>
      </div>

      <section className="rounded-lg border border-line bg-white" aria-labelledby="tracks-title">
        <h2 id="tracks-title" className="border-b border-line px-4 py-3 font-semibold">
          {t("editor.tracksTitle")}
        </h2>
        <TrackList
          releaseId={release.id}
          tracks={tracks.map((track) => ({
            id: track.id,
            title: track.title,
            durationMs: track.durationMs,
            status: track.status,
            statusError: track.statusError,
            stuck: isStuckProcessing(track),
            lossless: track.master?.lossless ?? true,
            lyrics: track.lyrics,
            isrc: track.isrc,
            streaming: track.streaming,
            clipSeconds: track.clipSeconds,
            pricing: { ...pricingFormValues(track, release.currency), currency: release.currency },
          }))}
          actions={{
            reorder: reorderTracksAction,
            update: updateTrackAction,
            remove: deleteTrackAction,
            retry: retryTrackAction,
          }}
        />
        <div className="border-t border-line p-4">
          <TrackUploader releaseId={release.id} maxLabel={maxMb >= 1024 ? `${maxMb / 1024} GB` : `${maxMb} MB`} />
        </div>
      </section>

      <ReleaseDaySection
        release={release}
        tracks={tracks}
        timeZone={artist.timeZone}
        actions={{ schedule: scheduleReleaseAction, releaseNow: releaseNowAction }}
      />

      <section
        id="price"
        className="scroll-mt-6 rounded-lg border border-line bg-white p-6"
        aria-labelledby="price-title"
      >
        <h2 id="price-title" className="font-semibold">
          {tp("title")}
        </h2>
        <p className="mb-5 mt-1 text-sm text-muted">{tp("intro", { currency: release.currency })}</p>
        <ReleasePriceForm
          action={updateReleasePricesAction}
          releaseId={release.id}
          currency={release.currency}
          pricing={pricingFormValues(release, release.currency)}
          eachTrack={eachTrackPrice(tracks, release.currency)}
          trackCount={tracks.length}
        />
      </section>

      <section className="rounded-lg border border-line bg-white p-6" aria-labelledby="details-title">
        <h2 id="details-title" className="mb-6 font-semibold">
          {t("form.detailsTitle")}
        </h2>
        <ReleaseForm
          action={updateReleaseAction}
          artistId={artist.id}
          artistSlug={artist.slug}
          shopUrl={`${env().APP_URL}/${artist.slug}`}
          submitLabel={t("form.save")}
          maxImageMb={env().MAX_IMAGE_MB}
          initial={{
            id: release.id,
            title: release.title,
            slug: release.slug,
            kind: release.kind,
            releaseDate: release.releaseDate ?? "",
            description: release.description,
            credits: release.credits,
            catalogNumber: release.catalogNumber,
            artworkUrl: releaseArtworkUrl(release.artworkKey, "small"),
          }}
        />
      </section>

      <div className="flex justify-end">
        <ConfirmDialog
          trigger={t("editor.deleteRelease")}
          message={t("editor.deleteReleaseConfirm", { title: release.title })}
          confirmLabel={t("editor.confirmDelete")}
          cancelLabel={t("editor.cancel")}
          action={deleteReleaseAction}
          fields={{ releaseId: release.id, artistSlug: artist.slug }}
        />
      </div>
    </div>
  );
}
