/* eslint-disable @next/next/no-img-element -- artwork is already re-encoded to the sizes we show */

type Props = {
  src: string | null;
  /** Larger variant for high-density screens. */
  src2x?: string | null;
  /** Empty when the title is written next to it (a card): the picture adds nothing to read. */
  alt: string;
  title: string;
  className?: string;
  priority?: boolean;
};

/** Square cover art, or a quiet placeholder with the title when the band has not added any. */
export function ReleaseArtwork({ src, src2x, alt, title, className = "", priority = false }: Props) {
  return (
    <div className={`@container relative aspect-square w-full overflow-hidden rounded-md bg-stone-200 ${className}`}>
      {src ? (
        <img
          src={src}
          srcSet={src2x ? `${src} 1x, ${src2x} 2x` : undefined}
          alt={alt}
          className="h-full w-full object-cover"
          loading={priority ? "eager" : "lazy"}
          fetchPriority={priority ? "high" : undefined}
          decoding="async"
        />
      ) : (
        <div
          role={alt ? "img" : undefined}
          aria-label={alt || undefined}
          aria-hidden={alt ? undefined : true}
          className="flex h-full w-full items-end p-[8%] text-left"
          style={{ backgroundImage: "linear-gradient(145deg, var(--color-accent), #1c1917 85%)" }}
        >
          <span className="line-clamp-3 text-[clamp(0.85rem,9cqw,2.5rem)] font-semibold leading-tight text-[#fafaf9]">
            {title}
          </span>
        </div>
      )}
    </div>
  );
}
