/** The id of the JSON block that tells the browser where a page's translations are. */
export const I18N_RESOURCES_ID = "i18n-resources";

/** Namespaces every page uses: the shell's (header, footer, navigation). */
const SHELL_NAMESPACES = ["common", "account"];

/** A page whose routes do not all name their namespaces gets every one: bytes, never missing words. */
export const ALL_NAMESPACES = "all";

/**
 * The translations a page needs in the browser: the shell's, plus those its routes name in
 * `handle.i18n` (every page is a full document load, so nothing else is ever shown without a new one).
 * Sorted, so a set has one name; ALL_NAMESPACES when a route names none.
 */
export function pageNamespaces(handles: readonly unknown[]): string[] | typeof ALL_NAMESPACES {
  const named = handles.map((handle) => (handle as { i18n?: unknown } | undefined)?.i18n);
  if (named.some((ns) => !Array.isArray(ns))) return ALL_NAMESPACES;
  const wanted = new Set([
    ...SHELL_NAMESPACES,
    ...(named as unknown[][]).flat().filter((ns) => typeof ns === "string"),
  ]);
  return [...wanted].sort() as string[];
}

/**
 * Where the browser fetches a page's translations: a language, the translations' version and the set of
 * namespaces. The version changes with any text, so the file can be kept for good (app/routes/public/translations.ts).
 */
export function translationsHref(lang: string, version: string, namespaces: string[] | typeof ALL_NAMESPACES): string {
  const set = namespaces === ALL_NAMESPACES ? ALL_NAMESPACES : namespaces.join("+");
  return `/translations/${lang}/${version}/${set}.json`;
}
