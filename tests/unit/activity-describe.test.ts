import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { describeEntry } from "@/app/(dashboard)/dashboard/[artist]/activity/describe";
import type { AuditEntry } from "@/db/schema";
import { messages } from "@/lib/i18n/messages";

function say(locale: "en" | "fr") {
  const t = createTranslator({ locale, messages: messages[locale], namespace: "moderation.activity" });
  return (key: string, values?: Record<string, string | number>) => t(key as Parameters<typeof t>[0], values);
}

const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  id: "e1",
  artistId: "a1",
  actorKind: "member",
  actorUserId: "u1",
  actorEmail: "alice@example.test",
  action: "member.invite",
  targetType: null,
  targetId: null,
  reason: null,
  details: {},
  createdAt: new Date("2026-12-01T10:00:00Z"),
  ...overrides,
});

describe("the band's activity in plain words", () => {
  const names = new Map([["u1", "Alice"]]);

  it("shows an operator as Merchtable, never by name or address", () => {
    const line = describeEntry(
      entry({ actorKind: "operator", actorUserId: "op", actorEmail: "ops@merchtable.test", action: "artist.suspend" }),
      new Map([["op", "Olga Operator"]]),
      say("en"),
    );
    expect(line).toBe("Merchtable suspended your shop");
    expect(
      describeEntry(
        entry({ actorKind: "operator", action: "release.take_down", details: { title: "Dune" } }),
        names,
        say("fr"),
      ),
    ).toBe("Merchtable a retiré « Dune »");
  });

  it("names a member as the band knows them, else by address", () => {
    const invite = entry({ details: { email: "bob@example.test", role: "member" } });
    expect(describeEntry(invite, names, say("en"))).toBe("Alice invited bob@example.test as member");
    expect(describeEntry(invite, new Map(), say("en"))).toBe("alice@example.test invited bob@example.test as member");
  });

  it("says what a plan change unlisted, and what a refund or payout change was", () => {
    const plan = entry({
      actorKind: "system",
      action: "plan.change",
      details: { from: "pro", to: "free", unlisted: ["r1", "r2"] },
    });
    expect(describeEntry(plan, names, say("en"))).toBe("Plan changed to Free; 2 releases unlisted");
    expect(describeEntry(entry({ action: "order.refund", targetId: "0a1b2c3d-9999" }), names, say("en"))).toBe(
      "Alice refunded order 0a1b2c3d",
    );
    expect(
      describeEntry(
        entry({ actorKind: "system", action: "payout.account_updated", details: { to: "active" } }),
        names,
        say("en"),
      ),
    ).toBe("The payout account is now ready to receive payments");
  });

  it("still says something for an action it does not know yet", () => {
    expect(describeEntry(entry({ action: "shop.renamed" }), names, say("en"))).toBe("Alice: shop.renamed");
  });
});
