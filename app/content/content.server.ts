import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { LANGUAGES, type Language } from "~/domain/localized";
import { ContentError, contentDir, readContentJson } from "./read.server";

/** A translation file: nested objects of strings. Keys starting with "_" are notes for translators. */
type Messages = { [key: string]: string | Messages };
const messagesSchema: z.ZodType<Messages> = z.lazy(() => z.record(z.string(), z.union([z.string(), messagesSchema])));

export type Locales = Record<Language, Record<string, Messages>>;

function loadLocales(dir: string): Locales {
  const localesDir = path.join(dir, "locales");
  const namespaces = readdirSync(path.join(localesDir, "en"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
  const locales = {} as Locales;
  for (const lang of LANGUAGES) {
    locales[lang] = {};
    for (const ns of namespaces) {
      const rel = path.join("locales", lang, `${ns}.json`);
      if (!statSync(path.join(dir, rel), { throwIfNoEntry: false })) {
        throw new ContentError(rel, ["(file): missing: every language needs every namespace English has"]);
      }
      locales[lang][ns] = readContentJson(rel, messagesSchema, dir);
    }
  }
  return locales;
}

export interface Content {
  dir: string;
  locales: Locales;
  namespaces: string[];
}

/** Loads and validates every content file. A bad file throws ContentError and start-up stops. */
export function loadContent(dir = contentDir()): Content {
  const locales = loadLocales(dir);
  return { dir, locales, namespaces: Object.keys(locales.en) };
}

let loaded: Content | undefined;

export function content(): Content {
  loaded ??= loadContent();
  return loaded;
}
