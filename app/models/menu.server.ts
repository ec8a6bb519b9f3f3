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
import { db, firstRow, preparedQuery, transaction } from "~/lib/db.server";
import { audit } from "./audit.server";

const parsed = <T>(json: string | null): T | undefined => (json === null ? undefined : (JSON.parse(json) as T));

/** Every change as stored, oldest first, each stored entry or provider read through its content schema. */
async function readChangeLog(): Promise<MenuChange[]> {
  return (await db().select().from(menuChanges).orderBy(asc(menuChanges.seq))).map((r) => {
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

// Asked several times by every page that shows the menu: built once per connection.
const newestChangeQuery = preparedQuery((d) =>
  d
    .select({ seq: max(menuChanges.seq) })
    .from(menuChanges)
    .prepare(),
);

async function current() {
  const seq = (await firstRow(newestChangeQuery().execute()))?.seq ?? 0;
  if (cache?.seq !== seq) cache = { seq, log: await readChangeLog() };
  return cache;
}

/**
 * Every change to the menu, oldest first. A stored entry or provider is read back through the same
 * schema as the content files, so the change log can never hold a rule the files could not.
 */
export async function menuChangeLog(): Promise<MenuChange[]> {
  return [...(await current()).log];
}

/** The menu new plan items are checked against. */
export async function menuInForce(): Promise<MenuFile> {
  const state = await current();
  return (state.inForce ??= menuInForceFrom(content().menu, state.log));
}

/** The menu as the public page shows it: every change applied, retired entries kept (marked by the page). */
export async function menuAsPublished(): Promise<MenuFile> {
  const state = await current();
  return (state.published ??= menuInForceFrom(content().menu, state.log, { keepRetired: true }));
}

/** The accredited providers in force (whether each accreditation still holds is the caller's question). */
export async function providersInForce(): Promise<ProvidersFile> {
  const state = await current();
  return (state.providers ??= providersInForceFrom(content().providers, state.log));
}

/** Which translations of each entry await review (entries changed in the portal only). */
export async function entriesAwaitingReview(): Promise<Map<string, Language[]>> {
  return translationsAwaitingReview(await menuChangeLog());
}

/** What changed in an item's rule (its entry and, for a treatment, its provider) since the version it was checked against. */
export async function ruleChangesSince(
  checkedAgainst: string | undefined,
  entryId: string,
  providerId?: string,
): Promise<MenuChange[]> {
  return changesSince(await menuChangeLog(), content().menu.version, checkedAgainst, entryId, providerId);
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
async function recordChange(c: NewChange): Promise<string> {
  const version = await transaction(async () => {
    const last =
      (
        await firstRow(
          db()
            .select({ seq: max(menuChanges.seq) })
            .from(menuChanges),
        )
      )?.seq ?? 0;
    const v = versionAfter(content().menu.version, last + 1);
    await db()
      .insert(menuChanges)
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
      });
    return v;
  });
  await audit({
    actorId: c.by,
    action: `menu-${c.change}`,
    target: c.entryId,
    result: "ok",
    detail: { version, why: c.why, parts: c.parts ?? [] },
  });
  return version;
}

/** Retires a menu entry: a new menu version, logged with why. Plans already checked keep theirs. */
export async function retireMenuEntry(entryId: string, why: string, by: string): Promise<{ ok: boolean }> {
  if (!findEntry(await menuInForce(), entryId)) return { ok: false };
  await recordChange({ entryId, change: "retired", why, by });
  return { ok: true };
}

/**
 * Adds an entry, or changes one in force (same id and kind). The entry has been judged by the one
 * menu-entry schema; it is judged again here so nothing else can reach the change log.
 */
export async function saveMenuEntry(
  entry: MenuEntry,
  awaitingReview: Language[],
  why: string,
  by: string,
): Promise<{ ok: true; version: string } | { ok: false; reason: "unknown" | "kind" | "unchanged" }> {
  const checked = menuEntrySchema.parse(entry);
  const shipped = findEntry(await menuAsPublished(), checked.id);
  const inForce = findEntry(await menuInForce(), checked.id);
  if (shipped && !inForce) return { ok: false, reason: "unknown" };
  if (!inForce) {
    const version = await recordChange({
      entryId: checked.id,
      change: "added",
      why,
      by,
      record: checked,
      awaitingReview,
    });
    return { ok: true, version };
  }
  if (inForce.kind !== checked.kind) return { ok: false, reason: "kind" };
  const parts = partsChanged(inForce, checked, ENTRY_PARTS);
  const before = (await entriesAwaitingReview()).get(checked.id) ?? [];
  if (parts.length === 0 && before.join() === awaitingReview.join()) return { ok: false, reason: "unchanged" };
  const version = await recordChange({
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
export async function saveProvider(
  provider: Provider,
  why: string,
  by: string,
): Promise<{ ok: true; version: string } | { ok: false; reason: "unchanged" }> {
  const checked = providerSchema.parse(provider);
  const existing = (await providersInForce()).providers.find((p) => p.id === checked.id);
  if (!existing) {
    return {
      ok: true,
      version: await recordChange({ entryId: checked.id, change: "provider-added", why, by, record: checked }),
    };
  }
  const parts = partsChanged(existing, checked, PROVIDER_PARTS);
  if (parts.length === 0) return { ok: false, reason: "unchanged" };
  return {
    ok: true,
    version: await recordChange({ entryId: checked.id, change: "provider-changed", why, by, record: checked, parts }),
  };
}
