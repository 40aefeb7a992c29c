import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { artists, auditLog, emailQueue, releases } from "@/db/schema";
import { listAudit, SYSTEM } from "@/lib/audit";
import { restoreArtist, suspendArtist, takeDownRelease } from "@/lib/moderation";
import { checkCanList, feeFor, savePlanSettings, setArtistPlan } from "@/lib/plans";
import { makeArtist, makeUser, unique, useTestDb } from "@/tests/support/factories";

const db = useTestDb();
const operator = { kind: "operator" as const, userId: "op-1", email: "op@merchtable.test" };

async function bandWithReleases(count: number, plan: "free" | "pro" = "pro") {
  const owner = await makeUser(db);
  const band = await makeArtist(db, owner.id);
  await db.update(artists).set({ plan }).where(eq(artists.id, band.id));
  const rows = [];
  for (let i = 0; i < count; i++) {
    const [release] = await db
      .insert(releases)
      .values({
        artistId: band.id,
        slug: unique("r"),
        title: `Release ${i}`,
        status: "published",
        publishedAt: new Date(Date.UTC(2026, 0, 1 + i)),
        priceAmount: 500,
      })
      .returning();
    rows.push(release);
  }
  return { owner, band, releases: rows };
}

describe("a band's plan", () => {
  it("lets a Free band list one release and a Pro band any number", async () => {
    const free = await bandWithReleases(1, "free");
    const [draft] = await db
      .insert(releases)
      .values({ artistId: free.band.id, slug: unique("d"), title: "Draft", priceAmount: 500 })
      .returning();
    expect(await db.transaction((tx) => checkCanList(tx, free.band.id, draft.id))).toEqual({
      allowed: false,
      reason: "plan_limit",
      limit: 1,
    });
    // The listed release itself may be re-published (it is not a second one).
    expect(await db.transaction((tx) => checkCanList(tx, free.band.id, free.releases[0].id))).toEqual({
      allowed: true,
    });
    const pro = await bandWithReleases(3, "pro");
    expect(await db.transaction((tx) => checkCanList(tx, pro.band.id, "any"))).toEqual({ allowed: true });
  });

  it("keeps every release on a downgrade, unlisting all but the newest, and records it", async () => {
    const { band, releases: rows } = await bandWithReleases(3, "pro");
    const result = await db.transaction((tx) => setArtistPlan(tx, band.id, "free", SYSTEM, "grace period ended"));
    expect(result.changed).toBe(true);
    expect(result.unlisted.sort()).toEqual([rows[0].id, rows[1].id].sort());
    const after = await db.select().from(releases).where(eq(releases.artistId, band.id));
    expect(after).toHaveLength(3);
    expect(after.every((r) => r.status === "published")).toBe(true);
    expect(after.filter((r) => r.listed).map((r) => r.id)).toEqual([rows[2].id]);
    const [entry] = await listAudit(db, { artistId: band.id });
    expect(entry).toMatchObject({ action: "plan.change", actorKind: "system", reason: "grace period ended" });
    expect(entry.details).toMatchObject({ from: "pro", to: "free" });
    // The same change again changes nothing and records nothing.
    expect(await db.transaction((tx) => setArtistPlan(tx, band.id, "free", SYSTEM))).toEqual({
      changed: false,
      unlisted: [],
    });
    expect(await listAudit(db, { artistId: band.id })).toHaveLength(1);
  });

  it("gives the fee of the band's plan at the moment it is asked", async () => {
    await savePlanSettings(db, {
      currency: "EUR",
      proYearlyAmount: 2900,
      proMonthlyAmount: 300,
      freeFeeBasisPoints: 1000,
      proFeeBasisPoints: 0,
    });
    const { band } = await bandWithReleases(0, "free");
    expect(await feeFor(db, band.id)).toEqual({ plan: "free", basisPoints: 1000 });
    await db.transaction((tx) => setArtistPlan(tx, band.id, "pro", SYSTEM));
    expect(await feeFor(db, band.id)).toEqual({ plan: "pro", basisPoints: 0 });
  });
});

describe("moderation", () => {
  it("suspends a shop once, with a reason, telling its owners, and restores it", async () => {
    const { band, owner } = await bandWithReleases(1);
    expect(await suspendArtist(db, band.id, { actor: operator, reason: "  " })).toEqual({
      ok: false,
      error: "reason_required",
    });
    expect(await suspendArtist(db, band.id, { actor: operator, reason: "Sells stolen music" })).toEqual({ ok: true });
    expect(await suspendArtist(db, band.id, { actor: operator, reason: "again" })).toEqual({
      ok: false,
      error: "unchanged",
    });
    expect(await suspendArtist(db, "no-such-band", { actor: operator, reason: "x" })).toEqual({
      ok: false,
      error: "not_found",
    });
    const [row] = await db.select().from(artists).where(eq(artists.id, band.id));
    expect(row).toMatchObject({ status: "suspended", suspendedReason: "Sells stolen music" });
    const mail = await db
      .select()
      .from(emailQueue)
      .where(and(eq(emailQueue.to, owner.email), like(emailQueue.dedupeKey, `suspend:${band.id}:%`)));
    expect(mail).toHaveLength(1);
    expect(mail[0].text).toContain("Sells stolen music");
    expect(await restoreArtist(db, band.id, { actor: operator, reason: "Rights cleared" })).toEqual({ ok: true });
    const trail = await listAudit(db, { artistId: band.id });
    expect(trail.map((e) => e.action)).toEqual(["artist.restore", "artist.suspend"]);
    expect(trail[1]).toMatchObject({ actorKind: "operator", actorEmail: "op@merchtable.test" });
  });

  it("takes one release down and leaves the band's other releases alone", async () => {
    const { band, releases: rows } = await bandWithReleases(2);
    expect(await takeDownRelease(db, rows[0].id, { actor: operator, reason: "Copyright claim" })).toEqual({ ok: true });
    const after = await db.select().from(releases).where(eq(releases.artistId, band.id));
    expect(after.find((r) => r.id === rows[0].id)).toMatchObject({ takedownReason: "Copyright claim" });
    expect(after.find((r) => r.id === rows[1].id)?.takenDownAt).toBeNull();
  });
});

describe("the audit trail", () => {
  it("cannot be edited or deleted, even by the app's own connection", async () => {
    const { band } = await bandWithReleases(0);
    await db.transaction((tx) => setArtistPlan(tx, band.id, "free", operator, "manual"));
    await expect(
      db.update(auditLog).set({ reason: "rewritten" }).where(eq(auditLog.artistId, band.id)),
    ).rejects.toThrow();
    await expect(db.delete(auditLog).where(eq(auditLog.artistId, band.id))).rejects.toThrow();
    const [entry] = await listAudit(db, { artistId: band.id });
    expect(entry.reason).toBe("manual");
  });
});
