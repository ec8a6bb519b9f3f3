import { chromium, type BrowserServer } from "playwright-core";
import type { TestProject } from "vitest/node";
import { CHROMIUM, CHROMIUM_ARGS } from "../support/chromium";
import { workerSlots } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    /** One Chromium per worker slot, in slot order (tests/support/browser.ts: `launchBrowser()` connects to it). */
    browserEndpoints: string[];
  }
}

/**
 * Starts Debian's Chromium once per worker slot of a browser project, instead of once per test file: a
 * file connects to its slot's Chromium and works in browser contexts of its own (fresh cookies, storage
 * and cache each), which Chromium closes when the file disconnects. Starting Chromium costs about
 * 0.6 s of CPU; two projects of 18 files started it 36 times.
 */
export default async function setup(project: TestProject) {
  const started = await Promise.allSettled(
    Array.from({ length: workerSlots(project) }, () =>
      chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
    ),
  );
  const servers: BrowserServer[] = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const stopAll = async () => {
    await Promise.all(servers.map((s) => s.close()));
  };
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  project.provide(
    "browserEndpoints",
    servers.map((s) => s.wsEndpoint()),
  );
  return stopAll;
}
