import { asc, max } from "drizzle-orm";
import { menuChanges } from "../../db/schema";
import { content } from "~/content/content.server";
import {
  findEntry,
  menuEntrySchema,
  providerSchema,
  type MenuEntry,
  type MenuFile,
  type ProvidersFile,
} from "~/domain/menu";
import type { Language } from "~/domain/languages";
import {
  changesSince,
  ENTRY_PARTS,
  menuInForceFrom,
  partsChanged,
  PROVIDER_PARTS,
  providersInForceFrom,
  translationsAwaitingReview,
  versionAfter,
  type MenuChange,
} from "~/domain/menu-versions";
import type { Provider } from "~/domain/menu";
import { db } from "~/lib/db.server";
import { audit } from "./audit.server";

const parsed = <T>(json: string | null): T | undefined => (json === null ? undefined : (JSON.parse(json) as T));

/** Every change as stored, oldest first, each stored entry or provider read through its content schema. */
function readChangeLog(): MenuChange[] {
  return db()
    .select()
    .from(menuChanges)
    .orderBy(asc(menuChanges.seq))
    .all()
    .map((r) => {
      const record = parsed<unknown>(r.record);
      const isProvider = r.change === "provider-added" || r.change === "provider-changed";
      return {
        seq: r.seq,
        version: r.version,
        entryId: r.entryId,
        change: r.change,
        why: r.why,
        madeAt: r.madeAt,
        madeBy: r.madeBy,
        ...(record !== undefined && isProvider ? { provider: providerSchema.parse(record) } : {}),
        ...(record !== undefined && !isProvider ? { entry: menuEntrySchema.parse(record) } : {}),
        awaitingReview: parsed<Language[]>(r.awaitingReview) ?? [],
        parts: parsed<string[]>(r.parts) ?? [],
      };
    });
}

/**
 * The log is append-only, so its newest number names its whole state: the log and what is built from
 * it are kept until another change is written (by this process or another), and the menu object stays
 * the same between requests (its screening terms are compiled once per menu object).
 */
let cache: {
  seq: number;
  log: MenuChange[];
  inForce?: MenuFile;
  published?: MenuFile;
  providers?: ProvidersFile;
} | null = null;

function current() {
  const seq =
    db()
      .select({ seq: max(menuChanges.seq) })
      .from(menuChanges)
      .get()?.seq ?? 0;
  if (cache?.seq !== seq) cache = { seq, log: readChangeLog() };
  return cache;
}

/**
 * Every change to the menu, oldest first. A stored entry or provider is read back through the same
 * schema as the content files, so the change log can never hold a rule the files could not.
 */
export function menuChangeLog(): MenuChange[] {
  return [...current().log];
}

/** The menu new plan items are checked against. */
export function menuInForce(): MenuFile {
  const state = current();
  return (state.inForce ??= menuInForceFrom(content().menu, state.log));
}

/** The menu as the public page shows it: every change applied, retired entries kept (marked by the page). */
export function menuAsPublished(): MenuFile {
  const state = current();
  return (state.published ??= menuInForceFrom(content().menu, state.log, { keepRetired: true }));
}

/** The accredited providers in force (whether each accreditation still holds is the caller's question). */
export function providersInForce(): ProvidersFile {
  const state = current();
  return (state.providers ??= providersInForceFrom(content().providers, state.log));
}

/** Which translations of each entry await review (entries changed in the portal only). */
export function entriesAwaitingReview(): Map<string, Language[]> {
  return translationsAwaitingReview(menuChangeLog());
}

/** What changed in an item's rule (its entry and, for a treatment, its provider) since the version it was checked against. */
export function ruleChangesSince(
  checkedAgainst: string | undefined,
  entryId: string,
  providerId?: string,
): MenuChange[] {
  return changesSince(menuChangeLog(), content().menu.version, checkedAgainst, entryId, providerId);
}

type NewChange = {
  entryId: string;
  change: MenuChange["change"];
  why: string;
  by: string;
  record?: MenuEntry | Provider;
  awaitingReview?: Language[];
  parts?: string[];
};

/** Writes one change as the next menu version (in one transaction, so two at once get two versions). */
function recordChange(c: NewChange): string {
  const version = db().transaction(
    (tx) => {
      const last =
        tx
          .select({ seq: max(menuChanges.seq) })
          .from(menuChanges)
          .get()?.seq ?? 0;
      const v = versionAfter(content().menu.version, last + 1);
      tx.insert(menuChanges)
        .values({
          version: v,
          entryId: c.entryId,
          change: c.change,
          why: c.why,
          madeBy: c.by,
          madeAt: new Date().toISOString(),
          record: c.record ? JSON.stringify(c.record) : null,
          awaitingReview: c.awaitingReview ? JSON.stringify(c.awaitingReview) : null,
          parts: c.parts ? JSON.stringify(c.parts) : null,
        })
        .run();
      return v;
    },
    { behavior: "immediate" },
  );
  audit({
    actorId: c.by,
    action: `menu-${c.change}`,
    target: c.entryId,
    result: "ok",
    detail: { version, why: c.why, parts: c.parts ?? [] },
  });
  return version;
}

/** Retires a menu entry: a new menu version, logged with why. Plans already checked keep theirs. */
export function retireMenuEntry(entryId: string, why: string, by: string): { ok: boolean } {
  if (!findEntry(menuInForce(), entryId)) return { ok: false };
  recordChange({ entryId, change: "retired", why, by });
  return { ok: true };
}

/**
 * Adds an entry, or changes one in force (same id and kind). The entry has been judged by the one
 * menu-entry schema; it is judged again here so nothing else can reach the change log.
 */
export function saveMenuEntry(
  entry: MenuEntry,
  awaitingReview: Language[],
  why: string,
  by: string,
): { ok: true; version: string } | { ok: false; reason: "unknown" | "kind" | "unchanged" } {
  const checked = menuEntrySchema.parse(entry);
  const shipped = findEntry(menuAsPublished(), checked.id);
  const inForce = findEntry(menuInForce(), checked.id);
  if (shipped && !inForce) return { ok: false, reason: "unknown" };
  if (!inForce) {
    const version = recordChange({ entryId: checked.id, change: "added", why, by, record: checked, awaitingReview });
    return { ok: true, version };
  }
  if (inForce.kind !== checked.kind) return { ok: false, reason: "kind" };
  const parts = partsChanged(inForce, checked, ENTRY_PARTS);
  const before = entriesAwaitingReview().get(checked.id) ?? [];
  if (parts.length === 0 && before.join() === awaitingReview.join()) return { ok: false, reason: "unchanged" };
  const version = recordChange({
    entryId: checked.id,
    change: "changed",
    why,
    by,
    record: checked,
    awaitingReview,
    parts,
  });
  return { ok: true, version };
}

/** Adds an accredited provider, or changes one (same id). Judged by the one provider schema. */
export function saveProvider(
  provider: Provider,
  why: string,
  by: string,
): { ok: true; version: string } | { ok: false; reason: "unchanged" } {
  const checked = providerSchema.parse(provider);
  const existing = providersInForce().providers.find((p) => p.id === checked.id);
  if (!existing) {
    return {
      ok: true,
      version: recordChange({ entryId: checked.id, change: "provider-added", why, by, record: checked }),
    };
  }
  const parts = partsChanged(existing, checked, PROVIDER_PARTS);
  if (parts.length === 0) return { ok: false, reason: "unchanged" };
  return {
    ok: true,
    version: recordChange({ entryId: checked.id, change: "provider-changed", why, by, record: checked, parts }),
  };
}
