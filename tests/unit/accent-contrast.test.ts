import { describe, expect, it } from "vitest";
import { accentStyle } from "@/components/ui/accent-style";
import { contrastRatio, DARK_INK, inkOn, readableAccent, WHITE } from "@/lib/color";
import { themeCss } from "@/lib/embed/theme";

const YELLOW = "#ffd400";
const MID_GREY = "#808080";
const BLACK = "#000000";
const LIGHT_PAGE = ["#fafaf9", "#ffffff", "#f5f5f4"];
const DARK_PAGE = ["#121110", "#1b1917", "#211e1c"];
const ACCENTS = [YELLOW, WHITE, BLACK, MID_GREY, "#b4442c", "#2f6f5e"];

const worst = (colour: string, backgrounds: string[]) =>
  Math.min(...backgrounds.map((bg) => contrastRatio(colour, bg)));

describe("a band's accent keeps its contrast whatever colour the band picks", () => {
  it("measures contrast as WCAG does", () => {
    expect(contrastRatio(BLACK, WHITE)).toBeCloseTo(21, 5);
    expect(contrastRatio(WHITE, WHITE)).toBe(1);
    expect(contrastRatio(YELLOW, WHITE)).toBeCloseTo(1.4, 1); // the ring the issue measured
    expect(contrastRatio(MID_GREY, WHITE)).toBeCloseTo(3.95, 2);
  });

  it("writes on the accent in dark ink or white, whichever reads at 4.5:1 or better", () => {
    expect(inkOn(YELLOW)).toBe(DARK_INK);
    expect(inkOn(WHITE)).toBe(DARK_INK);
    expect(inkOn(BLACK)).toBe(WHITE);
    for (const accent of ACCENTS) expect(contrastRatio(inkOn(accent), accent)).toBeGreaterThanOrEqual(4.5);
  });

  it("darkens a yellow, a white or a mid grey accent to 4.5:1 on a light page, and leaves black and a dark red alone", () => {
    for (const accent of ACCENTS)
      expect(worst(readableAccent(accent, LIGHT_PAGE), LIGHT_PAGE)).toBeGreaterThanOrEqual(4.5);
    expect(readableAccent(BLACK, LIGHT_PAGE)).toBe(BLACK);
    expect(readableAccent("#b4442c", LIGHT_PAGE)).toBe("#b4442c");
    // Still a yellow (more red and green than blue), not black.
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(readableAccent(YELLOW, LIGHT_PAGE).slice(i, i + 2), 16));
    expect(r).toBeGreaterThan(b + 60);
    expect(g).toBeGreaterThan(b + 40);
  });

  it("lightens a black or a mid grey accent to 4.5:1 on a dark page, and leaves yellow and white alone", () => {
    for (const accent of ACCENTS)
      expect(worst(readableAccent(accent, DARK_PAGE), DARK_PAGE)).toBeGreaterThanOrEqual(4.5);
    expect(readableAccent(YELLOW, DARK_PAGE)).toBe(YELLOW);
    expect(readableAccent(WHITE, DARK_PAGE)).toBe(WHITE);
  });

  it("reaches a lower target (3:1 for a waveform or an outline) with a smaller change", () => {
    const forText = readableAccent(MID_GREY, LIGHT_PAGE, 4.5);
    const forMarks = readableAccent(MID_GREY, LIGHT_PAGE, 3);
    expect(forMarks).toBe(MID_GREY);
    expect(contrastRatio(forText, WHITE)).toBeGreaterThan(contrastRatio(forMarks, WHITE));
  });

  it("gives a page the band's accent for fills, the ink on it and the readable accent for each theme", () => {
    expect(accentStyle(YELLOW)).toEqual({
      "--color-accent": YELLOW,
      "--color-on-accent": DARK_INK,
      "--color-accent-text": `light-dark(${readableAccent(YELLOW, LIGHT_PAGE)}, ${YELLOW})`,
    });
    // A value that is not a colour never reaches the CSS.
    expect(accentStyle("red;} body{display:none")).toMatchObject({ "--color-accent": "#b4442c" });
  });

  it("gives a widget a readable accent in its light and dark themes and on a band's own background", () => {
    const light = themeCss({ theme: "light", bg: null, accent: YELLOW }, "#b4442c");
    expect(light).toContain(`--ac:${YELLOW};--on:${DARK_INK};--at:${readableAccent(YELLOW, ["#ffffff", "#f5f5f4"])}`);
    const dark = themeCss({ theme: "dark", bg: null, accent: BLACK }, "#b4442c");
    const darkText = /--at:(#[0-9a-f]{6})/.exec(dark)![1];
    expect(contrastRatio(darkText, "#1c1917")).toBeGreaterThanOrEqual(4.5);
    const grey = themeCss({ theme: "auto", bg: MID_GREY, accent: MID_GREY }, "#b4442c");
    const [, mu, at] = /--mu:(#[0-9a-f]{6}).*--at:(#[0-9a-f]{6})/.exec(grey)!;
    expect(contrastRatio(mu, MID_GREY)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(at, MID_GREY)).toBeGreaterThanOrEqual(4.5);
  });
});
