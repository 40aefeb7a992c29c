/**
 * The stored copies: a Map in least-recently-used order (a hit moves its key to the end), bounded
 * by bytes, with an index from tag to keys so a NOTIFY drops exactly the copies that show it.
 */
export type Stored = {
  key: string;
  tags: readonly string[];
  /** Bytes this copy holds (its bodies); what the bound counts. */
  bytes: number;
  /** Date.now() when it was rendered. */
  storedAt: number;
};

export class TagStore<E extends Stored> {
  private readonly entries = new Map<string, E>();
  private readonly byTag = new Map<string, Set<string>>();
  private total = 0;

  constructor(private readonly maxBytes: number) {}

  get size() {
    return this.entries.size;
  }

  get bytes() {
    return this.total;
  }

  /** The copy under `key`, marked as just used. */
  get(key: string): E | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Stores `entry` (replacing the key's copy), then drops the least recently used past the bound. */
  set(entry: E) {
    this.delete(entry.key);
    if (entry.bytes > this.maxBytes) return;
    this.entries.set(entry.key, entry);
    this.total += entry.bytes;
    for (const tag of entry.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(entry.key);
    }
    for (const oldest of this.entries.keys()) {
      if (this.total <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  delete(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.bytes;
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }

  /** Drops every copy carrying one of `tags`; returns how many went. */
  invalidate(tags: Iterable<string>): number {
    let dropped = 0;
    for (const tag of tags) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) {
        this.delete(key);
        dropped++;
      }
    }
    return dropped;
  }

  clear() {
    this.entries.clear();
    this.byTag.clear();
    this.total = 0;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }
}
