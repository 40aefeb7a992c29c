import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ReleaseArtwork } from "@/components/release/release-artwork";
import { db } from "@/db";
import { releaseArtworkUrl } from "@/lib/catalog";
import { listWishlist } from "@/lib/collection";
import { wishlistAction } from "./collection-actions";

/** The fan's hearted releases, each a link to its page, with a Remove button. */
export async function WishlistSection({ email }: { email: string }) {
  const [t, release, items] = await Promise.all([
    getTranslations("collection.wishlist"),
    getTranslations("release"),
    listWishlist(db, email),
  ]);
  return (
    <section id="wishlist" className="scroll-mt-6 border-b border-line py-6" aria-labelledby="wishlist-title">
      <h2 id="wishlist-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-muted" data-testid="wishlist-empty">
          {t("empty")}
        </p>
      ) : (
        <ul className="mt-3 divide-y divide-line" data-testid="wishlist">
          {items.map((item) => (
            <li
              key={item.id}
              className="grid grid-cols-[3.5rem_minmax(0,1fr)_auto] items-center gap-4 py-3"
              data-testid="wishlist-item"
            >
              <ReleaseArtwork
                src={releaseArtworkUrl(item.artworkKey, "small")}
                src2x={releaseArtworkUrl(item.artworkKey, "medium")}
                alt=""
                title={item.title}
              />
              <div className="min-w-0">
                <Link
                  href={`/${item.artist.slug}/${item.slug}`}
                  className="block truncate font-semibold underline-offset-2 hover:underline"
                >
                  {item.title}
                </Link>
                <p className="truncate text-sm text-muted">
                  {t("by", { band: item.artist.name })} · {release(`kind.${item.kind}`)}
                </p>
              </div>
              <form action={wishlistAction}>
                <input type="hidden" name="releaseId" value={item.id} />
                <input type="hidden" name="saved" value="false" />
                <input type="hidden" name="back" value="library" />
                <button
                  type="submit"
                  className="rounded-md border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-50"
                  aria-label={t("remove", { title: item.title })}
                >
                  {t("removeShort")}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
