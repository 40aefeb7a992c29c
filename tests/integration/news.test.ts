import { and, eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, describe, expect, it } from "vitest";
import {
  emailQueue,
  fanProfiles,
  fanSubscriptions,
  follows,
  postDeliveries,
  posts,
  subscribers,
  type Post,
} from "@/db/schema";
import type { Email } from "@/lib/email";
import { isLiveSubscriber } from "@/lib/fan-subscriptions";
import { translator } from "@/lib/i18n";
import {
  createPost,
  mailingCounts,
  newsUnsubscribeToken,
  publishPost,
  recoverStaleDeliveries,
  resumeNewsMailings,
  sendPostMailing,
  sendTestPost,
  STALE_SENDING_MS,
  unsubscribeFromNews,
  updatePost,
} from "@/lib/news";
import { boss, forgetBoss } from "@/lib/queue";
import { makeArtist, makeUser, unique, useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";
import { startSmtpStandIn } from "@/tests/support/smtp-stand-in";

const db = useTestDb();
afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  forgetBoss();
});

const fan = (name = "fan") => `${unique(name)}@example.test`;

async function band() {
  const shop = await makeShop(db);
  return { ...shop, artistId: shop.artist.id };
}

async function follower(artistId: string, email = fan("follower"), status: "pending" | "confirmed" = "confirmed") {
  await db.insert(follows).values({ artistId, email, status, confirmedAt: status === "confirmed" ? new Date() : null });
  return email;
}

async function buyer(artistId: string, email = fan("buyer")) {
  await db.insert(subscribers).values({ artistId, email, source: "checkout" });
  return email;
}

async function subscriber(artistId: string, email = fan("sub"), status: "active" | "past_due" | "canceled" = "active") {
  await db.insert(fanSubscriptions).values({
    artistId,
    email,
    provider: "test",
    interval: "month",
    amount: 500,
    currency: "EUR",
    status,
  });
  return email;
}

async function draft(artistId: string, fields: Record<string, string> = {}): Promise<Post> {
  const created = await createPost(db, artistId, null, { title: "Tour dates", body: "We play Lyon.", ...fields });
  if (!created.ok) throw new Error(`post refused: ${JSON.stringify(created)}`);
  return created.post;
}

async function deliveries(postId: string) {
  return db.select().from(postDeliveries).where(eq(postDeliveries.postId, postId));
}

/** A mail server that keeps what it was handed, one entry per message. */
function recorder() {
  const sent: Email[] = [];
  return { sent, deliver: async (email: Email) => void sent.push(email) };
}

describe("who gets a band's post", () => {
  it("confirmed followers, opted-in buyers and live subscribers, once per address; nobody else", async () => {
    const { artistId } = await band();
    const other = await band();
    const confirmed = await follower(artistId);
    await follower(artistId, fan("pending"), "pending");
    const left = await follower(artistId, fan("left"));
    await db.update(follows).set({ unsubscribedAt: new Date() }).where(eq(follows.email, left));
    const optedIn = await buyer(artistId);
    const buyerLeft = await buyer(artistId, fan("buyer-left"));
    await db.update(subscribers).set({ unsubscribedAt: new Date() }).where(eq(subscribers.email, buyerLeft));
    const active = await subscriber(artistId);
    const grace = await subscriber(artistId, fan("grace"), "past_due");
    await subscriber(artistId, fan("canceled"), "canceled");
    // Both a follower and a buyer (written differently): one message.
    const both = fan("both");
    await follower(artistId, both);
    await buyer(artistId, both.toUpperCase());
    // Turned every mail off.
    const quiet = await follower(artistId, fan("quiet"));
    await db.insert(fanProfiles).values({ email: quiet, mailOffAt: new Date() });
    // Another band's follower.
    await follower(other.artistId, fan("elsewhere"));

    const post = await draft(artistId);
    const published = await publishPost(db, artistId, post.id);
    expect(published.ok && published.recipients).toBe(5);
    const rows = await deliveries(post.id);
    const reasons = Object.fromEntries(rows.map((r) => [r.email, r.reason]));
    expect(reasons).toEqual({
      [confirmed]: "follower",
      [optedIn]: "buyer",
      [active]: "subscriber",
      [grace]: "subscriber",
      [both]: "follower",
    });
  });

  it("a subscribers-only post goes to live subscribers alone", async () => {
    const { artistId } = await band();
    await follower(artistId);
    await buyer(artistId);
    const active = await subscriber(artistId);
    const post = await draft(artistId, { audience: "subscribers" });
    await publishPost(db, artistId, post.id);
    expect((await deliveries(post.id)).map((r) => r.email)).toEqual([active]);
  });

  it("publishes once: a second publish and later edits never add or resend anything", async () => {
    const { artistId } = await band();
    await follower(artistId);
    const post = await draft(artistId);
    expect((await publishPost(db, artistId, post.id)).ok).toBe(true);
    const late = await follower(artistId);
    expect(await publishPost(db, artistId, post.id)).toEqual({ ok: false, error: "already_published" });
    const edited = await updatePost(db, artistId, post.id, { title: "Tour dates (updated)", body: "Lyon and Nantes." });
    expect(edited.ok).toBe(true);
    const rows = await deliveries(post.id);
    expect(rows).toHaveLength(1);
    expect(rows.some((r) => r.email === late)).toBe(false);
  });
});

