import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import { isUniqueViolation, type Db, type DbOrTx, type Tx } from "@/db/client";
import { posts, releases, type Post } from "@/db/schema";
import { slugify } from "@/lib/artists";
import { enqueueNewsSend } from "@/lib/queue";
import { parsePostBody } from "./markup";
import { planDeliveries } from "./recipients";

export const TITLE_MAX = 200;
export const BODY_MAX = 20_000;

const postInput = z.object({
  title: z.string().trim().min(1, "title_required").max(TITLE_MAX, "title_too_long"),
  body: z.string().max(BODY_MAX, "body_too_long").default(""),
  releaseId: z
    .string()
    .trim()
    .max(64)
    .default("")
    .transform((v) => v || null),
  audience: z.enum(["everyone", "subscribers"], { message: "audience_invalid" }).default("everyone"),
});

export type PostFieldErrors = Partial<Record<"title" | "body" | "releaseId" | "audience", string>>;
export type SavePostResult =
  | { ok: true; post: Post }
  | { ok: false; error: "invalid"; fieldErrors: PostFieldErrors; badUrl?: string }
  | { ok: false; error: "not_found" };

/**
 * Checks everything before writing: the markup (http(s) links only, the band's own pictures), and
 * that an attached release is one of this band's published ones (another band's id is refused as
 * if it did not exist).
 */
async function validate(db: DbOrTx, artistId: string, raw: Record<string, unknown>) {
  const parsed = postInput.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: PostFieldErrors = {};
    for (const issue of parsed.error.issues)
      fieldErrors[issue.path[0] as keyof PostFieldErrors] ??= issue.message.includes("_") ? issue.message : "invalid";
    return { ok: false as const, fieldErrors };
  }
  const { problems } = parsePostBody(parsed.data.body, artistId);
  if (problems.length) {
    const first = problems[0];
    return { ok: false as const, fieldErrors: { body: first.kind } as PostFieldErrors, badUrl: first.url };
  }
  if (parsed.data.releaseId) {
    const [release] = await db
      .select({ id: releases.id })
      .from(releases)
      .where(
        and(eq(releases.id, parsed.data.releaseId), eq(releases.artistId, artistId), eq(releases.status, "published")),
      );
    if (!release) return { ok: false as const, fieldErrors: { releaseId: "release_unknown" } as PostFieldErrors };
  }
  return { ok: true as const, data: parsed.data };
}

/** A new draft; its address comes from the title (made unique within the band) and stays. */
export async function createPost(
  db: Db,
  artistId: string,
  authorId: string | null,
  raw: Record<string, unknown>,
): Promise<SavePostResult> {
  const checked = await validate(db, artistId, raw);
  if (!checked.ok) return { ok: false, error: "invalid", fieldErrors: checked.fieldErrors, badUrl: checked.badUrl };
  const base = slugify(checked.data.title) || "post";
  for (let n = 1; n < 50; n++) {
    const slug = n === 1 ? base : `${base.slice(0, 36)}-${n}`;
    try {
      const [post] = await db
        .insert(posts)
        .values({ artistId, authorId, slug, ...checked.data })
        .returning();
      return { ok: true, post };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error(`no free post address for "${base}"`);
}

/** Edits a post, published or not: the page changes, nothing is mailed again. */
export async function updatePost(
  db: Db,
  artistId: string,
  postId: string,
  raw: Record<string, unknown>,
): Promise<SavePostResult> {
  const checked = await validate(db, artistId, raw);
  if (!checked.ok) return { ok: false, error: "invalid", fieldErrors: checked.fieldErrors, badUrl: checked.badUrl };
  return db.transaction(async (tx) => {
    const [post] = await tx
      .update(posts)
      .set(checked.data)
      .where(and(eq(posts.id, postId), eq(posts.artistId, artistId)))
      .returning();
    if (!post) return { ok: false, error: "not_found" } as const;
    if (post.status === "published") await dropShopCopies(tx, artistId);
    return { ok: true, post } as const;
  });
}

export type PublishResult =
  { ok: true; post: Post; recipients: number } | { ok: false; error: "not_found" | "already_published" };

/**
 * Publishes once: the conditional UPDATE lets one caller through (a double click, two members),
 * and that caller writes the mailing's deliveries and queues its job in the same transaction, so
 * a published post always has its whole recipient list and a job to send it.
 */
export async function publishPost(db: Db, artistId: string, postId: string, now = new Date()): Promise<PublishResult> {
  return db.transaction(async (tx) => {
    const [post] = await tx
      .update(posts)
      .set({ status: "published", publishedAt: now, sendQueuedAt: now })
      .where(and(eq(posts.id, postId), eq(posts.artistId, artistId), eq(posts.status, "draft")))
      .returning();
    if (!post) {
      const [exists] = await tx
        .select({ id: posts.id })
        .from(posts)
        .where(and(eq(posts.id, postId), eq(posts.artistId, artistId)));
      return { ok: false, error: exists ? "already_published" : "not_found" } as const;
    }
    const recipients = await planDeliveries(tx, post);
    if (recipients > 0) await enqueueNewsSend(post.id, { tx });
    else await tx.update(posts).set({ sendFinishedAt: now }).where(eq(posts.id, post.id));
    await dropShopCopies(tx, artistId);
    return { ok: true, post, recipients } as const;
  });
}

/** The shared page cache keeps the shop page: its LISTEN (migration 0017's channel) drops it at commit. */
async function dropShopCopies(tx: Tx, artistId: string) {
  await tx.execute(sql`select page_cache_notify(array[${`shop:${artistId}`}]::text[])`);
}

export async function listPostsForBand(db: DbOrTx, artistId: string) {
  return db.select().from(posts).where(eq(posts.artistId, artistId)).orderBy(desc(posts.createdAt)).limit(200);
}

export async function getPostForBand(db: DbOrTx, artistId: string, postId: string): Promise<Post | null> {
  if (!/^[0-9a-f-]{36}$/i.test(postId)) return null;
  const [post] = await db
    .select()
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.artistId, artistId)));
  return post ?? null;
}

/** The shop page's few latest posts (subscriber-only ones too: their page shows a teaser). */
export async function listPublishedPosts(db: DbOrTx, artistId: string, limit = 3) {
  return db
    .select()
    .from(posts)
    .where(and(eq(posts.artistId, artistId), eq(posts.status, "published"), isNotNull(posts.publishedAt)))
    .orderBy(desc(posts.publishedAt))
    .limit(limit);
}

export async function getPublishedPost(db: DbOrTx, artistId: string, slug: string): Promise<Post | null> {
  const [post] = await db
    .select()
    .from(posts)
    .where(and(eq(posts.artistId, artistId), eq(posts.slug, slug), eq(posts.status, "published")));
  return post ?? null;
}

/** The release a post shows as a card: this band's own, and only while it is published. */
export async function attachedRelease(db: DbOrTx, post: Pick<Post, "artistId" | "releaseId">) {
  if (!post.releaseId) return null;
  const [release] = await db
    .select({ title: releases.title, slug: releases.slug, artworkKey: releases.artworkKey })
    .from(releases)
    .where(
      and(eq(releases.id, post.releaseId), eq(releases.artistId, post.artistId), eq(releases.status, "published")),
    );
  return release ?? null;
}

/** The band's published releases, for the editor's "attach a release" list. */
export async function attachableReleases(db: DbOrTx, artistId: string) {
  return db
    .select({ id: releases.id, title: releases.title })
    .from(releases)
    .where(and(eq(releases.artistId, artistId), eq(releases.status, "published")))
    .orderBy(desc(releases.publishedAt))
    .limit(200);
}
