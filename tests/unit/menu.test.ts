import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError, readContentJson } from "~/content/read.server";
import { LANGUAGES, type Language } from "~/domain/localized";
import {
  CONTENT_PATHS,
  checkMenuReferences,
  classifyPlanItem,
  directoryFileSchema,
  guidesFileSchema,
  MANAGEMENT_OPTIONS,
  menuFileSchema,
  providersFileSchema,
  screenFreeText,
  type ProvidersFile,
} from "~/domain/menu";

const contentDir = path.resolve(import.meta.dirname, "../../content");
const menu = readContentJson(CONTENT_PATHS.menu, menuFileSchema, contentDir);
const providers = readContentJson(CONTENT_PATHS.providers, providersFileSchema, contentDir);
const directory = readContentJson(CONTENT_PATHS.directory, directoryFileSchema, contentDir);
const guides = readContentJson(CONTENT_PATHS.guides, guidesFileSchema, contentDir);

/** Every absolute exclusion in docs/domain-guide.md ("The menu"), with ways people might type it in each language. */
const EXCLUSIONS: Record<string, Record<Language, string[]>> = {
  alcohol: {
    en: ["a bottle of vodka", "Beers at the pub with friends", "cider"],
    ur: ["شراب", "شراب کی بوتل"],
    pl: ["alkohol", "wódka", "Wodka na urodziny", "dwa piwa"],
  },
  "tobacco-and-vaping": {
    en: ["cigarettes", "vaping supplies", "an e-cigarette", "rolling tobacco"],
    ur: ["سگریٹ", "تمباکو"],
    pl: ["papierosy", "e-papieros", "tytoń"],
  },
  gambling: {
    en: ["betting", "lottery tickets", "a night at the casino", "scratchcards"],
    ur: ["جوا", "لاٹری کا ٹکٹ"],
    pl: ["zakłady bukmacherskie", "kasyno", "ZDRAPKI"],
  },
  "repaying-debts": {
    en: ["pay off my loan", "credit card bill", "rent arrears", "paying off the overdraft"],
    ur: ["قرض کی ادائیگی", "کریڈٹ کارڈ"],
    pl: ["spłata pożyczki", "spłacić kredyt", "długu u sąsiada"],
  },
  "illegal-things": {
    en: ["weed", "cocaine", "cannabis for sleep"],
    ur: ["منشیات", "چرس"],
    pl: ["narkotyki", "marihuana"],
  },
  "gp-and-emergency-care": {
    en: ["GP appointment", "taxi to A&E", "ambulance"],
    ur: ["جی پی سے ملاقات", "ایمبولینس"],
    pl: ["wizyta u lekarza rodzinnego", "karetka"],
  },
  "nhs-charges": {
    en: ["prescription charges", "my prescriptions"],
    ur: ["پریسکرپشن", "نسخے کی فیس"],
    pl: ["recepty", "opłata za receptę"],
  },
};

/** Texts that share letters with exclusion terms but are not exclusions. */
const INNOCENT = [
  "bus pass",
  "allotment",
  "weeding the allotment",
  "scrabble club",
  "alphabet classes",
  "pottery class",
  "debate club",
  "potluck lunch",
  "slotted spoon",
  "public library card",
  "reception class for my son",
  "Ginger tea at the community café",
  "owing to my anxiety I need a taxi",
  "długi spacer z psem",
  "piwonie do ogrodu",
  "basen, ale tylko rano",
  "جواب",
  "شرط یہ ہے کہ کلاس صبح ہو",
];

