import { describe, expect, it } from "vitest";
import { oneClickUnsubscribePath } from "@/lib/fans/unsubscribe-link";
import { checkWriteOrigin } from "@/lib/http/security";

describe("a mail client's one-click unsubscribe", () => {
  it("goes to the route that unsubscribes when it is a bare POST to the link", () => {
    expect(oneClickUnsubscribePath("POST", "/library/unsubscribe/abc.def", false)).toBe("/api/unsubscribe/abc.def");
    expect(oneClickUnsubscribePath("post", "/library/unsubscribe/abc.def/", false)).toBe("/api/unsubscribe/abc.def");
  });

  it("leaves the page alone: opening the link, and its own confirm button (a server action)", () => {
    expect(oneClickUnsubscribePath("GET", "/library/unsubscribe/abc.def", false)).toBeNull();
    expect(oneClickUnsubscribePath("POST", "/library/unsubscribe/abc.def", true)).toBeNull();
    expect(oneClickUnsubscribePath("POST", "/library/unsubscribe/", false)).toBeNull();
    expect(oneClickUnsubscribePath("POST", "/library/unsubscribe/a/b", false)).toBeNull();
    expect(oneClickUnsubscribePath("POST", "/library", false)).toBeNull();
  });

  it("is not refused when the client posts from its own origin: the signed token is the proof", () => {
    expect(checkWriteOrigin("POST", "/library/unsubscribe/abc.def", "https://mail.example", "shop.test")).toEqual({
      allowed: true,
    });
    expect(checkWriteOrigin("POST", "/api/unsubscribe/abc.def", "https://mail.example", "shop.test")).toEqual({
      allowed: true,
    });
    expect(checkWriteOrigin("POST", "/library/open", "https://mail.example", "shop.test")).toEqual({
      allowed: false,
      reason: "foreign_origin",
    });
  });
});
