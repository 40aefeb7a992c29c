import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { tracks } from "@/db/schema";
import { createRelease } from "@/lib/catalog/releases";
import { receiveTrackUpload } from "@/lib/catalog/tracks";
import { startWorkers } from "@/lib/jobs";
import { isStuckProcessing } from "@/lib/queue/expiry";
import { makeAudioDir, tone } from "@/tests/support/audio-fixtures";
import { makeArtist, makeUser, useTestDb } from "@/tests/support/factories";

// A short expiry (read once by lib/env.ts), so the takeover happens within the test.
vi.hoisted(() => {
  process.env.JOB_EXPIRE_SECONDS = "2";
});

const db = useTestDb();
const dir = makeAudioDir();

describe("a conversion left by a killed process", () => {
  it("is taken over by another worker within its expiry, and the track ends ready", async () => {
    const user = await makeUser(db);
    const artist = await makeArtist(db, user.id);
    const created = await createRelease(db, user.id, artist.id, { title: "Crash Test" });
    if (!created.ok) throw new Error("setup");
    const file = tone(dir, "crash", "wav", 2);
    const uploaded = await receiveTrackUpload(
      db,
      user.id,
      created.release.id,
      "crash.wav",
      Readable.from(readFileSync(file)),
      null,
    );
    if (!uploaded.ok) throw new Error(uploaded.reason);
    const trackId = uploaded.track.id;

    // The process that was converting it took the job (what pg-boss's fetch writes), then died
    // (kill -9) without completing or failing it.
    const taken = (await db.execute(
      sql`update pgboss.job set state = 'active', started_on = now() where name = 'track-process' and singleton_key = ${trackId} and state = 'created' returning id`,
    )) as unknown as { id: string }[];
    expect(taken).toHaveLength(1);

    // Past its expiry the dashboard offers Retry...
    await new Promise((r) => setTimeout(r, 2100));
    const [stuck] = await db.select().from(tracks).where(eq(tracks.id, trackId));
    expect(stuck.status).toBe("processing");
    expect(isStuckProcessing(stuck)).toBe(true);

    // ...and a live worker picks the job up by itself.
    const started = Date.now();
    const stop = await startWorkers();
    try {
      let track = stuck;
      while (track.status === "processing" && Date.now() - started < 45_000) {
        await new Promise((r) => setTimeout(r, 250));
        [track] = await db.select().from(tracks).where(eq(tracks.id, trackId));
      }
      expect(track.status).toBe("ready");
      expect(track.durationMs).toBe(2000);
      const [done] = (await db.execute(
        sql`select state::text as state, retry_count as "retryCount" from pgboss.job where id = ${taken[0].id}`,
      )) as unknown as { state: string; retryCount: number }[];
      expect(done.state).toBe("completed");
      expect(done.retryCount).toBeGreaterThanOrEqual(1);
    } finally {
      await stop();
    }
  }, 60_000);
});
