import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, posts, releases, type Post, type PostDelivery } from "@/db/schema";
import { releaseArtworkUrl } from "@/lib/catalog";
import { escapeHtml, type Email } from "@/lib/email";
import { env } from "@/lib/env";
import { translator } from "@/lib/i18n";
import { blocksToHtml, blocksToText, parsePostBody, type Block } from "./markup";
import { newsUnsubscribeUrl } from "./unsubscribe-link";

export type PostMail = {
  post: Post;
  band: { name: string; slug: string };
  blocks: Block[];
  release: { title: string; url: string; artworkUrl: string | null } | null;
};

export const postUrl = (bandSlug: string, postSlug: string) =>
  new URL(`/${bandSlug}/news/${postSlug}`, env().APP_URL).toString();

/** Everything one post's messages share, read once per mailing. */
export async function loadPostMail(db: DbOrTx, postId: string): Promise<PostMail | null> {
  const [row] = await db
    .select({ post: posts, name: artists.name, slug: artists.slug })
    .from(posts)
    .innerJoin(artists, eq(artists.id, posts.artistId))
    .where(eq(posts.id, postId));
  if (!row) return null;
  const [release] = row.post.releaseId
    ? await db
        .select({ title: releases.title, slug: releases.slug, artworkKey: releases.artworkKey })
        .from(releases)
        .where(eq(releases.id, row.post.releaseId))
    : [];
  const appUrl = env().APP_URL;
  const artwork = release ? releaseArtworkUrl(release.artworkKey, "medium") : null;
  return {
    post: row.post,
    band: { name: row.name, slug: row.slug },
    blocks: parsePostBody(row.post.body, row.post.artistId).blocks,
    release: release
      ? {
          title: release.title,
          url: new URL(`/${row.slug}/${release.slug}`, appUrl).toString(),
          artworkUrl: artwork ? new URL(artwork, appUrl).toString() : null,
        }
      : null,
  };
}

/**
 * One message to one fan: only their address in To, no Cc or Bcc, no Reply-To (bands have no
 * public contact address here, and a reply must never reach other fans). The unsubscribe link
 * names this delivery; List-Unsubscribe offers the same with RFC 8058 one-click.
 */
export function buildPostEmail(
  mail: PostMail,
  to: Pick<PostDelivery, "id" | "email">,
  options: { test?: boolean; locale?: string } = {},
): Email {
  // The band's own text is as it wrote it; our words around it are in the fan's language.
  const { t } = translator(options.locale ?? "en");
  const unsubscribe = to.id ? newsUnsubscribeUrl(to.id) : null;
  const url = postUrl(mail.band.slug, mail.post.slug);
  const subject = `${options.test ? `${t("news.email.testPrefix")} ` : ""}${mail.band.name}: ${mail.post.title}`;
  const appUrl = env().APP_URL;
  const why = options.test ? t("news.email.testNote") : t("news.email.why", { band: mail.band.name });
  const leave = unsubscribe ? `${t("news.email.unsubscribe", { band: mail.band.name })}: ${unsubscribe}` : "";
  const releaseText = mail.release ? `${t("news.release")}: ${mail.release.title} — ${mail.release.url}` : "";
  const releaseHtml = mail.release
    ? `<p><a href="${escapeHtml(mail.release.url)}" style="color:#1c1917;text-decoration:none">${mail.release.artworkUrl ? `<img src="${escapeHtml(mail.release.artworkUrl)}" alt="" width="96" height="96" style="vertical-align:middle;border-radius:4px;margin-right:12px">` : ""}<strong>${escapeHtml(mail.release.title)}</strong></a></p>`
    : "";
  const text = [mail.post.title, blocksToText(mail.blocks), releaseText, `${t("news.email.open")}: ${url}`, why, leave]
    .filter(Boolean)
    .join("\n\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1c1917;max-width:560px;margin:auto;padding:24px">
<p style="color:#57534e">${escapeHtml(t("news.email.from", { band: mail.band.name }))}</p>
<h1 style="font-size:22px">${escapeHtml(mail.post.title)}</h1>
${blocksToHtml(mail.blocks, appUrl)}
${releaseHtml}
<p><a href="${escapeHtml(url)}" style="color:#1c1917">${escapeHtml(t("news.email.open"))}</a></p>
<p style="font-size:12px;color:#57534e">${escapeHtml(why)}${unsubscribe ? ` <a href="${escapeHtml(unsubscribe)}" style="color:#57534e">${escapeHtml(t("news.email.unsubscribe", { band: mail.band.name }))}</a>` : ""}</p>
<p style="font-size:12px;color:#a8a29e">Merchtable</p></body></html>`;
  return {
    to: to.email,
    subject,
    text,
    html,
    headers: unsubscribe
      ? { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
      : undefined,
  };
}
