import { describe, expect, it } from "vitest";
import { parseGiftForm } from "@/lib/credit/gift-form";

const today = new Date("2026-12-03T15:00:00Z");
const filled = {
  amount: "25",
  currency: "EUR",
  email: " Buyer@Example.test ",
  delivery: "email",
  recipientEmail: "friend@example.test",
  recipientName: "Sam",
  senderName: "Alex",
  message: "Happy birthday!",
  deliverOn: "2026-12-24",
};

describe("the gift card form", () => {
  it("reads a gift for a friend on a later day, sent at the start of that day", () => {
    expect(parseGiftForm(filled, { today })).toEqual({
      ok: true,
      email: "buyer@example.test",
      currency: "EUR",
      amount: 2500,
      gift: {
        recipientEmail: "friend@example.test",
        recipientName: "Sam",
        senderName: "Alex",
        message: "Happy birthday!",
        deliverAt: "2026-12-24T00:00:00.000Z",
      },
    });
  });

  it("sends today's gift at once and a printed one to nobody", () => {
    const now = parseGiftForm({ ...filled, deliverOn: "2026-12-03" }, { today });
    expect(now.ok && now.gift.deliverAt).toBeNull();
    const printed = parseGiftForm(
      { ...filled, delivery: "print", recipientEmail: "", deliverOn: "garbage" },
      { today },
    );
    expect(printed.ok && printed.gift).toMatchObject({ recipientEmail: null, deliverAt: null });
  });

  it("keeps amounts between 5 and 200 in the currency (500 and 20 000 yen)", () => {
    for (const amount of ["4.99", "200.01", "abc", "-5", "7.555"])
      expect(parseGiftForm({ ...filled, amount }, { today })).toEqual({ ok: false, fieldErrors: { amount: "amount" } });
    expect(parseGiftForm({ ...filled, amount: "200" }, { today })).toMatchObject({ ok: true, amount: 20000 });
    expect(parseGiftForm({ ...filled, amount: "5,50" }, { today })).toMatchObject({ ok: true, amount: 550 });
    expect(parseGiftForm({ ...filled, currency: "JPY", amount: "500" }, { today })).toMatchObject({
      ok: true,
      amount: 500,
    });
    expect(parseGiftForm({ ...filled, currency: "JPY", amount: "499" }, { today }).ok).toBe(false);
  });

  it("takes the band's currency whatever the form says, and refuses one the platform does not sell", () => {
    expect(parseGiftForm({ ...filled, currency: "XXX" }, { today, currency: "GBP" })).toMatchObject({
      currency: "GBP",
    });
    expect(parseGiftForm({ ...filled, currency: "XXX" }, { today })).toMatchObject({
      ok: false,
      fieldErrors: { currency: "currency" },
    });
  });

  it("says which fields are wrong: e-mails, names, a message over 500, a date past or beyond a year", () => {
    expect(
      parseGiftForm(
        {
          ...filled,
          email: "nope",
          recipientEmail: "",
          recipientName: "x".repeat(101),
          message: "m".repeat(501),
          deliverOn: "2026-12-02",
        },
        { today },
      ),
    ).toEqual({
      ok: false,
      fieldErrors: {
        email: "email",
        recipientEmail: "recipientEmail",
        recipientName: "name",
        message: "message",
        deliverOn: "date",
      },
    });
    expect(parseGiftForm({ ...filled, message: "m".repeat(500) }, { today }).ok).toBe(true);
    expect(parseGiftForm({ ...filled, deliverOn: "2027-12-04" }, { today }).ok).toBe(true);
    expect(parseGiftForm({ ...filled, deliverOn: "2027-12-05" }, { today })).toMatchObject({ ok: false });
    expect(parseGiftForm({ ...filled, deliverOn: "2027-02-30" }, { today })).toMatchObject({ ok: false });
  });
});
