/**
 * The plan's history keeps what changed at each save, not a whole copy of the section: adding one
 * outcome to a list of thirty stores that one outcome. Any version can be rebuilt by applying the
 * changes in order from the first save, which is kept whole (as is every save that lost a race,
 * so the words typed are always there as typed).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Entry = { id: string } & { [key: string]: Json };

/** What one save changed in a section. */
export type SectionChange =
  | { list: { added: Entry[]; changed: Entry[]; removed: string[]; order?: string[] } }
  | { fields: { set: { [key: string]: Json }; unset: string[] } }
  | { whole: Json };

const isEntryList = (value: unknown): value is Entry[] =>
  Array.isArray(value) &&
  value.every((e) => e !== null && typeof e === "object" && !Array.isArray(e) && typeof e.id === "string");
const isRecord = (value: unknown): value is { [key: string]: Json } =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The change from one saved version of a section to the next. */
export function sectionChange(before: unknown, after: unknown): SectionChange {
  if (isEntryList(before) && isEntryList(after)) {
    const old = new Map(before.map((e) => [e.id, e]));
    const now = new Set(after.map((e) => e.id));
    const added = after.filter((e) => !old.has(e.id));
    const changed = after.filter((e) => old.has(e.id) && !same(old.get(e.id), e));
    const removed = before.filter((e) => !now.has(e.id)).map((e) => e.id);
    const change: SectionChange = { list: { added, changed, removed } };
    const expected = applySectionChange(before, change) as Entry[];
    if (
      !same(
        expected.map((e) => e.id),
        after.map((e) => e.id),
      )
    )
      change.list.order = after.map((e) => e.id);
    return change;
  }
  if (isRecord(before) && isRecord(after)) {
    const set: { [key: string]: Json } = {};
    for (const [key, value] of Object.entries(after)) if (!same(before[key], value)) set[key] = value;
    const unset = Object.keys(before).filter((key) => !(key in after));
    return { fields: { set, unset } };
  }
  return { whole: after as Json };
}

/** The section after a change (the inverse of sectionChange). */
export function applySectionChange(before: unknown, change: SectionChange): unknown {
  if ("whole" in change) return change.whole;
  if ("fields" in change) {
    const result: { [key: string]: Json } = { ...(isRecord(before) ? before : {}) };
    for (const key of change.fields.unset) delete result[key];
    return Object.assign(result, change.fields.set);
  }
  const { added, changed, removed, order } = change.list;
  const gone = new Set(removed);
  const updated = new Map(changed.map((e) => [e.id, e]));
  const list = (isEntryList(before) ? before : [])
    .filter((e) => !gone.has(e.id))
    .map((e) => updated.get(e.id) ?? e)
    .concat(added);
  if (!order) return list;
  const byId = new Map(list.map((e) => [e.id, e]));
  return order.map((id) => byId.get(id)).filter((e): e is Entry => e !== undefined);
}
