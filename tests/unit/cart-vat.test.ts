import { describe, expect, it } from "vitest";
import { vatByRate } from "@/lib/orders/cart-vat";
import { orderVat } from "@/lib/vat";

const registered = { status: "registered" as const, number: "FR40123456824", rateBasisPoints: 2000 };

describe("the VAT lines a cart shows", () => {
  it("a German fan of a registered French band sees 19 % on the download and 20 % on the CD with its shipping", () => {
    const vat = orderVat({
      lines: [
        { gross: 700, physical: false },
        { gross: 1200, physical: true },
      ],
      shipping: 800,
      buyerCountry: "DE",
      seller: registered,
    });
    expect(vatByRate(vat)).toEqual([
      { rate: 1900, amount: 112 },
      { rate: 2000, amount: 333 },
    ]);
  });

  it("one rate shows once when the fan's country and the band's rate agree; a fan outside the EU and UK sees none", () => {
    const lines = [
      { gross: 700, physical: false },
      { gross: 1200, physical: true },
    ];
    expect(vatByRate(orderVat({ lines, shipping: 400, buyerCountry: "FR", seller: registered }))).toEqual([
      { rate: 2000, amount: 117 + 267 },
    ]);
    const unregistered = { status: "not_registered" as const, mention: "" };
    expect(vatByRate(orderVat({ lines, shipping: 1500, buyerCountry: "US", seller: unregistered }))).toEqual([]);
  });
});
