import { createHash } from "node:crypto";
import { content } from "~/content/content.server";
import { isLanguage } from "~/domain/localized";
import { ALL_NAMESPACES } from "./i18n-shared";

const { locales, namespaces: known } = content();

/** The translations' version: a digest of every text of every language, the same on every server. */
const version = createHash("sha256").update(JSON.stringify(locales)).digest("base64url").slice(0, 12);

export function translationsVersion(): string {
  return version;
}

/** Each set's JSON, written once: the translations never change while the server runs. */
const written = new Map<string, string>();

/**
 * One language's texts for a set of namespaces ("all", or names joined by "+", sorted), as JSON; null
 * when the language or a namespace is not one the portal has.
 */
export function translationsJson(lang: string, set: string): string | null {
  if (!isLanguage(lang)) return null;
  const key = `${lang}/${set}`;
  let json = written.get(key);
  if (json !== undefined) return json;
  const names = set === ALL_NAMESPACES ? known : set.split("+");
  if (names.some((ns) => !known.includes(ns)) || new Set(names).size !== names.length) return null;
  json = JSON.stringify(Object.fromEntries(names.map((ns) => [ns, locales[lang][ns]])));
  written.set(key, json);
  return json;
}