describe("shipped content", () => {
  it("parses, and the files agree with each other", () => {
    expect(menu.version).toBe("2026-1");
    expect(checkMenuReferences(menu, providers, directory)).toEqual([]);
  });

  it("has a guide for each way to manage a budget", () => {
    expect(guides.guides.map((g) => g.id)).toEqual(expect.arrayContaining([...MANAGEMENT_OPTIONS]));
  });

  it("marks every directory entry that is not a real crisis line as an example", () => {
    const real = directory.entries.filter((d) => !d.example);
    expect(real.every((d) => d.category === "crisis")).toBe(true);
    expect(providers.providers.every((p) => p.example && p.name.includes("(fictional)"))).toBe(true);
  });

  it("has the same UI keys in every language", () => {
    const keys = (lang: Language) => {
      const flat = (obj: object, prefix = ""): string[] =>
        Object.entries(obj).flatMap(([k, v]) =>
          typeof v === "object" ? flat(v, `${prefix}${k}.`) : [`${prefix}${k}`],
        );
      return flat(JSON.parse(readFileSync(path.join(contentDir, "locales", lang, "menu.json"), "utf8"))).sort();
    };
    for (const lang of LANGUAGES) expect(keys(lang)).toEqual(keys("en"));
  });
});

describe("content errors", () => {
  function writeMenu(change: (raw: Record<string, unknown>) => void): string {
    const dir = mkdtempSync(path.join(tmpdir(), "menu-"));
    const raw = JSON.parse(readFileSync(path.join(contentDir, CONTENT_PATHS.menu), "utf8"));
    change(raw);
    mkdirSync(path.join(dir, "menu"));
    writeFileSync(path.join(dir, CONTENT_PATHS.menu), JSON.stringify(raw));
    return dir;
  }

  it("names a missing field", () => {
    const dir = writeMenu((raw) => {
      delete (raw.entries as Record<string, unknown>[])[0]!.why;
    });
    expect(() => readContentJson(CONTENT_PATHS.menu, menuFileSchema, dir)).toThrow(ContentError);
    expect(() => readContentJson(CONTENT_PATHS.menu, menuFileSchema, dir)).toThrow(/entries\.0\.why/);
  });

  it("names a missing top-level field", () => {
    const dir = writeMenu((raw) => {
      delete raw.version;
    });
    expect(() => readContentJson(CONTENT_PATHS.menu, menuFileSchema, dir)).toThrow(/version/);
  });

  it("refuses a directory entry that only has a website", () => {
    const entry = { ...directory.entries[0]!, reach: { website: "https://example.org" } };
    const result = directoryFileSchema.safeParse({ ...directory, entries: [entry] });
    expect(result.success).toBe(false);
  });

  it("reports references that do not resolve", () => {
    const lonely: ProvidersFile = { providers: providers.providers.filter((p) => p.treatment !== "emdr") };
    const stray: ProvidersFile = { providers: [{ ...providers.providers[0]!, id: "x", treatment: "reiki" }] };
    const noDebtAdvice = { ...directory, entries: directory.entries.filter((d) => d.id !== "example-debt-advice") };
    expect(checkMenuReferences(menu, lonely, directory).join()).toMatch(/emdr/);
    expect(checkMenuReferences(menu, stray, directory).join()).toMatch(/reiki/);
    expect(checkMenuReferences(menu, providers, noDebtAdvice).join()).toMatch(/example-debt-advice/);
  });
});

