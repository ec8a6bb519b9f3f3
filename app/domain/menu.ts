import { z } from "zod";
import { LANGUAGES, localizedText, type Language, type LocalizedText } from "~/domain/localized";

/**
 * The menu: what a budget may be spent on (docs/domain-guide.md, "The menu").
 * Four kinds of rule, published as versioned data in content/menu/, plus the accredited
 * providers, the directory of help outside the budget and the guides. Pure: no I/O here;
 * the server reads the files with readContentJson and these schemas.
 */

export const MENU_KINDS = ["absolute-exclusion", "controlled-treatment", "co-designed", "citizen-led"] as const;
export type MenuKind = (typeof MENU_KINDS)[number];

/** The six ways to manage a budget (docs/domain-guide.md, "Managing the money"), defined once with the other choices. */
import { MANAGEMENT_OPTIONS } from "./choices";
export { MANAGEMENT_OPTIONS, type Management as ManagementOption } from "./choices";

export const DIRECTORY_CATEGORIES = [
  "crisis",
  "peer-support",
  "user-led-organisation",
  "independent-advice",
  "brokerage",
  "debt-advice",
  "specialist-support",
] as const;
export type DirectoryCategory = (typeof DIRECTORY_CATEGORIES)[number];

/** Where the current files live under content/. */
export const CONTENT_PATHS = {
  menu: "menu/menu-2026-1.json",
  providers: "providers.json",
  directory: "directory.json",
  guides: "guides.json",
} as const;

// ---------------------------------------------------------------- schemas

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case (a-z, 0-9 and single hyphens)");
const text = z.string().trim().min(1);

function localizedList<T extends z.ZodType>(item: T) {
  return z.strictObject({ en: z.array(item).min(1), ur: z.array(item).min(1), pl: z.array(item).min(1) });
}

/**
 * A screening term: one or more words separated by single spaces, matched as a phrase.
 * `word*` matches any word starting with it (a stem, for Polish and Urdu inflections);
 * `=word` matches that exact word only; a plain English word also matches its simple
 * endings (-s, -es, -ies, -ing); a plain Urdu or Polish word matches exactly.
 * No hyphens: text is split at hyphens, so write "e cigarette".
 */
const TERM_WORD = String.raw`=?[\p{L}\p{M}\p{N}&'’]+\*?`;
const screeningTerm = z
  .string()
  .regex(new RegExp(`^${TERM_WORD}(?: ${TERM_WORD})*$`, "u"), "must be words separated by single spaces")
  .refine((term) => term.split(" ").every((w) => !w.endsWith("*") || w.replace(/^=/, "").length >= 4), {
    message: "a stem (word*) needs at least three letters",
  });

const kindInfo = z.strictObject({ name: localizedText, explanation: localizedText, portalDoes: localizedText });

const entryBase = {
  id,
  title: localizedText,
  description: localizedText,
  examples: localizedList(text),
  why: localizedText,
};

const helpInsteadSchema = z.strictObject({ text: localizedText, directoryIds: z.array(id).optional() });
export type HelpInstead = z.infer<typeof helpInsteadSchema>;

export const menuEntrySchema = z.discriminatedUnion("kind", [
  z.strictObject({
    ...entryBase,
    kind: z.literal("absolute-exclusion"),
    helpInstead: helpInsteadSchema,
    screening: localizedList(screeningTerm),
  }),
  // The treatment key is what providers are accredited for.
  z.strictObject({ ...entryBase, kind: z.literal("controlled-treatment"), treatment: id }),
  z.strictObject({ ...entryBase, kind: z.literal("co-designed") }),
  z.strictObject({ ...entryBase, kind: z.literal("citizen-led") }),
]);
export type MenuEntry = z.infer<typeof menuEntrySchema>;
export type ExclusionEntry = Extract<MenuEntry, { kind: "absolute-exclusion" }>;

/** Reports a repeated id at the place it repeats, so the content error names it. */
function uniqueIds(list: { id: string }[], listName: string, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  list.forEach((item, index) => {
    if (seen.has(item.id))
      ctx.addIssue({ code: "custom", message: `duplicate id "${item.id}"`, path: [listName, index, "id"] });
    seen.add(item.id);
  });
}

export const menuFileSchema = z
  .strictObject({
    version: z.string().regex(/^\d{4}-\d+$/, "must look like 2026-1"),
    publishedOn: z.iso.date(),
    translationStatus: text,
    // A record over an enum needs every kind, and no others.
    kinds: z.record(z.enum(MENU_KINDS), kindInfo),
    entries: z.array(menuEntrySchema).min(1),
    // Section 4.2: the rules are "public and contestable"; this says how to contest them.
    challenge: z.strictObject({
      text: localizedText,
      address: z.strictObject({ example: z.boolean(), lines: z.array(text).min(1) }),
    }),
  })
  .superRefine((menu, ctx) => uniqueIds(menu.entries, "entries", ctx));
