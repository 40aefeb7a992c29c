import { describe, expect, it } from "vitest";
import { renderDigest } from "@/lib/follows/mail";
import { followOneClickPath, followUnsubscribeUrl } from "@/lib/follows/unsubscribe-link";
import { checkWriteOrigin } from "@/lib/http/security";

describe("a mail client's one-click unsubscribe from a follow mail", () => {
  it("goes to the route that unsubscribes only when it is a bare POST to the link", () => {
    expect(followOneClickPath("POST", "/follows/unsubscribe/f:abc.sig", false)).toBe(
      "/api/follows/unsubscribe/f:abc.sig",
    );
    expect(followOneClickPath("GET", "/follows/unsubscribe/f:abc.sig", false)).toBeNull();
    expect(followOneClickPath("POST", "/follows/unsubscribe/f:abc.sig", true)).toBeNull();
    expect(followOneClickPath("POST", "/follows/unsubscribe/a/b", false)).toBeNull();
    expect(followOneClickPath("POST", "/follows/confirm/abc", false)).toBeNull();
  });

  it("is not refused when posted from the mail client's origin; the confirmation link still is", () => {
    for (const path of ["/follows/unsubscribe/a:x.y", "/api/follows/unsubscribe/a:x.y"])
      expect(checkWriteOrigin("POST", path, "https://mail.example", "shop.test")).toEqual({ allowed: true });
    expect(checkWriteOrigin("POST", "/follows/confirm/abc", "https://mail.example", "shop.test")).toEqual({
      allowed: false,
      reason: "foreign_origin",
    });
  });
});

describe("the new-release digest's words", () => {
  const bands = [
    { followId: "f-1", name: "Owls", slug: "owls", releases: [{ title: "Night <b>Songs</b>", slug: "night-songs" }] },
    { followId: "f-2", name: "Moths & Co", slug: "moths", releases: [{ title: "Lamp", slug: "lamp" }] },
  ];

  it("groups bands with their releases, a stop link per band and one for all, in the fan's language", () => {
    const mail = renderDigest({ email: "fan@example.test", locale: "fr", bands });
    expect(mail.subject).toBe("Nouvelles sorties de Owls et Moths & Co");
    expect(mail.text).toContain("Night <b>Songs</b> par Owls");
    expect(mail.text).toContain(followUnsubscribeUrl({ kind: "follow", followId: "f-2" }));
    expect(mail.text).toContain(followUnsubscribeUrl({ kind: "all", email: "fan@example.test" }));
    expect(mail.text).toContain("/fr/moths/lamp");
  });

  it("escapes what bands typed in the HTML part", () => {
    const { html } = renderDigest({ email: "fan@example.test", locale: "en", bands });
    expect(html).toContain("Night &lt;b&gt;Songs&lt;/b&gt; by Owls");
    expect(html).toContain("Moths &amp; Co");
    expect(html).not.toContain("<b>Songs");
  });

  it("names the band and the title when there is one release", () => {
    const mail = renderDigest({ email: "fan@example.test", locale: "de", bands: [bands[1]] });
    expect(mail.subject).toBe("Neu von Moths & Co: Lamp");
  });
});
