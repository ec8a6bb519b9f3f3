import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Starts the real server against a copy of content/ with one thing changed; it must refuse to start. */
function startWithContent(change: (dir: string) => void, env: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), "portal-content-"));
  const dataDir = mkdtempSync(path.join(tmpdir(), "portal-data-"));
  try {
    cpSync("content", dir, { recursive: true });
    change(dir);
    return spawnSync(process.execPath, ["scripts/start.mjs"], {
      env: { ...process.env, ...env, CONTENT_DIR: dir, DATA_DIR: dataDir, PORT: "0", NODE_ENV: "production" },
      encoding: "utf8",
      timeout: 60_000,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function editJson(file: string, edit: (json: Record<string, unknown>) => void) {
  return (dir: string) => {
    const json = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
    edit(json);
    writeFileSync(path.join(dir, file), JSON.stringify(json));
  };
}

describe("content is checked at start-up", () => {
  it("stops, naming the file and the field, when a required field is deleted from a rule set", () => {
    const result = startWithContent(
      editJson("rule-sets/example-2026-1.json", (json) => {
        delete json.usualMaximumPounds;
      }),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("rule-sets/example-2026-1.json");
    expect(result.stderr).toContain("usualMaximumPounds");
    expect(result.stdout).not.toContain("running at");
  });

  it("stops when a need area loses one of its rating descriptions", () => {
    const result = startWithContent(
      editJson("need-areas.json", (json) => {
        (json.needAreas as { ratings: unknown[] }[])[0]!.ratings.pop();
      }),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("need-areas.json");
    expect(result.stderr).toContain("ratings");
  });

  it("stops when a rule set gives an NHS share outside 0 to 100", () => {
    const result = startWithContent(
      editJson("rule-sets/example-2026-1.json", (json) => {
        (json.nhsShares as Record<string, number>).mood = 120;
      }),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/nhsShares\.mood/);
  });

  it("stops when a translation has a wrong type, or a language lacks a file English has", () => {
    const wrongType = startWithContent(
      editJson("locales/en/help.json", (json) => {
        json.title = 42;
      }),
    );
    expect(wrongType.status).toBe(1);
    expect(wrongType.stderr).toContain("locales/en/help.json");
    expect(wrongType.stderr).toContain("title");
    const missing = startWithContent((dir) => rmSync(path.join(dir, "locales/pl/help.json")));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("locales/pl/help.json");
  });

  it("stops when the configured active rule set does not exist", () => {
    const result = startWithContent(() => {}, { ACTIVE_RULE_SET: "no-such-rules" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("no-such-rules");
  });
});

describe("demo people never in a real deployment", () => {
  /** Starts the server as `npm start` does, waits until it serves, and stops it: seeds the demo people. */
  function startOnThisMachine(env: NodeJS.ProcessEnv): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ["scripts/start.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      const timer = setTimeout(() => (child.kill(), reject(new Error(`did not start:\n${output}`))), 60_000);
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Press Ctrl+C")) {
          clearTimeout(timer);
          child.kill();
          resolve(output);
        }
      });
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    });
  }

  it("a real address on a database holding the demo accounts stops start-up with a clear message", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "portal-demo-"));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: "0", NODE_ENV: "production" };
      delete env.PUBLIC_URL;
      delete env.SEED_DEMO;
      expect(await startOnThisMachine(env)).toContain("asha@example.org");
      const real = spawnSync(process.execPath, ["scripts/start.mjs"], {
        env: { ...env, PUBLIC_URL: "https://portal.example.org" },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(real.status).toBe(1);
      expect(real.stderr).toContain("demo accounts");
      expect(real.stderr).toContain("PUBLIC_URL (https://portal.example.org");
      expect(real.stdout).not.toContain("running at");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
