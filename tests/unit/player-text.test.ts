import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { placeholderArgs, translator } from "@/components/player/text";
import { messages } from "@/lib/i18n/messages";

/** What ./player-text.ts does on the server, without next-intl's request: format with "{name}" left in. */
function serverText(locale: "en" | "fr") {
  const t = createTranslator({ locale, messages: messages[locale], namespace: "player" }) as unknown as (
    key: string,
    args: Record<string, string>,
  ) => string;
  const raw = messages[locale].player as Record<string, string>;
  return Object.fromEntries(Object.entries(raw).map(([key, message]) => [key, t(key, placeholderArgs(key, message))]));
}

describe("the player's words, formatted on the server and filled in the browser", () => {
  it("reads as next-intl would have formatted it, in both languages", () => {
    for (const locale of ["en", "fr"] as const) {
      const full = createTranslator({ locale, messages: messages[locale], namespace: "player" });
      const t = translator(serverText(locale));
      expect(t("playTrack", { title: "Mile End" })).toBe(full("playTrack", { title: "Mile End" }));
      expect(t("valueText", { current: "1:05", total: "3:20" })).toBe(
        full("valueText", { current: "1:05", total: "3:20" }),
      );
      expect(t("preview", { seconds: 30 })).toBe(full("preview", { seconds: 30 }));
      expect(t("nothingPlayable")).toBe(full("nothingPlayable"));
    }
  });

  it("leaves a title's own braces alone", () => {
    expect(translator({ playTrack: "Play {title}" })("playTrack", { title: "{seconds} of {title}" })).toBe(
      "Play {seconds} of {title}",
    );
  });

  it("refuses a key the server did not send, rather than showing it", () => {
    expect(() => translator({})("playTrack")).toThrow(/player\.playTrack/);
  });

  it("refuses a message whose argument needs formatting (a plural cannot wait for the browser)", () => {
    expect(() => placeholderArgs("tracks", "{count, plural, one {# track} other {# tracks}}")).toThrow(/plural/);
    expect(placeholderArgs("seek", "Position in {title}")).toEqual({ title: "{title}" });
  });
});
