import { getLocale } from "next-intl/server";
import type { Artist } from "@/db/schema";
import type { PublicRelease, ReleaseSummary } from "@/lib/catalog";
import { env } from "@/lib/env";
import type { ReleaseOffers } from "@/lib/orders";
import { jsonLdText, releaseJsonLd, renderLocale, shopJsonLd, type PageContext } from "@/lib/seo";

/**
 * schema.org data for search engines. A data block, never run by the browser (so CSP does not
 * apply to it); jsonLdText escapes "<" so a band's "</script>" cannot end the element early.
 */
function JsonLd({ data }: { data: Record<string, unknown> }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(data) }} />;
}

async function context(): Promise<PageContext> {
  return { origin: env().APP_URL, locale: renderLocale(await getLocale()), now: new Date() };
}

/** A release page's MusicAlbum; `offers` is what its buy box shows (null on a draft preview). */
export async function ReleaseJsonLd({ release, offers }: { release: PublicRelease; offers: ReleaseOffers | null }) {
  return <JsonLd data={releaseJsonLd(release, offers, await context())} />;
}

/** A shop page's MusicGroup with its published releases. */
export async function ShopJsonLd({ artist, releases }: { artist: Artist; releases: ReleaseSummary[] }) {
  return <JsonLd data={shopJsonLd(artist, releases, await context())} />;
}