describe("who reads a subscribers-only post in full", () => {
  it("a live subscriber (active or in grace) of this band, whatever the address's case; nobody else", async () => {
    const { artistId } = await band();
    const other = await band();
    const active = await subscriber(artistId);
    const grace = await subscriber(artistId, fan("grace"), "past_due");
    const ended = await subscriber(artistId, fan("ended"), "canceled");
    const elsewhere = await subscriber(other.artistId);
    expect(await isLiveSubscriber(db, artistId, active.toUpperCase())).toBe(true);
    expect(await isLiveSubscriber(db, artistId, grace)).toBe(true);
    expect(await isLiveSubscriber(db, artistId, ended)).toBe(false);
    expect(await isLiveSubscriber(db, artistId, elsewhere)).toBe(false);
    expect(await isLiveSubscriber(db, artistId, null)).toBe(false);
  });
});

describe("another band's things are refused", () => {
  it("its post cannot be edited or published, its release cannot be attached", async () => {
    const mine = await band();
    const theirs = await band();
    const theirPost = await draft(theirs.artistId);

    expect(await updatePost(db, mine.artistId, theirPost.id, { title: "Mine now", body: "" })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await publishPost(db, mine.artistId, theirPost.id)).toEqual({ ok: false, error: "not_found" });
    const attach = await createPost(db, mine.artistId, null, { title: "Out now", releaseId: theirs.album.id });
    expect(attach).toMatchObject({ ok: false, error: "invalid", fieldErrors: { releaseId: "release_unknown" } });

    const [after] = await db.select().from(posts).where(eq(posts.id, theirPost.id));
    expect(after).toMatchObject({ title: "Tour dates", status: "draft" });
    expect(await db.select().from(posts).where(eq(posts.artistId, mine.artistId))).toHaveLength(0);

    const own = await createPost(db, mine.artistId, null, { title: "Out now", releaseId: mine.album.id });
    expect(own.ok && own.post.releaseId).toBe(mine.album.id);
  });

  it("a post's markup refuses javascript: links and pictures from elsewhere, and keeps HTML as text", async () => {
    const { artistId } = await band();
    const script = await createPost(db, artistId, null, { title: "x", body: "Hi [click](JavaScript:steal)" });
    expect(script).toMatchObject({ ok: false, fieldErrors: { body: "link_scheme" }, badUrl: "JavaScript:steal" });
    const foreign = await createPost(db, artistId, null, { title: "x", body: "![](https://evil.example/p.png)" });
    expect(foreign).toMatchObject({ ok: false, fieldErrors: { body: "image_foreign" } });
    const otherBand = await createPost(db, artistId, null, {
      title: "x",
      body: "![](/media/artists/00000000-0000-0000-0000-000000000000/post-0123456789ab-1200.webp)",
    });
    expect(otherBand).toMatchObject({ ok: false, fieldErrors: { body: "image_foreign" } });
    expect(await db.select().from(posts).where(eq(posts.artistId, artistId))).toHaveLength(0);

    const html = await draft(artistId, { body: `<script>alert("hi")</script> <b>bold</b> https://band.example/tour.` });
    await follower(artistId);
    await publishPost(db, artistId, html.id);
    const mail = recorder();
    await sendPostMailing(db, html.id, { deliver: mail.deliver });
    expect(mail.sent[0].html).toContain("&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;");
    expect(mail.sent[0].html).not.toContain("<script>");
    expect(mail.sent[0].html).toContain('<a href="https://band.example/tour"');
  });
});

