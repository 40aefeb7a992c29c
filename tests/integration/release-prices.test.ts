import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { releases, tracks } from "@/db/schema";
import { eachTrackPrice, setReleasePrices } from "@/lib/catalog/release-prices";
import { createRelease } from "@/lib/catalog/releases";
import { makeArtist, makeUser, useTestDb } from "@/tests/support/factories";

const db = useTestDb();

async function releaseWithTracks(count: number) {
  const user = await makeUser(db);
  const artist = await makeArtist(db, user.id);
  const created = await createRelease(db, user.id, artist.id, { title: "Night Ferry" });
  if (!created.ok) throw new Error("setup");
  const release = created.release;
  await db.insert(tracks).values(
    Array.from({ length: count }, (_, i) => ({
      artistId: artist.id,
      releaseId: release.id,
      position: i + 1,
      title: `Song ${i + 1}`,
      masterKey: `m/${i}`,
      status: "ready" as const,
    })),
  );
  return { user, artist, release };
}

const trackRules = (releaseId: string) =>
  db
    .select({ pricingMode: tracks.pricingMode, priceAmount: tracks.priceAmount, priceMinimum: tracks.priceMinimum })
    .from(tracks)
    .where(eq(tracks.releaseId, releaseId))
    .orderBy(asc(tracks.position));

describe("pricing a release and every track at once", () => {
  it("sells the album at €7 and each of its three tracks alone at €1 in one save", async () => {
    const { user, release } = await releaseWithTracks(3);
    const result = await setReleasePrices(db, user.id, release.id, {
      pricingMode: "fixed",
      priceAmount: "7",
      trackPrice: "1",
    });
    expect(result).toMatchObject({ ok: true, release: { pricingMode: "fixed", priceAmount: 700 } });
    expect(await trackRules(release.id)).toEqual(
      Array(3).fill({ pricingMode: "fixed", priceAmount: 100, priceMinimum: 0 }),
    );
    expect(eachTrackPrice(await trackRules(release.id), "EUR")).toEqual({ value: "1.00", mixed: false });
  });

  it("an empty track price sells the tracks only with the release", async () => {
    const { user, release } = await releaseWithTracks(2);
    await setReleasePrices(db, user.id, release.id, { pricingMode: "fixed", priceAmount: "7", trackPrice: "1,50" });
    await setReleasePrices(db, user.id, release.id, { pricingMode: "fixed", priceAmount: "7", trackPrice: "" });
    expect(await trackRules(release.id)).toEqual(
      Array(2).fill({ pricingMode: null, priceAmount: null, priceMinimum: 0 }),
    );
    expect(eachTrackPrice(await trackRules(release.id), "EUR")).toEqual({ value: "", mixed: false });
  });

  it("keeps tracks priced one by one when the form said so and the field stayed empty", async () => {
    const { user, release } = await releaseWithTracks(2);
    const [first] = await db
      .select()
      .from(tracks)
      .where(eq(tracks.releaseId, release.id))
      .orderBy(asc(tracks.position));
    await db
      .update(tracks)
      .set({ pricingMode: "pay_what_you_want", priceAmount: 200, priceMinimum: 100 })
      .where(eq(tracks.id, first.id));
    expect(eachTrackPrice(await trackRules(release.id), "EUR")).toEqual({ value: "", mixed: true });
    await setReleasePrices(db, user.id, release.id, {
      pricingMode: "fixed",
      priceAmount: "8",
      trackPrice: "",
      tracksMixed: "1",
    });
    expect((await trackRules(release.id))[0]).toEqual({
      pricingMode: "pay_what_you_want",
      priceAmount: 200,
      priceMinimum: 100,
    });
  });

  it("refuses a bad price with a reason per field and changes nothing", async () => {
    const { user, release } = await releaseWithTracks(2);
    expect(
      await setReleasePrices(db, user.id, release.id, { pricingMode: "fixed", priceAmount: "7", trackPrice: "0" }),
    ).toEqual({ ok: false, error: "invalid", fieldErrors: { trackPrice: "price_zero" } });
    expect(
      await setReleasePrices(db, user.id, release.id, { pricingMode: "fixed", priceAmount: "", trackPrice: "abc" }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { priceAmount: "price_required", trackPrice: expect.stringMatching(/^money_/) },
    });
    const [row] = await db.select().from(releases).where(eq(releases.id, release.id));
    // Still never priced (null): a refused save leaves the release as it was.
    expect(row.priceAmount).toBeNull();
    expect(await trackRules(release.id)).toEqual(
      Array(2).fill({ pricingMode: null, priceAmount: null, priceMinimum: 0 }),
    );
  });

  it("another band's member gets not_found and changes nothing", async () => {
    const { release } = await releaseWithTracks(1);
    const stranger = await makeUser(db);
    expect(
      await setReleasePrices(db, stranger.id, release.id, { pricingMode: "fixed", priceAmount: "1", trackPrice: "1" }),
    ).toEqual({ ok: false, error: "not_found" });
    expect(await trackRules(release.id)).toEqual([{ pricingMode: null, priceAmount: null, priceMinimum: 0 }]);
  });
});
