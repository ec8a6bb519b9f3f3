import type { Language } from "./languages";
import {
  menuEntrySchema,
  providerSchema,
  type MenuEntry,
  type MenuFile,
  type MenuKind,
  type Provider,
  type ProvidersFile,
} from "./menu";

/**
 * The menu's versions (docs/domain-guide.md: versioned, public and contestable). The shipped files are
 * the first version; each change a commissioner makes (an entry added, changed or retired; an
 * accredited provider added or changed) is the next one, with a line in the change log: who, when,
 * what changed and why. A plan item keeps the version it was checked against, so a later change
 * never alters a signed-off plan; it only tells the lead professional that the item's rule has
 * changed since.
 */
export const MENU_CHANGE_KINDS = ["retired", "added", "changed", "provider-added", "provider-changed"] as const;
export type MenuChangeKind = (typeof MENU_CHANGE_KINDS)[number];

/** The parts of an entry or a provider a change can touch, as the change log names them. */
export const ENTRY_PARTS = [
  "title",
  "description",
  "examples",
  "why",
  "helpInstead",
  "screening",
  "treatment",
] as const;
export const PROVIDER_PARTS = [
  "name",
  "accreditingBody",
  "registrationNumber",
  "pricePerSessionPence",
  "accreditationExpires",
  "treatment",
  "area",
] as const;

export type MenuChange = {
  seq: number;
  version: string;
  /** The entry's id, or the provider's for a provider change. */
  entryId: string;
  change: MenuChangeKind;
  why: string;
  madeAt: string;
  madeBy?: string;
  /** The whole entry as it is from this version on (added, changed). */
  entry?: MenuEntry;
  /** The whole provider as it is from this version on (provider-added, provider-changed). */
  provider?: Provider;
  /** Translations not changed along with the English: shown as awaiting review. */
  awaitingReview?: Language[];
  /** What changed (ENTRY_PARTS or PROVIDER_PARTS); empty for an addition or a retirement. */
  parts?: string[];
};

/** The version a change makes: the shipped version with the change's number, e.g. "2026-1.3". */
export function versionAfter(base: string, seq: number): string {
  return `${base}.${seq}`;
}

/**
 * The menu in force: the shipped menu with every change applied in order, named by the newest
 * version. `keepRetired` keeps retired entries (the public menu lists them, marked, so the change is public).
 */
export function menuInForceFrom(
  base: MenuFile,
  changes: readonly MenuChange[],
  { keepRetired = false }: { keepRetired?: boolean } = {},
): MenuFile {
  if (changes.length === 0) return base;
  let entries = [...base.entries];
  for (const c of changes) {
    if (c.change === "added" && c.entry && !entries.some((e) => e.id === c.entryId)) entries.push(c.entry);
    else if (c.change === "changed" && c.entry) entries = entries.map((e) => (e.id === c.entryId ? c.entry! : e));
    else if (c.change === "retired" && !keepRetired) entries = entries.filter((e) => e.id !== c.entryId);
  }
  return { ...base, version: changes[changes.length - 1]!.version, entries };
}

/** The accredited providers in force: the shipped list with every provider change applied in order. */
export function providersInForceFrom(base: ProvidersFile, changes: readonly MenuChange[]): ProvidersFile {
  let providers = [...base.providers];
  for (const c of changes) {
    if (!c.provider) continue;
    if (c.change === "provider-added" && !providers.some((p) => p.id === c.entryId)) providers.push(c.provider);
    else if (c.change === "provider-changed") providers = providers.map((p) => (p.id === c.entryId ? c.provider! : p));
  }
  return { providers };
}

/** Which translations of each entry await review: the newest addition or change of the entry says. */
export function translationsAwaitingReview(changes: readonly MenuChange[]): Map<string, Language[]> {
  const awaiting = new Map<string, Language[]>();
  for (const c of changes)
    if (c.change === "added" || c.change === "changed") awaiting.set(c.entryId, c.awaitingReview ?? []);
  return awaiting;
}

/**
 * The changes to an item's rule made after the version the item was checked against (oldest first):
 * the entry's own, and, for a controlled treatment, its provider's.
 */
export function changesSince(
  changes: readonly MenuChange[],
  baseVersion: string,
  checkedAgainst: string | undefined,
  entryId: string,
  providerId?: string,
): MenuChange[] {
  const from =
    !checkedAgainst || checkedAgainst === baseVersion
      ? 0
      : (changes.find((c) => c.version === checkedAgainst)?.seq ?? 0);
  return changes.filter(
    (c) =>
      c.seq > from &&
      (c.change.startsWith("provider-") ? providerId !== undefined && c.entryId === providerId : c.entryId === entryId),
  );
}

// ---------------------------------------------------------------- an entry written in a form

/** The texts of an entry in one language, as typed (blank where nothing was typed). */
export type EntryTexts = {
  title: string;
  description: string;
  why: string;
  /** One a line. */
  examples: string;
  helpInstead: string;
  /** One term a line (exclusions only). */
  screening: string;
};

export type EntryDraft = {
  kind: MenuKind;
  treatment?: string;
  en: EntryTexts;
  ur: EntryTexts;
  pl: EntryTexts;
};

