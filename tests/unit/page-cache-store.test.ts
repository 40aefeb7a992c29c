import { describe, expect, it } from "vitest";
import { TagStore, type Stored } from "@/lib/page-cache/store";

const entry = (key: string, tags: string[], bytes = 10): Stored => ({ key, tags, bytes, storedAt: 0 });

describe("the page cache's store", () => {
  it("drops exactly the copies carrying an invalidated tag", () => {
    const store = new TagStore<Stored>(1000);
    store.set(entry("/band-a", ["artist:a", "shop:a"]));
    store.set(entry("/band-a/one", ["artist:a", "release:1"]));
    store.set(entry("/band-a/two", ["artist:a", "release:2"]));
    store.set(entry("/band-b", ["artist:b", "shop:b"]));
    expect(store.invalidate(["release:1", "shop:a"])).toBe(2);
    expect(store.keys().sort()).toEqual(["/band-a/two", "/band-b"]);
    expect(store.invalidate(["artist:a"])).toBe(1);
    expect(store.keys()).toEqual(["/band-b"]);
    expect(store.invalidate(["release:404"])).toBe(0);
  });

  it("forgets a replaced copy's old tags", () => {
    const store = new TagStore<Stored>(1000);
    store.set(entry("/x", ["release:1"]));
    store.set(entry("/x", ["release:2"]));
    expect(store.invalidate(["release:1"])).toBe(0);
    expect(store.invalidate(["release:2"])).toBe(1);
    expect(store.bytes).toBe(0);
  });

  it("stays within its bytes, dropping the least recently used first", () => {
    const store = new TagStore<Stored>(30);
    store.set(entry("/a", [], 10));
    store.set(entry("/b", [], 10));
    store.set(entry("/c", [], 10));
    store.get("/a"); // used: /b is now the oldest
    store.set(entry("/d", [], 10));
    expect(store.keys()).toEqual(["/c", "/a", "/d"]);
    expect(store.bytes).toBe(30);
    store.set(entry("/huge", ["t"], 31));
    expect(store.keys()).toEqual(["/c", "/a", "/d"]);
    store.set(entry("/e", [], 25));
    expect(store.keys()).toEqual(["/e"]);
    expect(store.bytes).toBe(25);
  });
});
