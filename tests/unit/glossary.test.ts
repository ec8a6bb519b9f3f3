import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(process.cwd(), "content");
const glossary = JSON.parse(readFileSync(join(root, "glossary.json"), "utf8")) as {
  terms: { id: string; en: string; ur: string; pl: string }[];
  notTheTerm: string[];
};

function flat(value: unknown, prefix = ""): [string, string][] {
  if (typeof value === "string") return [[prefix, value]];
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => flat(v, prefix ? `${prefix}.${k}` : k));
  return [];
}
const texts = (lng: string, file: string) =>
  new Map(flat(JSON.parse(readFileSync(join(root, "locales", lng, file), "utf8"))));

/** The English text without placeholders and names that only look like a term ("Plan your support"). */
const plain = (text: string) =>
  glossary.notTheTerm.reduce((s, name) => s.split(name).join(""), text.replace(/\{\{[^}]*\}\}/g, ""));

/** Every page text whose English uses the term but whose translation does not use the glossary's word. */
function strayTranslations(lng: "ur" | "pl"): string[] {
  const found: string[] = [];
  for (const file of readdirSync(join(root, "locales", "en")).filter((f) => f.endsWith(".json"))) {
    const english = texts("en", file);
    const translated = texts(lng, file);
    for (const term of glossary.terms) {
      const says = new RegExp(`\\b${term.en}s?\\b`, "i");
      for (const [key, text] of english) {
        const other = translated.get(key);
        // A text still in English (a file awaiting translation says so in its status) is not a translation yet.
        if (other === undefined || other === text || !says.test(plain(text))) continue;
        if (!other.toLowerCase().includes(term[lng].toLowerCase()))
          found.push(`${file} ${key}: "${term.en}" is not "${term[lng]}" in "${other}"`);
      }
    }
  }
  return found;
}

describe("one translation per glossary term", () => {
  for (const lng of ["ur", "pl"] as const) {
    it(`${lng}: every text that says a glossary term says it the glossary's way`, () => {
      expect(strayTranslations(lng)).toEqual([]);
    });
  }
});
