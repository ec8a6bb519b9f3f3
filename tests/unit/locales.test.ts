import { describe, expect, it } from "vitest";
import { loadContent } from "~/content/content.server";
import { LANGUAGES } from "~/domain/localized";

type Messages = { [key: string]: string | Messages };

// Texts rightly spelt as in English: a proper name (the charity's own name, which its phone line answers
// to) and Polish words that are the English ones ("Plan", "Menu"). Listed by key, so each is a decision.
const SAME_AS_ENGLISH = new Set(["pl:help:samaritans.heading", "pl:account:home.col.state", "pl:common:header.menu"]);

/** A text with English words in it, once its {{placeholders}} are set aside: "NHS" or "{{a}}, {{b}}" is not. */
const hasWords = (text: string) => /[A-Za-z]{4,}/.test(text.replace(/\{\{[^}]*\}\}/g, ""));

function text(messages: Messages, key: string): string | undefined {
  const value = key
    .split(".")
    .reduce<string | Messages | undefined>(
      (node, part) => (typeof node === "object" ? node[part] : undefined),
      messages,
    );
  return typeof value === "string" ? value : undefined;
}

function keys(messages: Messages, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([k, v]) =>
    k.startsWith("_") ? [] : typeof v === "string" ? [prefix + k] : keys(v, `${prefix}${k}.`),
  );
}

describe("translations", () => {
  const { locales, namespaces } = loadContent();

  it("has the namespaces the portal needs", () => {
    expect(namespaces).toEqual(expect.arrayContaining(["common", "start", "help"]));
  });

  for (const lang of LANGUAGES.filter((l) => l !== "en")) {
    it(`${lang} has every key English has, and no empty text`, () => {
      for (const ns of namespaces) {
        const english = keys(locales.en[ns]!);
        const other = new Set(keys(locales[lang][ns]!));
        expect(
          english.filter((k) => !other.has(k)),
          `${lang}/${ns}.json lacks`,
        ).toEqual([]);
      }
    });

    it(`${lang} translates every text rather than showing the English`, () => {
      const untranslated = namespaces.flatMap((ns) =>
        keys(locales.en[ns]!)
          .filter((k) => {
            const english = text(locales.en[ns]!, k)!;
            return hasWords(english) && text(locales[lang][ns]!, k) === english;
          })
          .map((k) => `${lang}:${ns}:${k}`)
          .filter((where) => !SAME_AS_ENGLISH.has(where)),
      );
      expect(untranslated, "still in English").toEqual([]);
    });

    it(`${lang} files say they await review by a native speaker`, () => {
      for (const ns of namespaces)
        expect(JSON.stringify(locales[lang][ns]!._translationStatus ?? "")).toMatch(/await/i);
    });
  }
});