describe("a post's mail speaks the fan's language", () => {
  it("our words around the band's text follow the language of the fan's follow, subscription or order", async () => {
    const { artistId } = await band();
    const french = fan("fr");
    await db
      .insert(follows)
      .values({ artistId, email: french, status: "confirmed", confirmedAt: new Date(), locale: "fr" });
    const german = await subscriber(artistId, fan("de"));
    await db.update(fanSubscriptions).set({ locale: "de" }).where(eq(fanSubscriptions.email, german));
    const unknown = await buyer(artistId);
    const post = await draft(artistId);
    await publishPost(db, artistId, post.id);
    const mail = recorder();
    await sendPostMailing(db, post.id, { deliver: mail.deliver });
    const textFor = (email: string) => mail.sent.find((sent) => sent.to === email)?.text ?? "";
    expect(textFor(french)).toContain("Le lire sur la page du groupe");
    expect(textFor(french)).toContain("We play Lyon.");
    expect(textFor(german)).toContain("Auf der Seite der Band lesen");
    expect(textFor(unknown)).toContain(translator("en").t("news.email.open"));
  });
});

describe("the batch mailing", () => {
  async function publishedTo(count: number) {
    const { artistId } = await band();
    const fans = [];
    for (let i = 0; i < count; i++) fans.push(await follower(artistId, fan(`f${i}`)));
    const post = await draft(artistId);
    await publishPost(db, artistId, post.id);
    return { artistId, post, fans };
  }

  it("resumes after a crash mid-mailing without sending anyone the post twice", async () => {
    const { post, fans } = await publishedTo(7);
    const server = recorder();
    // The worker dies right after the server took the 5th message, before recording it.
    let handed = 0;
    const crashing = async (email: Email) => {
      await server.deliver(email);
      if (++handed === 5) throw new Error("worker killed");
    };
    await expect(sendPostMailing(db, post.id, { batchSize: 3, deliver: crashing })).rejects.toThrow("worker killed");
    expect(server.sent).toHaveLength(5);

    // A restart within the stale window: only what was never claimed goes; the stuck rows wait.
    await sendPostMailing(db, post.id, { batchSize: 3, deliver: server.deliver });
    // After the window, the chore applies the crash rule and finishes the mailing.
    const later = new Date(Date.now() + STALE_SENDING_MS + 60_000);
    expect(await recoverStaleDeliveries(db, later)).toBe(2);
    await sendPostMailing(db, post.id, { batchSize: 3, deliver: server.deliver });

    const received = server.sent.map((e) => e.to).sort();
    expect(received).toEqual([...fans].sort());
    const counts = (await mailingCounts(db, [post.id])).get(post.id);
    expect(counts).toEqual({ recipients: 7, delivered: 6, bounced: 0, unsubscribed: 0, toSend: 0, interrupted: 1 });
    const [done] = await db.select().from(posts).where(eq(posts.id, post.id));
    expect(done.sendFinishedAt).not.toBeNull();
  });

  it("two workers on the same mailing send each message once", async () => {
    const { post, fans } = await publishedTo(12);
    const server = recorder();
    const slow = async (email: Email) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await server.deliver(email);
    };
    await Promise.all([
      sendPostMailing(db, post.id, { batchSize: 2, deliver: slow }),
      sendPostMailing(db, post.id, { batchSize: 2, deliver: slow }),
    ]);
    expect(server.sent.map((e) => e.to).sort()).toEqual([...fans].sort());
  });

  it("the resume chore finishes a mailing whose job never ran", async () => {
    const { post, fans } = await publishedTo(3);
    const crashing = async () => {
      throw new Error("worker killed");
    };
    await expect(sendPostMailing(db, post.id, { deliver: crashing })).rejects.toThrow();
    // Nothing was handed over for the two rows claimed after the first: they go; the first is the crash rule's.
    await resumeNewsMailings(db, new Date(Date.now() + STALE_SENDING_MS + 60_000));
    const rows = await deliveries(post.id);
    expect(rows.filter((r) => r.status === "sent").map((r) => r.email)).toHaveLength(2);
    expect(rows.filter((r) => r.status === "skipped")).toHaveLength(1);
    expect(fans).toContain(rows.find((r) => r.status === "skipped")!.email);
  });

  it("through SMTP: one recipient per message, unsubscribe headers, bounces counted, 4xx retried later", async () => {
    const bouncing = fan("gone");
    const busy = fan("busy");
    const smtp = await startSmtpStandIn(
      new Map([
        [bouncing, "550 5.1.1 no such mailbox"],
        [busy, "450 4.2.0 mailbox busy, try later"],
      ]),
    );
    try {
      const { artistId } = await band();
      const fine = [await follower(artistId), await buyer(artistId), await subscriber(artistId)];
      await follower(artistId, bouncing);
      await follower(artistId, busy);
      const post = await draft(artistId);
      await publishPost(db, artistId, post.id);
      const transport = nodemailer.createTransport(smtp.url);
      const deliver = async (email: Email) =>
        void (await transport.sendMail({ from: "news@merchtable.test", ...email }));
      const run = await sendPostMailing(db, post.id, { deliver });
      expect(run).toEqual({ sent: 3, bounced: 1, deferred: 1 });

      expect(smtp.messages.map((m) => m.to)).toEqual(expect.arrayContaining(fine.map((f) => [f])));
      for (const message of smtp.messages) {
        expect(message.to).toHaveLength(1);
        expect(message.headers.get("to")).toBe(message.to[0]);
        expect(message.headers.has("cc")).toBe(false);
        expect(message.headers.has("bcc")).toBe(false);
        expect(message.headers.has("reply-to")).toBe(false);
        expect(message.headers.get("list-unsubscribe")).toMatch(/^<http.*\/news\/unsubscribe\/.+>$/);
        expect(message.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      }
      const rows = await deliveries(post.id);
      expect(rows.find((r) => r.email === bouncing)).toMatchObject({ status: "bounced" });
      expect(rows.find((r) => r.email === busy)).toMatchObject({ status: "pending", attempts: 1 });
      expect((await mailingCounts(db, [post.id])).get(post.id)).toMatchObject({
        recipients: 5,
        delivered: 3,
        bounced: 1,
        toSend: 1,
      });
      transport.close();
    } finally {
      await smtp.close();
    }
  });
});

