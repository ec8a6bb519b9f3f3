import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * A page carries only the translation namespaces its route names in `handle.i18n` (plus the
 * shell's). This reads each route, and the components it imports, for the namespaces it uses.
 */
const SHELL = ["common", "account"];
const ROUTES = "app/routes";

function namespacesUsed(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/\bt\(\s*[`"]([a-z-]+):/g)) found.add(m[1]!);
  for (const m of source.matchAll(/useTranslation\(\s*"([a-z-]+)"/g)) found.add(m[1]!);
  for (const m of source.matchAll(/useTranslation\(\s*\[([^\]]*)\]/g))
    for (const ns of m[1]!.matchAll(/"([a-z-]+)"/g)) found.add(ns[1]!);
  return [...found];
}

/** The components a file imports, and the ones they import in turn. */
function componentsImported(source: string, seen = new Set<string>()): string[] {
  for (const m of source.matchAll(/from "~\/components\/([a-z-]+)"/g)) {
    // A component, or a plain module beside them (root-data.ts: no words of its own, but read all the same).
    const file = [`app/components/${m[1]}.tsx`, `app/components/${m[1]}.ts`].find((f) => existsSync(f))!;
    if (seen.has(file)) continue;
    seen.add(file);
    componentsImported(readFileSync(file, "utf8"), seen);
  }
  return [...seen];
}

describe("each page ships the translations it uses", () => {
  const files = readdirSync(ROUTES, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".tsx"));
  it("finds the routes in their feature folders", () => expect(files.length).toBeGreaterThan(40));
  for (const file of files) {
    const source = readFileSync(path.join(ROUTES, file), "utf8");
    const handle = /export const handle = \{ i18n: \[([^\]]*)\] \}/.exec(source);
    it(file, () => {
      // Without a handle a page would ship every namespace: every page names its own.
      expect(handle, `${file} has no handle.i18n`).not.toBeNull();
      if (!handle) return;
      const named = [...handle[1]!.matchAll(/"([a-z-]+)"/g)].map((m) => m[1]!);
      const used = [source, ...componentsImported(source).map((c) => readFileSync(c, "utf8"))].flatMap(namespacesUsed);
      expect(used.filter((ns) => !SHELL.includes(ns) && !named.includes(ns))).toEqual([]);
    });
  }
});
