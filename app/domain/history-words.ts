/**
 * The plan's history in plain words (docs/domain-guide.md, "Who uses it"): what one save changed,
 * compared with the version before it, as lines a person can read: an entry added, removed or
 * changed (named by its own words, with which of its details changed), a text now reading something
 * else, a choice now another. Never ids, keys or stored JSON: the page translates the field names
 * and choices, and formats money. Stored content that cannot be read gives no lines (the page says
 * the part was saved).
 */

export type HistoryLine =
  | { op: "added" | "removed"; words: string }
  | { op: "changed"; words: string; fields: string[] }
  /** A text field now reads `words` (or was emptied when `words` is ""). */
  | { op: "text"; field: string; words: string }
  /** A choice now has the value `choice` (an id the page translates: "direct-payment"), or none. */
  | { op: "choice"; field: string; choice: string | null }
  /** A move of money logged after sign-off (stage 6). */
  | { op: "moved"; amountPence: number; from: string; to: string }
  /** A move that waited for the lead professional, now agreed or not, with their reason. */
  | { op: "decided"; agreed: boolean; from: string; to: string; reason: string };

type Entry = Record<string, unknown>;

const isObject = (value: unknown): value is Entry =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const asList = (value: unknown): Entry[] => (Array.isArray(value) ? value.filter(isObject) : []);
const str = (value: unknown): string => (typeof value === "string" ? value.trim() : "");
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** How each list names its entries (the person's own words), and which details are worth naming. */
const LISTS: Record<string, { words: (e: Entry) => string; fields: string[]; key?: (e: Entry) => string }> = {
  outcomes: { words: (e) => str(e.words), fields: ["words", "lifeAreaId", "now", "hope"] },
  items: {
    words: (e) => str(e.what),
    fields: [
      "what",
      "menuEntryId",
      "somethingElse",
      "provider",
      "frequency",
      "unitCostPence",
      "unitsPerYear",
      "outcomeIds",
    ],
  },
  freeSupport: {
    words: (e) => [str(e.who), str(e.what)].filter(Boolean).join(": "),
    fields: ["who", "what", "howOften"],
  },
  risks: { words: (e) => str(e.risk), fields: ["risk", "howManaged"] },
  resources: { words: (e) => str(e.what), fields: ["heading", "source", "what", "whoHelps", "howOften"] },
  organising: {
    words: (e) => str(e.provider),
    fields: ["provider", "startDate", "howPaid"],
    key: (e) => str(e.itemId),
  },
};

/** Whole texts saved on their own, and the texts and choices inside one-form sections. */
const TEXTS: Record<string, string[]> = {
  crisis: ["earlySigns", "whatHelps", "doNotWant", "preferredPlace"],
  decisions: ["whoDecidesWhat"],
  reflection: ["working", "notWorking"],
};

function listLines(spec: (typeof LISTS)[string], before: unknown, after: unknown): HistoryLine[] {
  const key = spec.key ?? ((e: Entry) => str(e.id));
  const old = new Map(asList(before).map((e) => [key(e), e]));
  const now = asList(after);
  const kept = new Set(now.map(key));
  const lines: HistoryLine[] = [];
  for (const entry of now) {
    const previous = old.get(key(entry));
    if (!previous) lines.push({ op: "added", words: spec.words(entry) });
    else {
      const fields = spec.fields.filter((f) => !same(previous[f], entry[f]));
      if (fields.length) lines.push({ op: "changed", words: spec.words(entry) || spec.words(previous), fields });
    }
  }
  for (const [id, entry] of old) if (!kept.has(id)) lines.push({ op: "removed", words: spec.words(entry) });
  return lines;
}

function textLines(fields: string[], before: Entry, after: Entry, named = (f: string) => f): HistoryLine[] {
  return fields
    .filter((f) => str(before[f]) !== str(after[f]))
    .map((f) => ({ op: "text" as const, field: named(f), words: str(after[f]) }));
}

function crisisLines(before: Entry, after: Entry): HistoryLine[] {
  const contact = (e: Entry) => [str(e.name), str(e.howToReach)].filter(Boolean).join(": ");
  const old = asList(before.contacts).map(contact);
  const now = asList(after.contacts).map(contact);
  return [
    ...textLines(TEXTS.crisis!, before, after),
    ...now.filter((c) => !old.includes(c)).map((words) => ({ op: "added" as const, words })),
    ...old.filter((c) => !now.includes(c)).map((words) => ({ op: "removed" as const, words })),
  ];
}

function decisionsLines(before: Entry, after: Entry): HistoryLine[] {
  const lines = textLines(TEXTS.decisions!, before, after);
  if (!same(before.management, after.management))
    lines.push({ op: "choice", field: "management", choice: str(after.management) || null });
  const details = (e: Entry) => (isObject(e.managementDetails) ? e.managementDetails : {});
  const [oldDetails, newDetails] = [details(before), details(after)];
  for (const f of ["representative", "organisation", "managedBy", "support"])
    if (str(oldDetails[f]) !== str(newDetails[f])) lines.push({ op: "text", field: f, words: str(newDetails[f]) });
  const trustees = (e: Entry) => (Array.isArray(e.trustees) ? e.trustees.map(str).join(", ") : "");
  if (trustees(oldDetails) !== trustees(newDetails))
    lines.push({ op: "text", field: "trustees", words: trustees(newDetails) });
  const unwell = (e: Entry) => (isObject(e.ifUnwell) ? e.ifUnwell : {});
  const named = (f: string) => `unwell${f[0]!.toUpperCase()}${f.slice(1)}`;
  lines.push(...textLines(["whatChanges", "whoMaySwitchOn", "howSwitchedBack"], unwell(before), unwell(after), named));
  return lines;
}

function changeLogLines(before: unknown, after: unknown): HistoryLine[] {
  const old = new Map(asList(before).map((e) => [str(e.id), e]));
  const lines: HistoryLine[] = [];
  for (const entry of asList(after)) {
    const previous = old.get(str(entry.id));
    const [from, to] = [str(entry.fromWhat), str(entry.toWhat)];
    if (!previous)
      lines.push({ op: "moved", amountPence: typeof entry.amountPence === "number" ? entry.amountPence : 0, from, to });
    else if (isObject(entry.decision) && !isObject(previous.decision))
      lines.push({
        op: "decided",
        agreed: entry.decision.outcome === "agreed",
        from,
        to,
        reason: str(entry.decision.reason),
      });
  }
  return lines;
}

/**
 * What one save of a part changed, compared with the part as it was before it (`before` is
 * undefined for a part's first save: everything in it reads as added or as its words).
 */
export function describeSave(section: string, before: unknown, after: unknown): HistoryLine[] {
  const list = LISTS[section];
  if (list) return listLines(list, before, after);
  const [b, a] = [isObject(before) ? before : {}, isObject(after) ? after : {}];
  switch (section) {
    case "crisis":
      return crisisLines(b, a);
    case "decisions":
      return decisionsLines(b, a);
    case "reflection": {
      const lines = textLines(TEXTS.reflection!, b, a);
      if (!same(b.ratings, a.ratings)) lines.push({ op: "changed", words: "", fields: ["ratings"] });
      return lines;
    }
    case "changes":
      return changeLogLines(before, after);
    case "overBudgetReason":
    case "submitReason":
      return str(before) === str(after) ? [] : [{ op: "text", field: section, words: str(after) }];
    default:
      return [];
  }
}

/** The words of every entry in a part, for a part carried forward into a new cycle (nothing changed in it). */
export function partWords(section: string, content: unknown): string[] {
  return describeSave(section, undefined, content).flatMap((line) =>
    line.op === "added" || line.op === "changed" ? [line.words] : line.op === "text" ? [line.words] : [],
  );
}

/** How someone stood when they saved: the words the history uses for them. */
export type SaveCapacity =
  "self" | "acting-for" | "supporting" | "peer-broker" | "lead-professional" | "team-member" | "carried-forward";

/**
 * The key of the "who" sentence for one save: the person themselves; a representative acting for
 * them; a broker or supporting representative helping them; a professional's own step; or the
 * part carried forward at a new cycle. Saves from before capacities were recorded read "helping".
 */
export function whoSentence(capacity: SaveCapacity | null, savedByThePerson: boolean): SaveCapacity | "helping" {
  if (capacity === "carried-forward") return capacity;
  if (savedByThePerson) return "self";
  return capacity ?? "helping";
}
