import "server-only";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { db } from "@/db";
import { nameOfArtistThing, type NamedThing } from "@/db/queries/names";
import { requireArtistMember } from "@/lib/artists/guard";
import type { Messages } from "@/lib/i18n/messages";

type Named = "release" | "product" | "discount" | "batch" | "printCodes";
type Plain = Exclude<keyof Messages["titles"], Named | "order" | "packingSlip" | "overview">;

/** A dashboard page's tab title; the band layout's template adds " · <band> · Merchtable". */
export async function pageTitle(key: Plain): Promise<Metadata> {
  return { title: (await getTranslations("titles"))(key) };
}

/** The overview shares the layout's segment, so the layout's template does not reach it: whole title here. */
export async function overviewTitle(slug: string): Promise<Metadata> {
  const { artist } = await requireArtistMember({ slug });
  return { title: { absolute: `${(await getTranslations("titles"))("overview")} · ${artist.name} · Merchtable` } };
}

/** "Order 1a2b3c4d" from the id in the address: the page itself 404s for an order the band lacks. */
export async function referenceTitle(key: "order" | "packingSlip", id: string): Promise<Metadata> {
  return { title: (await getTranslations("titles"))(key, { reference: id.slice(0, 8) }) };
}

const generic = { release: "releases", product: "merch", discount: "discounts", batch: "codes" } as const;

/**
 * The tab of one of the band's things is named after it ("First Light · Releases"); only a member
 * gets here (the same check as the page), and a thing of another band is never named.
 */
export async function thingTitle(slug: string, kind: NamedThing, id: string, key: Named): Promise<Metadata> {
  const { artist } = await requireArtistMember({ slug });
  const [t, name] = await Promise.all([getTranslations("titles"), nameOfArtistThing(db, artist.id, kind, id)]);
  return { title: name === null ? t(generic[kind]) : t(key, { name }) };
}
