import en from "./messages/en.json";
import fr from "./messages/fr.json";
import type { Locale } from "./config";

export type Messages = typeof en;
export const messages: Record<Locale, Messages> = { en, fr };
