import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The folders of app/ import one way only, from the service's edge towards its core, so there
 * is no cycle between folders and each folder can be read without the ones above it:
 * domain ← content ← lib ← forms ← models ← server ← views ← components ← routes ← root.
 * (Type-only imports count too: a type is still a dependency a reader must follow.)
 */
const LAYERS = [
  "domain",
  "content",
  "lib",
  "forms",
  "models",
  "server",
  "views",
  "components",
  "routes",
  "root",
] as const;

function layerOf(file: string): number {
  const top = file.split("/")[0]!;
  const i = LAYERS.indexOf(top as (typeof LAYERS)[number]);
  // Top-level files (root.tsx, routes.ts, entry.*) are the outermost layer.
  return i === -1 ? LAYERS.length - 1 : i;
}

function importsOf(source: string): string[] {
  return [...source.matchAll(/from "~\/([^"]+)"/g)].map((m) => m[1]!);
}

describe("folders of app/ import inwards only", () => {
  const files = readdirSync("app", { recursive: true, encoding: "utf8" }).filter((f) => /\.tsx?$/.test(f));
  it("reads every source file", () => expect(files.length).toBeGreaterThan(100));
  it("no file imports from a folder outside its own layer", () => {
    const wrong: string[] = [];
    for (const file of files) {
      const own = layerOf(file);
      for (const target of importsOf(readFileSync(path.join("app", file), "utf8"))) {
        if (layerOf(target) > own) wrong.push(`${file} → ~/${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("the code explains itself from inside the repository", () => {
  // Comments cite docs/domain-guide.md (and sources by title), never files that live elsewhere.
  const OUTSIDE = /\.\.\/shared|DOMAIN\.md|\bspec\/[a-z]+\.md|\bseed 00\d|\bsection \d\.\d/;
  it("no source file points at a document outside the repository", () => {
    const roots = ["app", "db", "scripts"];
    const cited: string[] = [];
    for (const root of roots) {
      for (const file of readdirSync(root, { recursive: true, encoding: "utf8" })) {
        if (!/\.(tsx?|mjs)$/.test(file)) continue;
        const source = readFileSync(path.join(root, file), "utf8");
        if (OUTSIDE.test(source)) cited.push(`${root}/${file}`);
      }
    }
    expect(cited).toEqual([]);
  });
});
