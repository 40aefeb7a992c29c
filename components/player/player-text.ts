import { getMessages, getTranslations } from "next-intl/server";
import { placeholderArgs, type PlayerText } from "./text";

/** Every "player" message in the visitor's language, its arguments left as "{name}" for the browser (./text.ts). */
export async function playerText(): Promise<PlayerText> {
  const [t, messages, day] = await Promise.all([
    getTranslations("player"),
    getMessages(),
    getTranslations("releaseDay"),
  ]);
  const raw = messages.player as Record<string, string>;
  return {
    ...Object.fromEntries(Object.entries(raw).map(([key, message]) => [key, t(key, placeholderArgs(key, message))])),
    // A pre-order's track kept for release day (its words live with release day's).
    onReleaseDay: day("onReleaseDay"),
  };
}
