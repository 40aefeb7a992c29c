import type { DbOrTx } from "@/db/client";
import { escapeHtml, queueEmail, renderEmail } from "@/lib/email";
import { env } from "@/lib/env";
import { localePath, translator, type Locale } from "@/lib/i18n";
import { followUnsubscribeToken, followUnsubscribeUrl } from "./unsubscribe-link";

/** A confirmation link works this long; a fan who waits more follows again for a new one. */
export const CONFIRM_TTL_DAYS = 3;

export function followConfirmUrl(token: string) {
  return new URL(`/follows/confirm/${token}`, env().APP_URL).toString();
}

/** The double opt-in mail; its key is the link's hash, so a replayed request never mails twice. */
export async function queueConfirmationEmail(
  tx: DbOrTx,
  input: { email: string; band: string; token: string; tokenHash: string; locale: string },
) {
  const { t } = translator(input.locale);
  await queueEmail(
    tx,
    renderEmail({
      to: input.email,
      subject: t("follows.mail.confirm.subject", { band: input.band }),
      intro: t("follows.mail.confirm.intro", { band: input.band }),
      action: { label: t("follows.mail.confirm.action"), url: followConfirmUrl(input.token) },
      outro: t("follows.mail.confirm.outro", { days: CONFIRM_TTL_DAYS }),
    }),
    `follow-confirm:${input.tokenHash}`,
  );
}

export type DigestBand = {
  followId: string;
  name: string;
  slug: string;
  releases: { title: string; slug: string }[];
};

/**
 * The key of one fan's digest of one day: the day keeps a replay from mailing twice, and the
 * "all" unsubscribe token lets lib/email add List-Unsubscribe when it sends (it cannot import this
 * layer; the token is opaque to it).
 */
export const digestDedupeKey = (email: string, now: Date) =>
  `follows-digest:${now.toISOString().slice(0, 10)}:${followUnsubscribeToken({ kind: "all", email })}`;

/** Several bands, several releases in one mail; each band with its own stop link, then one for all. */
export function renderDigest(input: { email: string; locale: Locale; bands: DigestBand[] }) {
  const { t } = translator(input.locale);
  const app = env().APP_URL;
  const releaseUrl = (band: DigestBand, slug: string) =>
    new URL(localePath(input.locale, `/${band.slug}/${slug}`), app).toString();
  const all = followUnsubscribeUrl({ kind: "all", email: input.email });
  const first = input.bands[0];
  const count = input.bands.reduce((n, band) => n + band.releases.length, 0);
  const subject =
    count === 1
      ? t("follows.mail.digest.subjectOne", { band: first.name, title: first.releases[0].title })
      : t("follows.mail.digest.subjectMany", {
          bands: new Intl.ListFormat(input.locale, { type: "conjunction" }).format(input.bands.map((b) => b.name)),
        });
  const stopBand = (band: DigestBand) => ({
    label: t("follows.mail.digest.stopBand", { band: band.name }),
    url: followUnsubscribeUrl({ kind: "follow", followId: band.followId }),
  });
  const text = [
    t("follows.mail.digest.intro"),
    ...input.bands.map((band) =>
      [
        band.name,
        ...band.releases.map(
          (r) => `  ${t("follows.mail.digest.by", { title: r.title, band: band.name })}: ${releaseUrl(band, r.slug)}`,
        ),
        `  ${stopBand(band).label}: ${stopBand(band).url}`,
      ].join("\n"),
    ),
    `${t("follows.mail.digest.why")}\n${t("follows.mail.digest.stopAll")}: ${all}`,
  ].join("\n\n");
  const link = (label: string, url: string, style = "") =>
    `<a href="${escapeHtml(url)}" style="${style}">${escapeHtml(label)}</a>`;
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1c1917;max-width:560px;margin:auto;padding:24px">
<p>${escapeHtml(t("follows.mail.digest.intro"))}</p>
${input.bands
  .map(
    (band) =>
      `<h2 style="font-size:16px;margin:20px 0 6px">${escapeHtml(band.name)}</h2><ul style="margin:0;padding-left:20px">${band.releases
        .map(
          (r) =>
            `<li>${link(t("follows.mail.digest.by", { title: r.title, band: band.name }), releaseUrl(band, r.slug), "color:#1c1917;font-weight:600")}</li>`,
        )
        .join(
          "",
        )}</ul><p style="font-size:12px;margin:6px 0 0">${link(stopBand(band).label, stopBand(band).url, "color:#57534e")}</p>`,
  )
  .join("\n")}
<p style="color:#57534e;margin-top:24px">${escapeHtml(t("follows.mail.digest.why"))}<br>${link(t("follows.mail.digest.stopAll"), all, "color:#57534e")}</p>
<p style="font-size:12px;color:#a8a29e">Merchtable</p></body></html>`;
  return { to: input.email, subject, text, html };
}
