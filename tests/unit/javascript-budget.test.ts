import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

/**
 * The JavaScript budget (issue 15, point 5), read from the built client's route manifest: the scripts
 * each page loads are the entry (react-dom and the router: the framework's floor) plus each route's
 * module and imports, root first. Sizes are gzip, as served. The test command builds before it runs
 * the unit tests; run `npm run build` first when running this file on its own.
 *
 * A page may carry at most the floor plus 20 KiB. Pages that check a form in the browser (zod schemas and
 * react-hook-form, the shared `form` chunk) are over that today; they may not grow past the floor plus
 * FORM_PAGES_KIB until the browser-side checks are slimmed (docs/decisions/2026-12-01-javascript-budget.md).
 */
const BUDGET_KIB = 20;
// 57: the plan page gained the comparison view for its versioned over-budget reason (issue 10), +0.3 KiB.
// 62: the plan page with the GOV.UK date inputs, isolated amounts and the plan check's money words (issue 14), +4.4 KiB.
const FORM_PAGES_KIB = 62;

interface ManifestRoute {
  id: string;
  parentId?: string;
  module: string;
  imports?: string[];
}

const client = path.resolve("build/client");

function manifest(): { entry: { module: string; imports: string[] }; routes: Record<string, ManifestRoute> } {
  const assets = path.join(client, "assets");
  const file = existsSync(assets) ? readdirSync(assets).find((f) => /^manifest-[\w-]+\.js$/.test(f)) : undefined;
  if (!file) throw new Error("No client build: run `npm run build` before this test (npm test does).");
  const text = readFileSync(path.join(assets, file), "utf8");
  return JSON.parse(text.replace(/^window\.__reactRouterManifest=/, "").replace(/;\s*$/, ""));
}

const gzipKiB = (files: Iterable<string>) =>
  [...files].reduce((sum, f) => sum + gzipSync(readFileSync(path.join(client, f))).length, 0) / 1024;

describe("the JavaScript each page loads", () => {
  const m = manifest();
  const floorFiles = new Set([m.entry.module, ...m.entry.imports]);
  const floor = gzipKiB(floorFiles);
  const pages = Object.values(m.routes).map((route) => {
    const files = new Set(floorFiles);
    for (let r: ManifestRoute | undefined = route; r; r = r.parentId ? m.routes[r.parentId] : undefined) {
      files.add(r.module);
      for (const f of r.imports ?? []) files.add(f);
    }
    const checksForms = [...files].some((f) => /\/form-[\w-]+\.js$/.test(f));
    return { id: route.id, kib: gzipKiB(files), checksForms };
  });

  it("the framework's floor (react-dom and the router) is what the issue measured, about 112 KiB", () => {
    expect(floor).toBeGreaterThan(100);
    expect(floor).toBeLessThan(125);
  });

  it("no page without a form loads more than the floor plus 20 KiB", () => {
    const over = pages
      .filter((p) => !p.checksForms && p.kib > floor + BUDGET_KIB)
      .map((p) => `${p.id}: ${p.kib.toFixed(1)} KiB`);
    expect(over).toEqual([]);
    expect(pages.filter((p) => !p.checksForms).length).toBeGreaterThan(10);
  });

  it("no page with a form grows past today's ceiling", () => {
    const over = pages
      .filter((p) => p.checksForms && p.kib > floor + FORM_PAGES_KIB)
      .map((p) => `${p.id}: ${p.kib.toFixed(1)} KiB`);
    expect(over).toEqual([]);
  });
});