describe("leaving a band's news", () => {
  it("the mail's link ends the follow and the buyer opt-in, counts the leaving, and the next post skips the fan", async () => {
    const { artistId } = await band();
    const both = await follower(artistId);
    await buyer(artistId, both);
    const stays = await follower(artistId);
    const post = await draft(artistId);
    await publishPost(db, artistId, post.id);
    const [row] = (await deliveries(post.id)).filter((r) => r.email === both);

    expect(await unsubscribeFromNews(db, `${row.id}.forged`)).toEqual({ ok: false });
    const [still] = await db.select().from(follows).where(eq(follows.email, both));
    expect(still.unsubscribedAt).toBeNull();

    const done = await unsubscribeFromNews(db, newsUnsubscribeToken(row.id));
    expect(done).toMatchObject({ ok: true, email: both, done: true });
    expect(await unsubscribeFromNews(db, newsUnsubscribeToken(row.id))).toMatchObject({ ok: true });
    const [f] = await db
      .select()
      .from(follows)
      .where(and(eq(follows.email, both), eq(follows.artistId, artistId)));
    const [s] = await db.select().from(subscribers).where(eq(subscribers.email, both));
    expect(f.unsubscribedAt).not.toBeNull();
    expect(s.unsubscribedAt).not.toBeNull();
    expect((await mailingCounts(db, [post.id])).get(post.id)).toMatchObject({ recipients: 2, unsubscribed: 1 });

    const next = await draft(artistId, { title: "Next" });
    await publishPost(db, artistId, next.id);
    expect((await deliveries(next.id)).map((r) => r.email)).toEqual([stays]);
  });
});

describe("send me a test", () => {
  it("goes to the member's own address, marked as a test, a few times per quarter hour", async () => {
    const { artistId } = await band();
    const member = await makeUser(db);
    const post = await draft(artistId);
    for (let i = 0; i < 5; i++) expect(await sendTestPost(db, artistId, post.id, member)).toMatchObject({ ok: true });
    expect(await sendTestPost(db, artistId, post.id, member)).toMatchObject({ ok: false, error: "rate_limited" });
    const queued = await db.select().from(emailQueue).where(eq(emailQueue.to, member.email));
    expect(queued).toHaveLength(5);
    expect(queued[0].subject).toMatch(/^\[Test\] /);
    expect(await deliveries(post.id)).toHaveLength(0);

    const stranger = await makeArtist(db, member.id);
    expect(await sendTestPost(db, stranger.id, post.id, member)).toEqual({ ok: false, error: "not_found" });
  });
});
