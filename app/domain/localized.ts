import { z } from "zod";

// Kept in their own module so the page shell can use them without loading zod.
import type { Language } from "./languages";
export { DEFAULT_LANGUAGE, LANGUAGES, isLanguage, type Language } from "./languages";

/** A piece of text in every language the portal speaks. Used by every content file. */
export const localizedText = z
  .object({ en: z.string().trim().min(1), ur: z.string().trim().min(1), pl: z.string().trim().min(1) })
  .strict();
export type LocalizedText = z.infer<typeof localizedText>;

export function pick(text: LocalizedText, lang: Language): string {
  return text[lang];
}