const TRANSLATED: readonly Language[] = ["ur", "pl"];
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The text boxes a kind of entry uses. */
function textsUsed(kind: MenuKind): (keyof EntryTexts)[] {
  const all: (keyof EntryTexts)[] = ["title", "description", "why", "examples"];
  return kind === "absolute-exclusion" ? [...all, "helpInstead", "screening"] : all;
}

/**
 * The entry a form describes, for the one menu-entry schema to judge, and which translations await
 * review. English is required. An Urdu or Polish box left blank takes the English text and that
 * language awaits review; so does a language whose texts were not changed while the English was
 * (or that already awaited review and still was not touched). `previous` is the entry as it was.
 */
export function entryFromDraft(
  id: string,
  draft: EntryDraft,
  previous?: { entry: MenuEntry; awaitingReview: readonly Language[] },
): { candidate: Record<string, unknown>; awaitingReview: Language[] } {
  const used = textsUsed(draft.kind);
  const before = previous ? draftTexts(previous.entry) : undefined;
  const filled: Record<Language, EntryTexts> = { en: draft.en, ur: { ...draft.ur }, pl: { ...draft.pl } };
  const awaitingReview: Language[] = [];
  const englishChanged = before ? used.some((k) => norm(draft.en[k]) !== norm(before.en[k])) : false;
  for (const lang of TRANSLATED) {
    const typed = draft[lang];
    const blank = used.some((k) => typed[k].trim() === "");
    const touched = before ? used.some((k) => norm(typed[k]) !== norm(before[lang][k])) : true;
    for (const k of used) if (typed[k].trim() === "") filled[lang][k] = draft.en[k];
    if (blank || (!touched && (englishChanged || (previous?.awaitingReview.includes(lang) ?? false))))
      awaitingReview.push(lang);
  }
  const localized = (k: "title" | "description" | "why") => ({
    en: filled.en[k].trim(),
    ur: filled.ur[k].trim(),
    pl: filled.pl[k].trim(),
  });
  const listed = (k: "examples" | "screening") => ({
    en: lines(filled.en[k]),
    ur: lines(filled.ur[k]),
    pl: lines(filled.pl[k]),
  });
  const candidate: Record<string, unknown> = {
    id,
    kind: draft.kind,
    title: localized("title"),
    description: localized("description"),
    examples: listed("examples"),
    why: localized("why"),
  };
  if (draft.kind === "absolute-exclusion") {
    const directoryIds = previous?.entry.kind === "absolute-exclusion" ? previous.entry.helpInstead.directoryIds : [];
    candidate.helpInstead = {
      text: { en: filled.en.helpInstead.trim(), ur: filled.ur.helpInstead.trim(), pl: filled.pl.helpInstead.trim() },
      ...(directoryIds && directoryIds.length > 0 ? { directoryIds } : {}),
    };
    candidate.screening = listed("screening");
  }
  if (draft.kind === "controlled-treatment") candidate.treatment = draft.treatment?.trim() ?? "";
  return { candidate, awaitingReview };
}

const norm = (s: string) => lines(s).join("\n");

/** An entry's texts as the form shows them: lists one a line. */
export function draftTexts(entry: MenuEntry): Record<Language, EntryTexts> {
  const of = (lang: Language): EntryTexts => ({
    title: entry.title[lang],
    description: entry.description[lang],
    why: entry.why[lang],
    examples: entry.examples[lang].join("\n"),
    helpInstead: entry.kind === "absolute-exclusion" ? entry.helpInstead.text[lang] : "",
    screening: entry.kind === "absolute-exclusion" ? entry.screening[lang].join("\n") : "",
  });
  return { en: of("en"), ur: of("ur"), pl: of("pl") };
}

/** The form box a problem the entry schema found belongs to ("title.ur" → "ur.title", "helpInstead.text.en" → "en.helpInstead"). */
export function entryFieldForPath(path: readonly PropertyKey[]): string {
  const [head, second, third] = path.map(String);
  if (head === "treatment") return "treatment";
  if (head === "helpInstead") return `${third === "ur" || third === "pl" ? third : "en"}.helpInstead`;
  if (head && (ENTRY_PARTS as readonly string[]).includes(head))
    return `${second === "ur" || second === "pl" ? second : "en"}.${head}`;
  return "_form";
}

/** Judges a candidate entry by the one menu-entry schema (the same one the content files pass). */
export function checkEntry(candidate: unknown) {
  return menuEntrySchema.safeParse(candidate);
}

/** Judges a candidate provider by the one provider schema (the same one content/providers.json passes). */
export function checkProvider(candidate: unknown) {
  return providerSchema.safeParse(candidate);
}

/** What changed between two versions of an entry or a provider: the parts that differ, in a fixed order. */
export function partsChanged<T extends object>(before: T, after: T, parts: readonly string[]): string[] {
  return parts.filter(
    (p) =>
      JSON.stringify((before as Record<string, unknown>)[p]) !== JSON.stringify((after as Record<string, unknown>)[p]),
  );
}

/** A new id from a name: kebab-case ASCII, unique among `taken`, never "new" (the address of the add form). */
export function newIdFrom(name: string, taken: ReadonlySet<string>, fallback: string): string {
  const slug =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 48)
      .replace(/-+$/, "") || fallback;
  let id = slug === "new" ? `${slug}-1` : slug;
  for (let n = 2; taken.has(id); n++) id = `${slug}-${n}`;
  return id;
}
