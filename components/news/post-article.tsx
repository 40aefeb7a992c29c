/* eslint-disable @next/next/no-img-element -- post pictures are already re-encoded by lib/images */
import Link from "next/link";
import { ReleaseArtwork } from "@/components/release/release-artwork";
import type { Block } from "@/lib/news";

export type PostRelease = { title: string; href: string; artworkUrl: string | null; label: string };

/** The body as React elements: text is text (React escapes it), links are http(s) only (lib/news/markup.ts). */
export function PostBody({ blocks }: { blocks: Block[] }) {
  return (
    <div className="space-y-4 leading-relaxed" data-testid="post-body">
      {blocks.map((block, i) =>
        block.kind === "image" ? (
          <img key={i} src={block.src} alt={block.alt} className="h-auto max-w-full rounded-md" loading="lazy" />
        ) : (
          <p key={i}>
            {block.content.map((part, j) =>
              part.kind === "br" ? (
                <br key={j} />
              ) : part.kind === "text" ? (
                part.text
              ) : (
                <a
                  key={j}
                  href={part.href}
                  rel="nofollow noopener noreferrer ugc"
                  className="underline underline-offset-2 hover:text-stone-600"
                >
                  {part.text}
                </a>
              ),
            )}
          </p>
        ),
      )}
    </div>
  );
}

/**
 * A post as fans see it: on its page and, the same component, in the dashboard's preview.
 * `teaser` replaces the body for a subscriber-only post read by someone who is not one.
 */
export function PostArticle({
  title,
  dateLabel,
  badge,
  blocks,
  teaser,
  release,
  headingLevel = 1,
}: {
  title: string;
  dateLabel: string | null;
  badge: string | null;
  blocks: Block[];
  teaser: { text: string; note: string; hint: string; hintHref: string } | null;
  release: PostRelease | null;
  headingLevel?: 1 | 2;
}) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <article className="space-y-5" data-testid="post-article">
      <header className="space-y-1">
        <Heading className="text-3xl font-semibold tracking-tight">{title}</Heading>
        <p className="text-sm text-muted">
          {dateLabel}
          {badge && (
            <span className="ml-2 rounded-full bg-stone-200 px-2 py-0.5 text-xs font-medium text-ink">{badge}</span>
          )}
        </p>
      </header>
      {teaser ? (
        <div className="space-y-3" data-testid="post-teaser">
          {teaser.text && <p className="leading-relaxed">{teaser.text}</p>}
          <p className="rounded-md border border-line bg-white px-4 py-3 text-sm">
            {teaser.note}{" "}
            <Link href={teaser.hintHref} className="underline underline-offset-2">
              {teaser.hint}
            </Link>
          </p>
        </div>
      ) : (
        <PostBody blocks={blocks} />
      )}
      {release && (
        <Link
          href={release.href}
          className="flex max-w-sm items-center gap-4 rounded-lg border border-line bg-white p-3 hover:bg-stone-50"
          data-testid="post-release"
        >
          <div className="w-20 shrink-0">
            <ReleaseArtwork src={release.artworkUrl} alt="" title={release.title} />
          </div>
          <span className="min-w-0">
            <span className="block text-xs uppercase tracking-wide text-muted">{release.label}</span>
            <span className="block truncate font-medium">{release.title}</span>
          </span>
        </Link>
      )}
    </article>
  );
}
