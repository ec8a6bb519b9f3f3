import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// Audit lines of page views share a commit with the others asked for in the same turn of the event
// loop (app/models/audit.server.ts). This file's own data folder: the connection reads DATA_DIR.
const dataDir = mkdtempSync(path.join(tmpdir(), "audit-batch-"));
process.env.DATA_DIR = dataDir;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const { audit } = await import("~/models/audit.server");
const { db, diskSync, transaction } = await import("~/lib/db.server");
const { ChainVerifier, chainLines } = await import("~/lib/audit-chain.server");

const trail = () => [...chainLines(db().$client)];
const view = (target: string) => ({ actorId: null, action: "read", target, result: "ok" as const });

describe("audit lines written outside a transaction", () => {
  it("are written together after the turn that asked for them, in the order asked, each on disk before its promise resolves", async () => {
    const before = trail().length;
    const first = audit(view("/people/a"));
    const second = audit(view("/people/b"));
    // Nothing yet: the lines wait for the end of this turn, so the requests of one turn share a commit.
    expect(trail()).toHaveLength(before);
    await first;
    const written = trail().slice(before);
    expect(written.map((line) => line.target)).toEqual(["/people/a", "/people/b"]);
    expect(written[1]!.seq).toBe(written[0]!.seq + 1);
    await second;
    // Still one unbroken chain.
    const verifier = new ChainVerifier();
    expect(
      trail()
        .map((line) => verifier.check(line, "database"))
        .filter(Boolean),
    ).toEqual([]);
  });

  it("hold up only their own answer while the disk syncs: committed at once, resolved once the log is synced off the event loop", async () => {
    const flush = diskSync.flush;
    const asked: unknown[] = [];
    let synced!: () => void;
    diskSync.flush = (sqlite) => {
      asked.push(sqlite);
      return new Promise<void>((resolve) => (synced = resolve));
    };
    try {
      let answered = false;
      const viewed = audit(view("/people/d")).then(() => (answered = true));
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      // Committed (other requests read it) and the server free to go on, but not yet answered.
      expect(trail().at(-1)!.target).toBe("/people/d");
      expect(asked).toEqual([db().$client]);
      expect(answered).toBe(false);
      // Every other commit still syncs inside COMMIT (2 is FULL).
      expect(db().$client.pragma("synchronous", { simple: true })).toBe(2);
      synced();
      await viewed;
      expect(answered).toBe(true);
    } finally {
      diskSync.flush = flush;
    }
  });

  it("fail their own request when the disk cannot be synced", async () => {
    const flush = diskSync.flush;
    diskSync.flush = () => Promise.reject(new Error("the disk is full"));
    try {
      await expect(audit(view("/people/e"))).rejects.toThrow("the disk is full");
    } finally {
      diskSync.flush = flush;
    }
    await expect(audit(view("/people/f"))).resolves.toBeUndefined();
  });

  it("inside a transaction are part of it: rolled back with it", async () => {
    const before = trail().length;
    await expect(
      transaction(async () => {
        await audit(view("/people/c"));
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    expect(trail()).toHaveLength(before);
  });
});
