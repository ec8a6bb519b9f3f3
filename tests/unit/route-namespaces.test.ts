import { readdirSync, readFileSync } from "node:fs";
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
  for (const m of source.matchAll(/useTranslation\(\s*\[([^\]]*)\]/g)) for (const ns of m[1]!.matchAll(/"([a-z-]+)"/g)) found.add(ns[1]!);
  return [...found];
}

function componentsImported(source: string): string[] {
  return [...source.matchAll(/from "~\/components\/([a-z-]+)"/g)].map((m) => `app/components/${m[1]}.tsx`);
}

describe("each page ships the translations it uses", () => {
  for (const file of readdirSync(ROUTES).filter((f) => f.endsWith(".tsx"))) {
    const source = readFileSync(path.join(ROUTES, file), "utf8");
    const handle = /export const handle = \{ i18n: \[([^\]]*)\] \}/.exec(source);
    if (!handle) continue; // no handle: the page gets every namespace
    it(file, () => {
      const named = [...handle[1]!.matchAll(/"([a-z-]+)"/g)].map((m) => m[1]!);
      const used = [source, ...componentsImported(source).map((c) => readFileSync(c, "utf8"))].flatMap(namespacesUsed);
      expect(used.filter((ns) => !SHELL.includes(ns) && !named.includes(ns))).toEqual([]);
    });
  }
});
