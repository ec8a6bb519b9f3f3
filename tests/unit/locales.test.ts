import { describe, expect, it } from "vitest";
import { loadContent } from "~/content/content.server";
import { LANGUAGES } from "~/domain/localized";

type Messages = { [key: string]: string | Messages };

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

    it(`${lang} files say they await review by a native speaker`, () => {
      for (const ns of namespaces)
        expect(JSON.stringify(locales[lang][ns]!._translationStatus ?? "")).toMatch(/await/i);
    });
  }
});
