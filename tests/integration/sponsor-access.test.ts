import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { addSponsorMemberAction, createSponsorAction } from "@/app/admin/sponsors/actions";
import { startProgramAction } from "@/app/sponsor/actions";
import { creditPurchases, sponsorMembers, sponsorPrograms, sponsors } from "@/db/schema";
import { listAudit } from "@/lib/audit";
import { acceptSponsorInvite, addSponsorMember, previewSponsorInvite } from "@/lib/sponsors";
import { formData, makeOperator, makeUser, unique, useTestDb } from "@/tests/support/factories";
import { makeSponsor } from "@/tests/support/sponsors";

const db = useTestDb();

let viewer: { id: string; email: string; name: string | null } | null = null;
vi.mock("@/lib/auth", () => ({
  currentUser: async () => viewer,
  requireUser: async () => {
    if (!viewer) throw Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/signin;307;" });
    return viewer;
  },
}));
vi.mock("next-intl/server", async () => {
  const { translator } = await import("@/lib/i18n");
  const { t } = translator("en");
  const scoped = (ns: string) =>
    Object.assign((key: string, values?: Record<string, string>) => t(`${ns}.${key}` as never, values as never), {
      has: (key: string) => t.has(`${ns}.${key}` as never),
    });
  return { getTranslations: async (ns: string) => scoped(ns), getLocale: async () => "en" };
});

/** What Next's notFound() and redirect() throw: the digest says which, and where to. */
async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    const result = await run();
    return `returned ${JSON.stringify(result)}`;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return "404";
    if (digest.startsWith("NEXT_REDIRECT")) return `redirect ${digest.split(";")[2]}`;
    throw error;
  }
}

const cardsForm = (sponsorId: string) =>
  formData({
    sponsorId,
    kind: "cards",
    currency: "EUR",
    count: "10",
    amount: "10",
    label: "",
    countries: "",
    endsAt: "",
  });

describe("the sponsor console's guards", () => {
  it("a member of another sponsor, or of none, cannot start a program for this one: nothing is written", async () => {
    const mine = await makeSponsor(db);
    const other = await makeSponsor(db);
    for (const user of [other.member, await makeUser(db)]) {
      viewer = { id: user.id, email: user.email, name: null };
      expect(await outcome(() => startProgramAction(null, cardsForm(mine.sponsor.id)))).toContain(
        "You are not a member of this sponsor.",
      );
    }
    expect(await db.select().from(sponsorPrograms).where(eq(sponsorPrograms.sponsorId, mine.sponsor.id))).toEqual([]);
    expect(await db.select().from(creditPurchases).where(eq(creditPurchases.sponsorId, mine.sponsor.id))).toEqual([]);

    viewer = { id: mine.member.id, email: mine.member.email, name: null };
    expect(await outcome(() => startProgramAction(null, cardsForm(mine.sponsor.id)))).toMatch(
      /^redirect http:\/\/.+\/checkout\/test\/test_/,
    );
    const bad = await outcome(() =>
      startProgramAction(
        null,
        formData({ sponsorId: mine.sponsor.id, kind: "cards", currency: "EUR", count: "5000", amount: "2" }),
      ),
    );
    expect(bad).toContain("Between 1 and 1000 cards.");
    expect(bad).toContain("per card");
    expect(await db.select().from(sponsorPrograms).where(eq(sponsorPrograms.sponsorId, mine.sponsor.id))).toHaveLength(
      1,
    );
  });

  it("only an operator creates a sponsor or adds a member; anyone else gets a 404 and nothing changes", async () => {
    const { sponsor } = await makeSponsor(db);
    const name = unique("Conservatoire");
    const outsider = await makeUser(db);
    for (const who of [{ id: outsider.id, email: outsider.email, name: null }, null]) {
      viewer = who;
      expect(await outcome(() => createSponsorAction(formData({ name, contactEmail: "a@example.test" })))).toBe("404");
      expect(
        await outcome(() => addSponsorMemberAction(formData({ sponsorId: sponsor.id, email: outsider.email }))),
      ).toBe("404");
    }
    expect(await db.select().from(sponsors).where(eq(sponsors.name, name))).toEqual([]);
    expect(await db.select().from(sponsorMembers).where(eq(sponsorMembers.sponsorId, sponsor.id))).toHaveLength(1);

    viewer = await makeOperator(db);
    expect(await outcome(() => createSponsorAction(formData({ name, contactEmail: "nope" })))).toBe(
      "redirect /admin/sponsors?error=email_invalid",
    );
    expect(await outcome(() => createSponsorAction(formData({ name, contactEmail: "a@example.test" })))).toBe(
      "redirect /admin/sponsors?done=created",
    );
    expect(
      await outcome(() => addSponsorMemberAction(formData({ sponsorId: sponsor.id, email: outsider.email }))),
    ).toBe("redirect /admin/sponsors?done=added");
    expect(
      await outcome(() => addSponsorMemberAction(formData({ sponsorId: sponsor.id, email: outsider.email }))),
    ).toBe("redirect /admin/sponsors?error=already_member");
    const trail = await listAudit(db, { limit: 5 });
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(["sponsor.create", "sponsor.member_add"]));
  });

  it("a person without an account gets a signed invitation that only their address can accept", async () => {
    const { sponsor } = await makeSponsor(db);
    const operator = await makeOperator(db);
    const email = `${unique("new")}@example.test`;
    const invited = await addSponsorMember(db, sponsor.id, email, { kind: "operator", userId: operator.id }, "en");
    if (!invited.ok || invited.outcome !== "invited") throw new Error(JSON.stringify(invited));
    const token = invited.inviteUrl!.split("/sponsor/join/")[1];
    expect(await previewSponsorInvite(db, token)).toMatchObject({ ok: true, email });
    expect(await previewSponsorInvite(db, `${token.slice(0, -2)}xx`)).toEqual({ ok: false });

    const someoneElse = await makeUser(db);
    expect(await acceptSponsorInvite(db, someoneElse, token)).toEqual({ ok: false, error: "wrong_account" });
    const newcomer = await makeUser(db, { email });
    expect(await acceptSponsorInvite(db, newcomer, token)).toEqual({ ok: true, sponsorId: sponsor.id });
    expect(await acceptSponsorInvite(db, newcomer, token)).toEqual({ ok: true, sponsorId: sponsor.id });
    const members = await db.select().from(sponsorMembers).where(eq(sponsorMembers.sponsorId, sponsor.id));
    expect(members.map((m) => m.userId)).toContain(newcomer.id);
    expect(members.filter((m) => m.userId === someoneElse.id)).toEqual([]);
  });
});
