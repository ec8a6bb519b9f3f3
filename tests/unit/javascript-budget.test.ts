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
 * A page may carry at most the floor plus 20 KiB, forms included: a form's checks in the browser
 * (react-hook-form, zod and the form's schema) load when the person first moves into the form, not with
 * the page (docs/decisions/2026-12-03-form-checks-load-on-first-use.md).
 */
const BUDGET_KIB = 20;

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
    return { id: route.id, files, kib: gzipKiB(files) };
  });
  const assets = readdirSync(path.join(client, "assets"));
  // react-hook-form and the form helpers, and zod with the shared schema helpers (app/lib/forms.ts).
  const checkChunks = assets.filter((f) => /^(form-checks|forms)-[\w-]+\.js$/.test(f)).map((f) => `/assets/${f}`);

  it("the framework's floor (react-dom and the router) is what the issue measured, about 112 KiB", () => {
    expect(floor).toBeGreaterThan(100);
    expect(floor).toBeLessThan(125);
  });

  it("no page loads more than the floor plus 20 KiB, forms included", () => {
    const over = pages.filter((p) => p.kib > floor + BUDGET_KIB).map((p) => `${p.id}: ${p.kib.toFixed(1)} KiB`);
    expect(over).toEqual([]);
    expect(pages.length).toBeGreaterThan(60);
  });

  it("no page loads a form's checks with it: react-hook-form and zod come on the form's first use", () => {
    expect(checkChunks).toHaveLength(2);
    // Big enough that loading them with every form page would break the budget.
    expect(gzipKiB(checkChunks.map((f) => f.slice(1)))).toBeGreaterThan(BUDGET_KIB);
    const loading = pages.filter((p) => checkChunks.some((c) => [...p.files].some((f) => f.endsWith(c))));
    expect(loading.map((p) => p.id)).toEqual([]);
    expect(pages.filter((p) => p.id.startsWith("routes/plan/")).length).toBeGreaterThan(5);
  });
});
