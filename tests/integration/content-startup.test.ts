import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Starts the real server against a copy of content/ with one thing broken; it must refuse to start. */
function startWithBrokenContent(file: string, breakIt: (json: Record<string, unknown>) => void) {
  const dir = mkdtempSync(path.join(tmpdir(), "portal-content-"));
  const dataDir = mkdtempSync(path.join(tmpdir(), "portal-data-"));
  try {
    cpSync("content", dir, { recursive: true });
    const json = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
    breakIt(json);
    writeFileSync(path.join(dir, file), JSON.stringify(json));
    return spawnSync(process.execPath, ["scripts/start.mjs"], {
      env: { ...process.env, CONTENT_DIR: dir, DATA_DIR: dataDir, PORT: "0", NODE_ENV: "production" },
      encoding: "utf8",
      timeout: 60_000,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe("content is checked at start-up", () => {
  it("stops with the file and the field when a translation file has a wrong type", () => {
    const result = startWithBrokenContent("locales/en/help.json", (json) => {
      json.title = 42;
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("locales/en/help.json");
    expect(result.stderr).toContain("title");
    expect(result.stdout).not.toContain("running at");
  });

  it("stops when a language lacks a file English has", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "portal-content-"));
    cpSync("content", dir, { recursive: true });
    rmSync(path.join(dir, "locales/pl/help.json"));
    const result = spawnSync(process.execPath, ["scripts/start.mjs"], {
      env: { ...process.env, CONTENT_DIR: dir, DATA_DIR: dir, PORT: "0", NODE_ENV: "production" },
      encoding: "utf8",
      timeout: 60_000,
    });
    rmSync(dir, { recursive: true, force: true });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("locales/pl/help.json");
  });
});
