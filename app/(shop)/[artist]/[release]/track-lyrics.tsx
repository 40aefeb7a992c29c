import { getTranslations } from "next-intl/server";
import type { PublicTrack } from "@/lib/catalog/public";

/**
 * Each track's lyrics, folded: a details/summary per track, so it opens with Enter or Space and
 * screen readers announce it as expanded or collapsed without any script.
 */
export async function TrackLyrics({ tracks }: { tracks: Pick<PublicTrack, "id" | "position" | "title" | "lyrics">[] }) {
  const withLyrics = tracks.filter((track) => track.lyrics.trim());
  if (!withLyrics.length) return null;
  const t = await getTranslations("collection.lyrics");
  return (
    <section aria-labelledby="lyrics-heading" data-testid="release-lyrics">
      <h2 id="lyrics-heading" className="text-xs font-semibold uppercase tracking-wide text-muted">
        {t("show")}
      </h2>
      <ul className="mt-2 divide-y divide-line border-y border-line">
        {withLyrics.map((track) => (
          <li key={track.id}>
            <details className="group" data-testid="track-lyrics">
              <summary className="flex cursor-pointer items-center gap-3 py-2 text-sm font-medium hover:underline focus-visible:outline-2 focus-visible:outline-offset-2">
                <span className="w-6 text-right tabular-nums text-muted">{track.position}</span>
                <span className="flex-1">{track.title}</span>
                <span aria-hidden="true" className="text-muted transition-transform group-open:rotate-180">
                  ▾
                </span>
              </summary>
              <div
                role="region"
                aria-label={t("region", { title: track.title })}
                className="max-w-prose space-y-3 pb-4 pl-9 text-sm leading-relaxed"
              >
                {track.lyrics.split(/\n{2,}/).map((stanza, i) => (
                  <p key={i} className="whitespace-pre-line">
                    {stanza}
                  </p>
                ))}
              </div>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
