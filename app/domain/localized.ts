import { z } from "zod";

// Kept in their own module so the page shell can use them without loading zod.
import { LANGUAGES, type Language } from "./languages";
export { DEFAULT_LANGUAGE, LANGUAGES, RTL_LANGUAGES, isLanguage, type Language } from "./languages";

/** A piece of text in every language the portal speaks. Used by every content file. */
export const localizedText = z
  .object({ en: z.string().trim().min(1), ur: z.string().trim().min(1), pl: z.string().trim().min(1) })
  .strict();
export type LocalizedText = z.infer<typeof localizedText>;

export function pick(text: LocalizedText, lang: Language): string {
  return text[lang];
}

/** Locale tags for numbers and dates: British English, Urdu as written in Pakistan, Polish. */
const LOCALE_TAGS: Record<Language, string> = { en: "en-GB", ur: "ur-PK", pl: "pl-PL" };

/** Money in pence as the reader writes it: "£65.00", "65,00 £". */
export function formatPence(pence: number, lang: Language): string {
  return new Intl.NumberFormat(LOCALE_TAGS[lang], { style: "currency", currency: "GBP", currencyDisplay: "narrowSymbol" }).format(pence / 100);
}

/** A calendar date ("2026-01-05") in words, the same on every server whatever its time zone. */
export function formatDate(isoDate: string, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
}
