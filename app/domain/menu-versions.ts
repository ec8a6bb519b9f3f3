import type { MenuFile } from "./menu";

/**
 * The menu's versions (docs/domain-guide.md: versioned, public and contestable). The shipped file is the first version;
 * each change a commissioner makes is the next one, with a line in the change log. A plan item
 * keeps the version it was checked against, so a later change never alters a signed-off plan; it
 * only tells the lead professional that the item's rule has changed since.
 */
export type MenuChange = {
  seq: number;
  version: string;
  entryId: string;
  change: "retired";
  why: string;
  madeAt: string;
};

/** The version a change makes: the shipped version with the change's number, e.g. "2026-1.3". */
export function versionAfter(base: string, seq: number): string {
  return `${base}.${seq}`;
}

/** The menu in force: the shipped menu with every change applied, named by the newest version. */
export function menuInForceFrom(base: MenuFile, changes: readonly MenuChange[]): MenuFile {
  if (changes.length === 0) return base;
  const retired = new Set(changes.filter((c) => c.change === "retired").map((c) => c.entryId));
  return {
    ...base,
    version: changes[changes.length - 1]!.version,
    entries: base.entries.filter((e) => !retired.has(e.id)),
  };
}

/** The changes to one entry made after the version an item was checked against (oldest first). */
export function changesSince(
  changes: readonly MenuChange[],
  baseVersion: string,
  checkedAgainst: string | undefined,
  entryId: string,
): MenuChange[] {
  const from =
    !checkedAgainst || checkedAgainst === baseVersion
      ? 0
      : (changes.find((c) => c.version === checkedAgainst)?.seq ?? 0);
  return changes.filter((c) => c.seq > from && c.entryId === entryId);
}
