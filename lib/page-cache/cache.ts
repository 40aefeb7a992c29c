import { isEmbedPath } from "@/lib/http/security";
import { buildEntry, type Entry } from "./entry";
import type { CacheRequest, CacheRoute } from "./key";
import type { Render } from "./render";
import { MAX_AGE_MS, NOT_FOUND_MS, SOFT_AGE_MS } from "./serve";
import { TagStore } from "./store";

/** What a fill ended with: a copy to serve (stored or not), or "let Next answer the visitor itself". */
export type Fill = { ok: true; entry: Entry } | { ok: false; reason: "status" | "set-cookie" | "error" };

export type Log = {
  warn: (context: object, message: string) => void;
  info: (context: object, message: string) => void;
};

export type CacheOptions = {
  render: Render;
  resolveTags: (route: CacheRoute) => Promise<string[]>;
  maxBytes: number;
  log: Log;
  now?: () => number;
};

/** Vary of a stored copy: unprefixed pages and language-less widgets differ by the visitor's language. */
export function varyFor(request: CacheRequest): string {
  if (request.languageRedirect) return "Cookie, Accept-Language, Accept-Encoding";
  if (request.varyOnLanguage) return "Accept-Language, Accept-Encoding";
  return "Accept-Encoding";
}

/**
 * The copies and their fills: one render per key at a time (200 concurrent misses wait on the same
 * one), a background refill past the soft age, nothing served past the hard age, and tag
 * invalidation that also refuses to store a render that started before a change to its tags.
 */
export class PageCache {
  readonly store: TagStore<Entry>;
  private readonly fills = new Map<string, Promise<Fill>>();
  /** When each tag was last invalidated (kept a minute: longer than any render may take). */
  private readonly invalidatedAt = new Map<string, number>();
  private clearedAt = 0;
  private readonly now: () => number;
  renders = 0;

  constructor(private readonly options: CacheOptions) {
    this.store = new TagStore<Entry>(options.maxBytes);
    this.now = options.now ?? Date.now;
  }

  /** A usable copy and whether it is past its soft age; undefined when absent or expired. */
  lookup(key: string): { entry: Entry; stale: boolean } | undefined {
    const entry = this.store.get(key);
    if (!entry) return undefined;
    const age = this.now() - entry.storedAt;
    const limit = entry.status === 404 ? NOT_FOUND_MS : MAX_AGE_MS;
    if (age >= limit) {
      this.store.delete(key);
      return undefined;
    }
    return { entry, stale: entry.status === 200 && age >= SOFT_AGE_MS };
  }

  /** The render for `request`, shared by every caller until it is done. */
  fill(request: CacheRequest): Promise<Fill> {
    let pending = this.fills.get(request.key);
    if (!pending) {
      pending = this.doFill(request).finally(() => this.fills.delete(request.key));
      this.fills.set(request.key, pending);
    }
    return pending;
  }

  /** Past the soft age: one refill in the background while hits keep the current copy. */
  refresh(request: CacheRequest) {
    if (!this.fills.has(request.key)) void this.fill(request);
  }

  invalidate(tags: string[]): number {
    const at = this.now();
    for (const tag of tags) this.invalidatedAt.set(tag, at);
    if (this.invalidatedAt.size > 10_000) this.forgetOldInvalidations(at);
    return this.store.invalidate(tags);
  }

  /** Everything goes (a reconnected LISTEN may have missed notifications). */
  clear() {
    this.clearedAt = this.now();
    this.store.clear();
  }

  private forgetOldInvalidations(at: number) {
    for (const [tag, when] of this.invalidatedAt) if (at - when > MAX_AGE_MS) this.invalidatedAt.delete(tag);
  }

  private async doFill(request: CacheRequest): Promise<Fill> {
    const started = this.now();
    this.renders++;
    try {
      const [rendered, tags] = await Promise.all([
        this.options.render(request.key),
        this.options.resolveTags(request.route),
      ]);
      if (rendered.status !== 200 && rendered.status !== 404) return { ok: false, reason: "status" };
      if (rendered.headers["set-cookie"] !== undefined) {
        this.options.log.warn(
          { key: request.key, cookies: String(rendered.headers["set-cookie"]).split("=")[0] },
          "page cache: a shared render set a cookie; not stored (a shared page must read and write nothing of a visitor)",
        );
        return { ok: false, reason: "set-cookie" };
      }
      const entry = await buildEntry({
        key: request.key,
        tags,
        rendered,
        embed: isEmbedPath(request.key),
        vary: varyFor(request),
        storedAt: started,
      });
      if (!this.changedSince(tags, started)) this.store.set(entry);
      return { ok: true, entry };
    } catch (error) {
      this.options.log.warn({ err: error, key: request.key }, "page cache: the shared render failed");
      return { ok: false, reason: "error" };
    }
  }

  /** A change committed while rendering: the copy may show the old state, so it is served once, not kept. */
  private changedSince(tags: readonly string[], started: number): boolean {
    if (this.clearedAt >= started) return true;
    return tags.some((tag) => (this.invalidatedAt.get(tag) ?? -1) >= started);
  }
}
