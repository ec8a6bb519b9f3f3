/**
 * The value kept under `key`, or made now and kept: for work requests repeat with the same answer
 * (a date in words, a session's CSRF token). The map is emptied when it holds `limit`, so nothing a
 * stranger sends makes it grow without end.
 */
export function keptOrMade<K, V>(kept: Map<K, V>, key: K, make: () => V, limit: number): V {
  let value = kept.get(key);
  if (value === undefined) {
    value = make();
    if (kept.size >= limit) kept.clear();
    kept.set(key, value);
  }
  return value;
}