export type MenuFile = z.infer<typeof menuFileSchema>;

export const providerSchema = z.strictObject({
  id,
  name: text,
  treatment: id,
  accreditingBody: text,
  registrationNumber: text,
  pricePerSessionPence: z.number().int().positive(),
  area: text,
  // The last day the accreditation holds: after it the provider cannot be chosen for a new item.
  accreditationExpires: z.iso.date(),
  example: z.boolean(),
});
export type Provider = z.infer<typeof providerSchema>;

/** Whether a provider's accreditation still holds on a day ("YYYY-MM-DD"): it holds to the end of its last day. */
export function isAccredited(provider: Pick<Provider, "accreditationExpires">, today: string): boolean {
  return provider.accreditationExpires >= today;
}

export const providersFileSchema = z
  .strictObject({ providers: z.array(providerSchema).min(1) })
  .superRefine((file, ctx) => uniqueIds(file.providers, "providers", ctx));
export type ProvidersFile = z.infer<typeof providersFileSchema>;

export const directoryEntrySchema = z.strictObject({
  id,
  category: z.enum(DIRECTORY_CATEGORIES),
  example: z.boolean(),
  name: localizedText,
  description: localizedText,
  reach: z
    .strictObject({
      phone: text.optional(),
      phoneNote: localizedText.optional(),
      website: z.url().optional(),
      email: z.email().optional(),
      address: z.array(text).min(1).optional(),
    })
    // Seed 003: "a website alone is never enough"; every entry can be rung or visited.
    .refine((reach) => reach.phone !== undefined || reach.address !== undefined, {
      message: "needs a phone number or an address: a website alone is never enough",
    }),
  faceToFace: z
    .strictObject({ available: z.boolean(), how: localizedText.optional() })
    .refine((f2f) => !f2f.available || f2f.how !== undefined, {
      message: "say how to get face-to-face help",
      path: ["how"],
    }),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

export const directoryFileSchema = z
  .strictObject({ translationStatus: text, entries: z.array(directoryEntrySchema).min(1) })
  .superRefine((file, ctx) => uniqueIds(file.entries, "entries", ctx));
export type DirectoryFile = z.infer<typeof directoryFileSchema>;

export const GUIDE_GROUPS = ["ways-to-manage", "getting-support", "the-menu"] as const;

export const guideSchema = z.strictObject({
  id,
  group: z.enum(GUIDE_GROUPS),
  title: localizedText,
  summary: localizedText,
  /** For the ways to manage a budget: what the option asks of the person, shown beside the choice. */
  asksOfYou: localizedList(text).optional(),
  sections: z
    .array(z.strictObject({ heading: localizedText.optional(), paragraphs: z.array(localizedText).min(1) }))
    .min(1),
});
export type Guide = z.infer<typeof guideSchema>;

export const guidesFileSchema = z
  .strictObject({ translationStatus: text, guides: z.array(guideSchema).min(1) })
  .superRefine((file, ctx) => {
    uniqueIds(file.guides, "guides", ctx);
    for (const option of MANAGEMENT_OPTIONS) {
      const guide = file.guides.find((g) => g.id === option);
      if (!guide || guide.group !== "ways-to-manage" || !guide.asksOfYou) {
        ctx.addIssue({
          code: "custom",
          message: `needs a "ways-to-manage" guide "${option}" with asksOfYou`,
          path: ["guides"],
        });
      }
    }
  });
export type GuidesFile = z.infer<typeof guidesFileSchema>;

/** Problems between files that each parse on their own. Empty when all is well. */
export function checkMenuReferences(menu: MenuFile, providers: ProvidersFile, directory: DirectoryFile): string[] {
  const problems: string[] = [];
  const treatments = new Set(menu.entries.flatMap((e) => (e.kind === "controlled-treatment" ? [e.treatment] : [])));
  const accredited = new Set(providers.providers.map((p) => p.treatment));
  const directoryIds = new Set(directory.entries.map((d) => d.id));
  for (const treatment of treatments) {
    if (!accredited.has(treatment))
      problems.push(`treatment "${treatment}" has no accredited provider in providers.json`);
  }
  for (const provider of providers.providers) {
    if (!treatments.has(provider.treatment)) {
      problems.push(
        `provider "${provider.id}" is accredited for "${provider.treatment}", which is not on menu ${menu.version}`,
      );
    }
  }
  for (const entry of menu.entries) {
    if (entry.kind !== "absolute-exclusion") continue;
    for (const directoryId of entry.helpInstead.directoryIds ?? []) {
      if (!directoryIds.has(directoryId))
        problems.push(`entry "${entry.id}" points to "${directoryId}", which is not in directory.json`);
    }
  }
  return problems;
}

export function findEntry(menu: MenuFile, entryId: string): MenuEntry | undefined {
  return menu.entries.find((e) => e.id === entryId);
}

export function providersFor(providers: ProvidersFile, treatment: string): Provider[] {
  return providers.providers.filter((p) => p.treatment === treatment);
}

// ---------------------------------------------------------------- screening free text

/** A likely match between "something else" free text and an exclusion. `found` is the text as typed. */
export type ScreenMatch = { entryId: string; term: string; language: Language; found: string };

type WordMatcher = { stem: string } | { forms: ReadonlySet<string> };
type CompiledTerm = { entryId: string; term: string; language: Language; words: WordMatcher[] };
type Token = { word: string; start: number; end: number };

// Letters, marks and digits; & and apostrophes inside a word keep it whole ("a&e", "doctor's").
// Everything else separates words: spaces, hyphens, punctuation, and the zero-width non-joiner
// some Urdu keyboards put between words written without a space.
const WORD = /[\p{L}\p{M}\p{N}]+(?:[&'’][\p{L}\p{M}\p{N}]+)*/gu;

/**
 * Folds a word so spelling differences do not matter: case; diacritics (Polish ą ć ę ł ń ó ś ź ż,
 * Urdu short vowels and hamza); apostrophes; Urdu letters typed with Arabic keyboards (ي ى ك ه).
 */
export function foldWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/ł/g, "l")
    .normalize("NFKD")
    .replace(/[\p{M}\u0640'’]/gu, "")
    .replace(/[يى]/g, "ی")
    .replace(/ك/g, "ک")
    .replace(/[هە]/g, "ہ");
}

function tokenize(text: string): Token[] {
  return [...text.matchAll(WORD)].map((m) => ({ word: foldWord(m[0]), start: m.index, end: m.index + m[0].length }));
}

/** Simple English endings: cigarette(s), bet(s)/betting, vape/vaping, lottery/lotteries, box/boxes. */
function englishForms(word: string): string[] {
  const forms = [word, `${word}s`, `${word}ing`];
  if (/(s|x|z|ch|sh|o)$/.test(word)) forms.push(`${word}es`);
  if (/[^aeiou]y$/.test(word)) forms.push(`${word.slice(0, -1)}ies`);
  if (/[^e]e$/.test(word)) forms.push(`${word.slice(0, -1)}ing`);
  if (/[^aeiou][aeiou][^aeiouwxy]$/.test(word)) forms.push(`${word}${word.slice(-1)}ing`);
  return forms;
}

function compileTerm(entryId: string, term: string, language: Language): CompiledTerm {
  const words = term.split(" ").map((piece): WordMatcher => {
    const core = foldWord(piece.replace(/^=/, "").replace(/\*$/, ""));
    if (piece.endsWith("*")) return { stem: core };
    return { forms: new Set(language === "en" && !piece.startsWith("=") ? englishForms(core) : [core]) };
  });
  return { entryId, term, language, words };
}

// Compiled once per menu object: screening runs on every save of a "something else" item.
const compiled = new WeakMap<MenuFile, CompiledTerm[]>();

function compiledTerms(menu: MenuFile): CompiledTerm[] {
  let terms = compiled.get(menu);
  if (!terms) {
    terms = menu.entries.flatMap((entry) =>
      entry.kind === "absolute-exclusion"
        ? LANGUAGES.flatMap((language) =>
            entry.screening[language].map((term) => compileTerm(entry.id, term, language)),
          )
        : [],
    );
    compiled.set(menu, terms);
  }
  return terms;
}

function wordMatches(matcher: WordMatcher, word: string): boolean {
  return "stem" in matcher ? word.startsWith(matcher.stem) : matcher.forms.has(word);
}

/**
 * Screens free text against every exclusion's terms in all three languages at once.
 * Whole words or stems at the start of a word only, so "alphabet" is not "bet" and "pottery"
 * is not "pot". Text is split at hyphens, so "wine-coloured" is read as "wine": a flag is only a
 * gentle question for the lead professional, so a rare false alarm costs less than a miss.
 * Where matches of one exclusion overlap, the longest is kept ("e-cigarette", not also "cigarette").
 */
export function screenFreeText(menu: MenuFile, text: string): ScreenMatch[] {
  const tokens = tokenize(text);
  const terms = compiledTerms(menu);
  const hits: { term: CompiledTerm; from: number; to: number }[] = [];
  for (let from = 0; from < tokens.length; from++) {
    for (const term of terms) {
      const to = from + term.words.length;
      if (to <= tokens.length && term.words.every((m, k) => wordMatches(m, tokens[from + k]!.word))) {
        hits.push({ term, from, to });
      }
    }
  }
  const kept = hits.filter(
    (hit, i) =>
      !hits.some(
        (other, j) =>
          j !== i &&
          other.term.entryId === hit.term.entryId &&
          other.from <= hit.from &&
          other.to >= hit.to &&
          (other.to - other.from > hit.to - hit.from || j < i),
      ),
  );
  const matches: ScreenMatch[] = [];
  for (const { term, from, to } of kept) {
    const found = text.slice(tokens[from]!.start, tokens[to - 1]!.end);
    if (!matches.some((m) => m.entryId === term.entryId && m.term === term.term && m.found === found)) {
      matches.push({ entryId: term.entryId, term: term.term, language: term.language, found });
    }
  }
  return matches;
}

// ---------------------------------------------------------------- checking a plan item

/** What the person chose for a plan item: a menu entry (and a provider), or "something else" in their words. */
export type PlanItemChoice = { menuEntryId?: string; providerId?: string; somethingElse?: string };

export type PlanItemDecision = { menuVersion: string } & (
  | { outcome: "refuse"; entryId: string; reason: LocalizedText; helpInstead: HelpInstead }
  | { outcome: "needs-provider"; entryId: string; treatment: string; providers: Provider[] }
  | { outcome: "allow-controlled"; entryId: string; provider: Provider }
  | { outcome: "needs-agreement"; entryId: string }
  | { outcome: "allow"; entryId: string }
  | { outcome: "flag"; matches: ScreenMatch[] }
  | { outcome: "allow-something-else" }
  | { outcome: "unknown-entry"; entryId?: string }
);

/**
 * Applies the menu to one plan item. A menu entry wins over free text. Free text that likely
 * matches an exclusion is flagged, never refused or dropped: the person keeps it and the lead
 * professional looks at it with them. Free text with no match goes to the lead professional
 * like a co-designed item.
 */
export function classifyPlanItem(menu: MenuFile, providers: ProvidersFile, item: PlanItemChoice): PlanItemDecision {
  const menuVersion = menu.version;
  if (item.menuEntryId === undefined) {
    const text = item.somethingElse?.trim();
    if (!text) return { menuVersion, outcome: "unknown-entry" };
    const matches = screenFreeText(menu, text);
    return matches.length > 0
      ? { menuVersion, outcome: "flag", matches }
      : { menuVersion, outcome: "allow-something-else" };
  }
  const entry = findEntry(menu, item.menuEntryId);
  if (!entry) return { menuVersion, outcome: "unknown-entry", entryId: item.menuEntryId };
  const entryId = entry.id;
  switch (entry.kind) {
    case "absolute-exclusion":
      return { menuVersion, outcome: "refuse", entryId, reason: entry.why, helpInstead: entry.helpInstead };
    case "controlled-treatment": {
      const accredited = providersFor(providers, entry.treatment);
      const provider = accredited.find((p) => p.id === item.providerId);
      return provider
        ? { menuVersion, outcome: "allow-controlled", entryId, provider }
        : { menuVersion, outcome: "needs-provider", entryId, treatment: entry.treatment, providers: accredited };
    }
    case "co-designed":
      return { menuVersion, outcome: "needs-agreement", entryId };
    case "citizen-led":
      return { menuVersion, outcome: "allow", entryId };
  }
}

// ---------------------------------------------------------------- searching the public menu

export function isMenuKind(value: unknown): value is MenuKind {
  return typeof value === "string" && (MENU_KINDS as readonly string[]).includes(value);
}

/**
 * A query word matches a word of the entry that starts with it ("counsel" finds "counselling").
 * From five letters on, the last letter may differ, so a Polish or Urdu ending typed differently
 * still finds the word ("siłownia" finds "siłownię").
 */
function queryWordMatches(queryWord: string, word: string): boolean {
  const stem = queryWord.length >= 5 ? queryWord.slice(0, -1) : queryWord;
  return word.startsWith(stem);
}

/**
 * The public menu's search and filter. Every word of the query must match a word of the entry's
 * title, description or examples, in the reader's language or in English (people often know
 * the English name of a thing). Case and diacritics do not matter. An empty query matches all.
 * Entries keep the menu's order.
 */
export function searchMenu(menu: MenuFile, lang: Language, query: string, kind?: MenuKind): MenuEntry[] {
  const queryWords = tokenize(query).map((t) => t.word);
  return menu.entries.filter((entry) => {
    if (kind && entry.kind !== kind) return false;
    if (queryWords.length === 0) return true;
    const languages: Language[] = lang === "en" ? ["en"] : [lang, "en"];
    const words = languages.flatMap((l) =>
      tokenize([entry.title[l], entry.description[l], ...entry.examples[l]].join(" ")).map((t) => t.word),
    );
    return queryWords.every((q) => words.some((w) => queryWordMatches(q, w)));
  });
}
