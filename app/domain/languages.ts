/** The languages the portal speaks. English is the source; the others await review by a native speaker. */
export const LANGUAGES = ["en", "ur", "pl"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "en";
export const RTL_LANGUAGES: readonly Language[] = ["ur"];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}
