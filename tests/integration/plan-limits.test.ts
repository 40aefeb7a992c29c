import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PATCH } from "@/app/api/releases/[id]/route";
import { releases } from "@/db/schema";
import { SYSTEM } from "@/lib/audit";
import { getPublishedRelease, listPublishedReleases } from "@/lib/catalog/public";
import { setReleaseListed } from "@/lib/catalog/release-listing";
import { setReleaseStatus } from "@/lib/catalog/releases";
import { loadReleaseWidget, loadShopWidget } from "@/lib/embed/data";
import { restoreRelease, takeDownRelease } from "@/lib/moderation";
import { setArtistPlan } from "@/lib/plans";
import { sitemapEntries } from "@/lib/seo/sitemap";
import { makeArtist, makeUser, useTestDb } from "@/tests/support/factories";
import { listedCount, makePublishableDraft, setPlan } from "@/tests/support/plans";

let viewer: { id: string; email: string; name: string | null } | null = null;
vi.mock("@/lib/auth", () => ({ currentUser: async () => viewer }));
// The route runs outside Next here: its messages come from the same catalogue, its cache call is a no-op.
vi.mock("next-intl/server", async () => {
  const { translator } = await import("@/lib/i18n");
  const { t } = translator("en");
  return {
    getTranslations: async (ns: string) => (key: string, values?: Record<string, string>) =>
      t(`${ns}.${key}` as Parameters<typeof t>[0], values),
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
afterEach(() => {
  viewer = null;
});

const db = useTestDb();

async function band() {
  const user = await makeUser(db);
  const artist = await makeArtist(db, user.id);
  return { user, artist };
}

const stored = async (id: string) => (await db.select().from(releases).where(eq(releases.id, id)))[0];

describe("a Free band's one listed release", () => {
  it("publishes one release; the second is refused with plan_limit and stays a draft, while drafts are unlimited", async () => {
    const { user, artist } = await band();
    const first = await makePublishableDraft(db, artist.id, "First");
    const drafts = await Promise.all(["Second", "Third", "Fourth"].map((t) => makePublishableDraft(db, artist.id, t)));
    expect(await setReleaseStatus(db, user.id, first.id, "published")).toMatchObject({
      ok: true,
      release: { status: "published", listed: true },
    });
    expect(await setReleaseStatus(db, user.id, drafts[0].id, "published")).toEqual({
      ok: false,
      error: "plan_limit",
      limit: 1,
    });
    expect(await stored(drafts[0].id)).toMatchObject({ status: "draft", publishedAt: null });
    expect(await listedCount(db, artist.id)).toBe(1);

    // Back to draft frees the place.
    expect(await setReleaseStatus(db, user.id, first.id, "draft")).toMatchObject({ ok: true });
    expect(await setReleaseStatus(db, user.id, drafts[0].id, "published")).toMatchObject({ ok: true });
  });

  it("publishes as many as it likes on Pro", async () => {
    const { user, artist } = await band();
    await setPlan(db, artist.id, "pro");
    for (const title of ["A", "B", "C"]) {
      const draft = await makePublishableDraft(db, artist.id, title);
      expect(await setReleaseStatus(db, user.id, draft.id, "published")).toMatchObject({ ok: true });
    }
    expect(await listedCount(db, artist.id)).toBe(3);
  });

  it("chooses which published release is listed: listing is gated like publishing", async () => {
    const { user, artist } = await band();
    const first = await makePublishableDraft(db, artist.id, "First");
    const second = await makePublishableDraft(db, artist.id, "Second");
    await setReleaseStatus(db, user.id, first.id, "published");
    // Published but unlisted does not count.
    expect(await setReleaseStatus(db, user.id, second.id, "published", { listed: false })).toMatchObject({
      ok: true,
      release: { status: "published", listed: false },
    });
    expect(await setReleaseListed(db, user.id, second.id, true)).toEqual({ ok: false, error: "plan_limit", limit: 1 });
    expect(await setReleaseListed(db, user.id, first.id, false)).toMatchObject({
      ok: true,
      release: { listed: false },
    });
    expect(await setReleaseListed(db, user.id, second.id, true)).toMatchObject({ ok: true, release: { listed: true } });
    expect(await setReleaseListed(db, user.id, first.id, true)).toMatchObject({ ok: false, error: "plan_limit" });
    const draft = await makePublishableDraft(db, artist.id, "Draft");
    expect(await setReleaseListed(db, user.id, draft.id, true)).toEqual({ ok: false, error: "not_published" });
    const stranger = await makeUser(db);
    expect(await setReleaseListed(db, stranger.id, first.id, true)).toEqual({ ok: false, error: "not_found" });
  });

  it("two publishes at once leave exactly one listed release", async () => {
    const { user, artist } = await band();
    const drafts = await Promise.all(
      Array.from({ length: 4 }, (_, i) => makePublishableDraft(db, artist.id, `Race ${i}`)),
    );
    const results = await Promise.all(drafts.map((d) => setReleaseStatus(db, user.id, d.id, "published")));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error === "plan_limit")).toHaveLength(3);
    expect(await listedCount(db, artist.id)).toBe(1);
  });

  it("the database refuses a second listed release that bypasses the check (a direct UPDATE or INSERT)", async () => {
    const { user, artist } = await band();
    const first = await makePublishableDraft(db, artist.id, "First");
    const second = await makePublishableDraft(db, artist.id, "Second");
    await setReleaseStatus(db, user.id, first.id, "published");
    await expect(
      db.update(releases).set({ status: "published", publishedAt: new Date() }).where(eq(releases.id, second.id)),
    ).rejects.toMatchObject({ cause: { constraint_name: "releases_plan_limit" } });
    await expect(
      db.insert(releases).values({ artistId: artist.id, slug: "sneaky", title: "Sneaky", status: "published" }),
    ).rejects.toMatchObject({ cause: { constraint_name: "releases_plan_limit" } });
    expect(await listedCount(db, artist.id)).toBe(1);
    // What the trigger lets through: unlisted, drafts, and edits of the listed one.
    await db.update(releases).set({ status: "published", listed: false }).where(eq(releases.id, second.id));
    await db.update(releases).set({ title: "First (remaster)" }).where(eq(releases.id, first.id));
    // A Pro band is not limited by the trigger either.
    await setPlan(db, artist.id, "pro");
    await db.update(releases).set({ listed: true }).where(eq(releases.id, second.id));
    expect(await listedCount(db, artist.id)).toBe(2);
  });

  it("after a downgrade, re-publishing or re-listing an extra release is refused; drafts stay unlimited", async () => {
    const { user, artist } = await band();
    await setPlan(db, artist.id, "pro");
    const [a, b, c] = await Promise.all(["A", "B", "C"].map((t) => makePublishableDraft(db, artist.id, t)));
    for (const r of [a, b, c]) await setReleaseStatus(db, user.id, r.id, "published");
    const { unlisted } = await db.transaction((tx) => setArtistPlan(tx, artist.id, "free", SYSTEM, "test"));
    expect(unlisted).toHaveLength(2);
    expect(await listedCount(db, artist.id)).toBe(1);
    const extra = unlisted[0];
    expect(await setReleaseListed(db, user.id, extra, true)).toMatchObject({ ok: false, error: "plan_limit" });
    await setReleaseStatus(db, user.id, extra, "draft");
    expect(await setReleaseStatus(db, user.id, extra, "published")).toMatchObject({ ok: false, error: "plan_limit" });
    expect(await stored(extra)).toMatchObject({ status: "draft" });
    const more = await makePublishableDraft(db, artist.id, "Still a draft");
    expect(await stored(more.id)).toMatchObject({ status: "draft" });
    expect(await listedCount(db, artist.id)).toBe(1);
  });

  it("a release taken down and restored after another was listed comes back unlisted, not refused", async () => {
    const { user, artist } = await band();
    const first = await makePublishableDraft(db, artist.id, "First");
    const second = await makePublishableDraft(db, artist.id, "Second");
    await setReleaseStatus(db, user.id, first.id, "published");
    expect(await takeDownRelease(db, first.id, { actor: SYSTEM, reason: "copyright claim" })).toEqual({ ok: true });
    expect(await setReleaseStatus(db, user.id, second.id, "published")).toMatchObject({ ok: true });
    expect(await restoreRelease(db, first.id, { actor: SYSTEM, reason: "claim withdrawn" })).toEqual({ ok: true });
    expect(await stored(first.id)).toMatchObject({ takenDownAt: null, listed: false, status: "published" });
    expect(await listedCount(db, artist.id)).toBe(1);
  });
});

describe("an unlisted release", () => {
  it("leaves the shop grid, the shop widget and the sitemap, while its page and widget still work", async () => {
    const { user, artist } = await band();
    const shown = await makePublishableDraft(db, artist.id, "Shown");
    const hidden = await makePublishableDraft(db, artist.id, "Hidden");
    await setReleaseStatus(db, user.id, shown.id, "published");
    await setReleaseStatus(db, user.id, hidden.id, "published", { listed: false });

    expect((await listPublishedReleases(db, artist.id)).map((r) => r.title)).toEqual(["Shown"]);
    const widget = await loadShopWidget(db, artist.slug);
    expect(widget!.offers.filter((o) => o.kind === "release").map((o) => o.title)).toEqual(["Shown"]);
    const paths: string[] = [];
    for await (const entry of sitemapEntries(db, { from: { artist: artist.slug, release: "" } })) {
      if (!entry.path.startsWith(`/${artist.slug}`)) break;
      paths.push(entry.path);
    }
    expect(paths).toEqual([`/${artist.slug}`, `/${artist.slug}/${shown.slug}`]);

    // Buyers' links keep working.
    expect(await getPublishedRelease(db, artist.slug, hidden.slug)).toMatchObject({ release: { id: hidden.id } });
    expect(await loadReleaseWidget(db, hidden.id)).not.toBeNull();
  });
});

describe("PATCH /api/releases/<id>", () => {
  const patch = (id: string, body: string) =>
    PATCH(
      new Request(`http://localhost/api/releases/${id}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body,
      }),
      { params: Promise.resolve({ id }) },
    );

  it("publishes with the member's session, and answers 409 with the message and the upgrade link past the limit", async () => {
    const { user, artist } = await band();
    const first = await makePublishableDraft(db, artist.id, "First");
    const second = await makePublishableDraft(db, artist.id, "Second");
    viewer = { id: user.id, email: user.email, name: null };

    const ok = await patch(first.id, JSON.stringify({ status: "published" }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ release: { id: first.id, status: "published", listed: true } });

    const refused = await patch(second.id, JSON.stringify({ status: "published" }));
    expect(refused.status).toBe(409);
    const body = await refused.json();
    expect(body).toMatchObject({
      error: "plan_limit",
      message: expect.stringContaining("Free shops show one release"),
    });
    expect(body.upgradeUrl).toMatch(new RegExp(`/dashboard/${artist.slug}/plan$`));
    expect(await stored(second.id)).toMatchObject({ status: "draft" });

    // Published unlisted is allowed; listing it is not.
    const unlisted = await patch(second.id, JSON.stringify({ status: "published", listed: false }));
    expect(unlisted.status).toBe(200);
    expect((await patch(second.id, JSON.stringify({ status: "published", listed: true }))).status).toBe(409);
  });

  it("answers 404 for another band's release, 401 without a session, 400 on bad JSON, 422 when not ready", async () => {
    const mine = await band();
    const theirs = await band();
    const theirRelease = await makePublishableDraft(db, theirs.artist.id, "Theirs");
    expect((await patch(theirRelease.id, JSON.stringify({ status: "published" }))).status).toBe(401);
    viewer = { id: mine.user.id, email: mine.user.email, name: null };
    expect((await patch(theirRelease.id, JSON.stringify({ status: "published" }))).status).toBe(404);
    expect(await stored(theirRelease.id)).toMatchObject({ status: "draft" });
    expect((await patch("not-a-uuid", JSON.stringify({ status: "published" }))).status).toBe(404);

    const own = await makePublishableDraft(db, mine.artist.id, "Own");
    const badJson = await patch(own.id, "{status: published");
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: "invalid_json" });
    expect((await patch(own.id, JSON.stringify({ status: "live" }))).status).toBe(400);
    expect((await patch(own.id, JSON.stringify({ status: "published", listed: "yes" }))).status).toBe(400);
    expect((await patch(own.id, JSON.stringify({ status: "published", extra: 1 }))).status).toBe(400);
    expect(await stored(own.id)).toMatchObject({ status: "draft" });

    const empty = await db
      .insert(releases)
      .values({ artistId: mine.artist.id, slug: "empty", title: "Empty", pricingMode: "free", priceAmount: 0 })
      .returning();
    const notReady = await patch(empty[0].id, JSON.stringify({ status: "published" }));
    expect(notReady.status).toBe(422);
    expect(await notReady.json()).toMatchObject({ error: "no_ready_track", message: expect.any(String) });
  });
});
