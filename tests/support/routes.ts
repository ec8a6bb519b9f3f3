import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

export interface RouteInfo {
  id: string;
  path: string;
  hasLoader: boolean;
  hasAction: boolean;
  hasComponent: boolean;
}

/** Every route in the production build, with its full path and whether it loads or acts. */
export async function routeList(): Promise<RouteInfo[]> {
  // Importing the build reads content and may write a session secret: point it at a scratch folder.
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "portal-routes-"));
  const build = await import(pathToFileURL(path.resolve("build/server/index.js")).href);
  const routes = build.routes as Record<
    string,
    { id: string; parentId?: string; path?: string; index?: boolean; module: Record<string, unknown> }
  >;
  const fullPath = (id: string): string => {
    const r = routes[id]!;
    const own = r.path ?? "";
    const parent = r.parentId ? fullPath(r.parentId) : "";
    return [parent, own].filter(Boolean).join("/").replace(/\/+/g, "/");
  };
  return Object.values(routes)
    .filter((r) => r.id !== "root")
    .map((r) => ({
      id: r.id,
      path: `/${fullPath(r.id)}`,
      hasLoader: typeof r.module.loader === "function",
      hasAction: typeof r.module.action === "function",
      hasComponent: typeof r.module.default === "function",
    }));
}
