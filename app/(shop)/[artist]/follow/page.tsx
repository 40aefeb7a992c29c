import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { libraryViewer } from "@/app/(shop)/library/library-session";
import { ClientMessages } from "@/components/i18n/client-messages";
import { accentStyle } from "@/components/ui/accent-style";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { db } from "@/db";
import { getArtistBySlug } from "@/lib/artists";
import { followSource, followState } from "@/lib/follows";
import { localeHref } from "@/lib/i18n/locale-href";
import { shopAvailable } from "@/lib/moderation";
import { followAsFanAction } from "./actions";
import { FollowByEmailForm } from "./follow-form";

export async function generateMetadata({ params }: PageProps<"/[artist]/follow">): Promise<Metadata> {
  const artist = await getArtistBySlug(db, (await params).artist);
  const t = await getTranslations("follows.page");
  return { title: artist ? t("title", { band: artist.name }) : undefined, robots: { index: false } };
}

/**
 * Where every Follow button leads (shop, release pages, widgets in a new tab). The shop and release
 * pages are cached for everyone, so who the visitor is is read here: a fan signed in to the library
 * follows in one click, anyone else with an e-mail and its confirmation link.
 */
export default async function FollowPage({ params, searchParams }: PageProps<"/[artist]/follow">) {
  await connection();
  const artist = await getArtistBySlug(db, (await params).artist);
  if (!artist || !shopAvailable(artist)) notFound();
  const query = await searchParams;
  const from = followSource(query.from);
  const done = typeof query.done === "string" ? query.done : null;
  const [t, viewer, shopHref] = await Promise.all([
    getTranslations("follows.page"),
    libraryViewer(),
    localeHref(`/${artist.slug}`),
  ]);
  const state = viewer ? await followState(db, artist.id, viewer.email) : null;
  const band = artist.name;
  return (
    <div
      className="mx-auto max-w-xl px-4 py-10 sm:py-14"
      style={accentStyle(artist.accentColor)}
      data-testid="follow-page"
    >
      <p className="text-sm text-muted">
        <Link href={shopHref} className="underline underline-offset-2 hover:text-ink">
          {t("back", { band })}
        </Link>
      </p>
      <h1 className="mt-1 text-3xl font-semibold tracking-tight">{t("title", { band })}</h1>
      <p className="mt-2 text-muted">{t("intro", { band })}</p>
      <div className="mt-8 space-y-4 rounded-lg border border-line bg-surface p-6 shadow-xs">
        {viewer && state ? (
          <>
            {done === "followed" && state.following && (
              <Notice tone="success">{t("followed", { band, email: viewer.email })}</Notice>
            )}
            {done === "unfollowed" && !state.following && <Notice>{t("unfollowed", { band })}</Notice>}
            {state.mailOff && <Notice>{t("mailOff")}</Notice>}
            <form action={followAsFanAction} data-testid="follow-as-fan">
              <input type="hidden" name="artistId" value={artist.id} />
              <input type="hidden" name="slug" value={artist.slug} />
              <input type="hidden" name="from" value={from} />
              {state.following ? (
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <p className="text-sm" data-testid="follow-state">
                    {t("following", { band, email: viewer.email })}
                  </p>
                  <input type="hidden" name="intent" value="unfollow" />
                  <SubmitButton variant="secondary">{t("unfollow")}</SubmitButton>
                </div>
              ) : (
                <SubmitButton className="w-full">{t("followAs", { email: viewer.email })}</SubmitButton>
              )}
            </form>
          </>
        ) : (
          <ClientMessages namespaces={["follows.page"]}>
            <FollowByEmailForm artistId={artist.id} from={from} />
          </ClientMessages>
        )}
        <p className="text-xs text-muted">{t("privacy")}</p>
      </div>
    </div>
  );
}
