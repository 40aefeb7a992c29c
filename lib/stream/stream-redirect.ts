import { STREAM } from "@/lib/audio";
import { env } from "@/lib/env";
import { storage, type StorageDriver } from "@/lib/storage";
import type { StreamAccess } from "./stream-access";
import type { StreamPlan } from "./stream-plan";

/** Time to start a track late or pause it briefly, beyond its own length, before its address dies. */
const LISTENING_SLACK_SECONDS = 60;

/**
 * A signed URL names no listener, only a file and an expiry, so the one made for the last
 * listener is handed to the next while at least this share of its life is left: signing costs
 * more app CPU than the database lookup (about 1 ms with the AWS SDK), and identical URLs let
 * the CDN and browsers keep one copy. The decision itself is still made on every request.
 */
const REUSE_WHILE_LIFE_LEFT = 0.8;
/** Bounded, so a crawler walking every track cannot grow it without end. */
const MAX_REUSED = 5_000;
const reusable = new WeakMap<StorageDriver, Map<string, { url: string; until: number }>>();

async function signedStreamUrl(key: string, expiresInSeconds: number, now = Date.now()) {
  const driver = storage();
  let urls = reusable.get(driver);
  if (!urls) reusable.set(driver, (urls = new Map()));
  const id = `${key}\n${expiresInSeconds}`;
  const kept = urls.get(id);
  if (kept && kept.until > now) return kept.url;
  const url = await driver.signedUrl(key, { expiresInSeconds, contentType: STREAM.mime, now: new Date(now) });
  urls.delete(id);
  // A Map iterates in insertion order: the first key is the oldest entry.
  if (urls.size >= MAX_REUSED) urls.delete(urls.keys().next().value!);
  urls.set(id, { url, until: now + expiresInSeconds * 1000 * (1 - REUSE_WHILE_LIFE_LEFT) });
  return url;
}

/**
 * With object storage (STORAGE_DRIVER=s3) the app only decides: once the listener may hear the
 * track, the answer is a redirect to a short-lived signed URL of the file they may have whole
 * (the rendition, or a clip track's clip file), and the bucket or the CDN answers every range.
 * Null when the bytes are the app's to send: local storage (today's fast path), a refusal (the
 * same 404, nothing signed), or a clip track whose clip file is not cut yet.
 *
 * The redirect is never stored by a shared cache (`private, no-store`): the signed URL names no
 * listener, and a band's switch to a clip or off must hold from the very next request, which a
 * kept 302 would skip until it expired. The URL lives SIGNED_URL_SECONDS, or the track's length
 * and a minute when that is longer, so a shared link dies within minutes and a whole track plays.
 */
export async function planRedirect(access: StreamAccess): Promise<StreamPlan | null> {
  if (!access.allowed || !access.target.whole || storage().name !== "s3") return null;
  const { key, seconds } = access.target.whole;
  const expiresInSeconds = Math.max(env().SIGNED_URL_SECONDS, Math.ceil(seconds) + LISTENING_SLACK_SECONDS);
  const location = await signedStreamUrl(key, expiresInSeconds);
  return {
    status: 302,
    headers: {
      Location: location,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
    span: null,
  };
}
