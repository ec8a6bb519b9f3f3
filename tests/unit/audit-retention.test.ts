import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { auditArchiveCutoff, auditArchiveFileName } from "~/domain/retention";
import { fullScans } from "../support/query-plans";

// This file's own data folder: the archive model reads DATA_DIR when it first opens the database.
const dataDir = mkdtempSync(path.join(tmpdir(), "audit-retention-"));
process.env.DATA_DIR = dataDir;
// Each statement's text, as the test servers log theirs, so the archive's reads can be put to SQLite's planner.
process.env.PORTAL_QUERY_LOG = path.join(dataDir, "queries.log");
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const { appendChained } = await import("~/lib/audit-chain.server");
const { db } = await import("~/lib/db.server");
const { archiveOldAuditLines, auditArchiveDir, auditArchiveFiles } = await import("~/models/audit-archive.server");
const { verifyAuditTrail } = await import("../../scripts/audit-verify");

const sqlite = () => db().$client;
const DAY = 24 * 60 * 60 * 1000;

/** Lines written on consecutive days from `from`, as the portal writes them. */
function writeLines(count: number, from: Date) {
  const insert = sqlite().transaction(() => {
    for (let i = 0; i < count; i++)
      appendChained(sqlite(), {
        at: new Date(from.getTime() + i * DAY).toISOString(),
        actorId: "user-1",
        personId: "person-1",
        action: "view-record",
        target: null,
        result: "ok",
        detail: null,
      });
  });
  insert();
}
const lineCount = () => (sqlite().prepare("select count(*) as n from audit_log").get() as { n: number }).n;
const oldest = () =>
  sqlite().prepare("select min(seq) as seq, min(at) as at from audit_log").get() as { seq: number; at: string };
const verify = () => verifyAuditTrail(path.join(dataDir, "portal.sqlite"), auditArchiveFiles());

describe("the retention period (content/retention.json: 24 months in the database)", () => {
  it("counts whole calendar months back, to the month's last day when it is shorter", () => {
    expect(auditArchiveCutoff(new Date("2026-12-02T10:00:00Z"), 24).toISOString()).toBe("2024-12-02T10:00:00.000Z");
    expect(auditArchiveCutoff(new Date("2026-03-31T00:00:00Z"), 1).toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(auditArchiveCutoff(new Date("2024-03-31T00:00:00Z"), 1).toISOString()).toBe("2024-02-29T00:00:00.000Z");
    expect(auditArchiveCutoff(new Date("2026-01-15T00:00:00Z"), 13).toISOString()).toBe("2024-12-15T00:00:00.000Z");
  });

  it("names archive files so that name order is the trail's order", () => {
    const names = [
      auditArchiveFileName(10001, 20000),
      auditArchiveFileName(1, 10000),
      auditArchiveFileName(20001, 21000),
    ];
    expect([...names].sort()).toEqual([names[1], names[0], names[2]]);
  });
});

describe("moving old audit lines to the archive", () => {
  const now = new Date("2026-12-02T09:00:00Z");
  const cutoff = "2024-12-02T09:00:00.000Z";

  it("moves every line older than the period, 10,000 a file, and the verify command still finds one intact chain", async () => {
    // 12,500 daily lines would span 34 years: start far back so 12,000 are older than the cutoff.
    const start = new Date(Date.parse(cutoff) - 12_000 * DAY);
    writeLines(12_500, start);
    expect(lineCount()).toBe(12_500);
    // Each person's count of lines (for paging who has looked) follows the lines written and archived.
    const personLines = () => sqlite().prepare("select lines from audit_counts where person_id = 'person-1'").get();
    expect(personLines()).toEqual({ lines: 12_500 });

    const first = await archiveOldAuditLines(now, 1);
    expect(first).toEqual({ files: [auditArchiveFileName(1, 10_000)], lines: 10_000 });
    const rest = await archiveOldAuditLines(now);
    expect(rest).toEqual({ files: [auditArchiveFileName(10_001, 12_000)], lines: 2_000 });
    expect(await archiveOldAuditLines(now)).toEqual({ files: [], lines: 0 });

    // What stays is the period's lines (and the two lines recording each move).
    expect(lineCount()).toBe(500 + 2);
    expect(personLines()).toEqual({ lines: 500 });
    expect(oldest().at >= cutoff).toBe(true);
    expect(readdirSync(auditArchiveDir()).sort()).toEqual([
      auditArchiveFileName(1, 10_000),
      auditArchiveFileName(10_001, 12_000),
    ]);
    const moves = sqlite().prepare("select first_seq, last_seq, lines from audit_archives order by id").all();
    expect(moves).toEqual([
      { first_seq: 1, last_seq: 10_000, lines: 10_000 },
      { first_seq: 10_001, last_seq: 12_000, lines: 2_000 },
    ]);

    expect(await verify()).toMatchObject({ ok: true, count: 12_502 });
    // Without the archive files the database alone is not the whole trail, and verify says so.
    expect(await verifyAuditTrail(path.join(dataDir, "portal.sqlite"), [])).toMatchObject({ ok: false });
  });

  it("still refuses to delete any line that is not archived, or to change the record of a move", () => {
    const { seq } = oldest();
    expect(() => sqlite().prepare("delete from audit_log where seq = ?").run(seq)).toThrow(/append-only/);
    expect(() => sqlite().prepare("delete from audit_archives").run()).toThrow(/append-only/);
    expect(() => sqlite().prepare("update audit_archives set last_seq = 999999").run()).toThrow(/append-only/);
  });

  it("undoes a move a crash left half done, keeping the lines in the database", async () => {
    const { seq } = oldest();
    const stray = path.join(auditArchiveDir(), `${auditArchiveFileName(seq, seq + 5)}.partial`);
    writeFileSync(stray, "half a file\n");
    const later = new Date("2026-12-03T09:00:00Z"); // one more day: one more line is past the period
    expect(await archiveOldAuditLines(later)).toEqual({ files: [auditArchiveFileName(seq, seq)], lines: 1 });
    expect(existsSync(stray)).toBe(false);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it("always keeps the newest line in the database, so the chain goes on", async () => {
    const farFuture = new Date("2099-01-01T00:00:00Z");
    const { newest } = sqlite().prepare("select max(seq) as newest from audit_log").get() as { newest: number };
    await archiveOldAuditLines(farFuture);
    // The newest line stays, with the line recording this move after it.
    expect(oldest().seq).toBe(newest);
    expect(lineCount()).toBe(2);
    writeLines(1, farFuture);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it("finds the trail's first and newest lines through its primary key: every start reads no whole trail", async () => {
    const log = process.env.PORTAL_QUERY_LOG!;
    const mark = statSync(log).size;
    await archiveOldAuditLines(new Date("2099-01-02T00:00:00Z"));
    const statements = new Set(
      readFileSync(log)
        .subarray(mark)
        .toString("utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as string),
    );
    expect([...statements].some((s) => /min\("seq"\)/.test(s))).toBe(true);
    // One row per archive file of 10,000 lines: small whatever the number of people.
    expect(fullScans(sqlite(), statements, new Set(["audit_archives"]))).toEqual([]);
  });
});
