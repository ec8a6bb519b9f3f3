import { z } from "zod";

/** The languages the portal speaks. English is the source; the others await review by a native speaker. */
export const LANGUAGES = ["en", "ur", "pl"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "en";
export const RTL_LANGUAGES: readonly Language[] = ["ur"];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** A piece of text in every language the portal speaks. Used by every content file. */
export const localizedText = z
  .object({ en: z.string().trim().min(1), ur: z.string().trim().min(1), pl: z.string().trim().min(1) })
  .strict();
export type LocalizedText = z.infer<typeof localizedText>;

export function pick(text: LocalizedText, lang: Language): string {
  return text[lang];
}