describe("classifyPlanItem", () => {
  const classify = (item: Parameters<typeof classifyPlanItem>[2]) => classifyPlanItem(menu, providers, item);

  it("covers every exclusion in the spec", () => {
    const exclusions = menu.entries.filter((e) => e.kind === "absolute-exclusion").map((e) => e.id);
    expect(exclusions.sort()).toEqual(Object.keys(EXCLUSIONS).sort());
  });

  for (const [entryId, texts] of Object.entries(EXCLUSIONS)) {
    it(`refuses ${entryId} picked from the menu, with help instead`, () => {
      const decision = classify({ menuEntryId: entryId });
      expect(decision).toMatchObject({ outcome: "refuse", entryId, menuVersion: "2026-1" });
      if (decision.outcome === "refuse") {
        expect(decision.reason.en).not.toBe("");
        expect(decision.helpInstead.text.en).not.toBe("");
      }
    });

    for (const language of LANGUAGES) {
      for (const text of texts[language]) {
        it(`flags "${text}" (${language}) as ${entryId}`, () => {
          const decision = classify({ somethingElse: text });
          expect(decision.outcome).toBe("flag");
          if (decision.outcome === "flag") expect(decision.matches.map((m) => m.entryId)).toContain(entryId);
        });
      }
    }
  }

  for (const text of INNOCENT) {
    it(`does not flag "${text}"`, () => {
      expect(screenFreeText(menu, text)).toEqual([]);
      expect(classify({ somethingElse: text })).toEqual({ menuVersion: "2026-1", outcome: "allow-something-else" });
    });
  }

  it("says which term matched, in which language, and what was typed", () => {
    expect(screenFreeText(menu, "Dwa PAPIEROSY i wódka")).toEqual([
      { entryId: "tobacco-and-vaping", term: "papieros*", language: "pl", found: "PAPIEROSY" },
      { entryId: "alcohol", term: "wodk*", language: "pl", found: "wódka" },
    ]);
    // The longest overlapping match is kept, and both parts of the debt are reported once each.
    expect(screenFreeText(menu, "an e-cigarette").map((m) => m.term)).toEqual(["e cigarette"]);
    expect(screenFreeText(menu, "pay off my loan").map((m) => m.term)).toEqual(["pay off", "loan"]);
  });

  it("matches Urdu typed with Arabic letter forms", () => {
    // ي (Arabic yeh) and ك (Arabic kaf) instead of Urdu ی and ک.
    expect(screenFreeText(menu, "كريڈٹ كارڈ").map((m) => m.entryId)).toEqual(["repaying-debts"]);
    // A zero-width non-joiner between two words separates them like a space.
    expect(screenFreeText(menu, "کریڈٹ\u200Cکارڈ").map((m) => m.entryId)).toEqual(["repaying-debts"]);
  });

  it("asks for a provider when a controlled treatment has none, or one for another treatment", () => {
    const cbtProviders = providers.providers.filter((p) => p.treatment === "cbt");
    const emdrProvider = providers.providers.find((p) => p.treatment === "emdr")!;
    for (const providerId of [undefined, emdrProvider.id, "no-such-provider"]) {
      expect(classify({ menuEntryId: "cognitive-behavioural-therapy", providerId })).toEqual({
        menuVersion: "2026-1",
        outcome: "needs-provider",
        entryId: "cognitive-behavioural-therapy",
        treatment: "cbt",
        providers: cbtProviders,
      });
    }
  });

  it("allows a controlled treatment from an accredited provider of that treatment", () => {
    const provider = providers.providers.find((p) => p.treatment === "emdr")!;
    expect(classify({ menuEntryId: "emdr", providerId: provider.id })).toEqual({
      menuVersion: "2026-1",
      outcome: "allow-controlled",
      entryId: "emdr",
      provider,
    });
  });

  it("marks co-designed support for agreement and allows citizen-led support", () => {
    expect(classify({ menuEntryId: "paying-a-close-relative" })).toEqual({
      menuVersion: "2026-1",
      outcome: "needs-agreement",
      entryId: "paying-a-close-relative",
    });
    expect(classify({ menuEntryId: "gym-membership" })).toEqual({
      menuVersion: "2026-1",
      outcome: "allow",
      entryId: "gym-membership",
    });
  });

  it("reports an entry that is not on this menu, and an empty item", () => {
    expect(classify({ menuEntryId: "yacht" })).toEqual({
      menuVersion: "2026-1",
      outcome: "unknown-entry",
      entryId: "yacht",
    });
    expect(classify({ somethingElse: "   " })).toEqual({ menuVersion: "2026-1", outcome: "unknown-entry" });
  });

  it("lets a menu entry win over free text", () => {
    expect(classify({ menuEntryId: "swimming", somethingElse: "beer" }).outcome).toBe("allow");
  });

  it("screens a long text quickly", () => {
    const text = "I would like to go swimming and join a pottery class with a friend. ".repeat(200);
    const started = performance.now();
    expect(screenFreeText(menu, text)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
