import { createHash } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { content } from "~/content/content.server";
import { auditArchiveCutoff, auditArchiveFileName } from "~/domain/retention";
import { asc, between, eq, lte, max, min } from "drizzle-orm";
import { auditArchives, auditLog } from "../../db/schema";
import { archiveFilesIn, type ChainLine } from "~/lib/audit-chain.server";
import { dataDir, db, firstRow, transaction } from "~/lib/db.server";
import { audit } from "./audit.server";

/**
 * Retention of the audit trail (content/retention.json): lines older than the period move, whole and
 * still chained, to JSON-lines files in $DATA_DIR/audit-archive/, which `npm run audit:verify` reads
 * before the database. A file is written as `.partial` first; one transaction then records it in
 * `audit_archives` and deletes its lines (the trigger allows nothing else); only then is it renamed.
 * A crash in between leaves either a `.partial` not recorded (removed next time; the lines are still in
 * the database) or one recorded (renamed next time). The newest line always stays, so the chain goes on.
 */
export function auditArchiveDir(): string {
  // Several servers share one data folder (README, "More than one server"), so one archive.
  return path.join(dataDir(), "audit-archive");
}

/** Finishes or undoes a move that a crash interrupted (see above). */
async function settleInterruptedMoves(dir: string): Promise<void> {
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".jsonl.partial"))) {
    const file = path.join(dir, name);
    const finalName = name.slice(0, -".partial".length);
    const row = await firstRow(
      db().select({ sha256: auditArchives.sha256 }).from(auditArchives).where(eq(auditArchives.file, finalName)),
    );
    const sha = createHash("sha256").update(readFileSync(file)).digest("hex");
    if (row && row.sha256 === sha) renameSync(file, path.join(dir, finalName));
    else rmSync(file);
  }
}

export interface ArchiveResult {
  files: string[];
  lines: number;
}

/** The oldest and newest line numbers in the database's trail. */
async function trailBounds(): Promise<{ first: number | null; newest: number | null }> {
  // Two queries: SQLite reads a lone min() or max() from the primary key, but both in one query scan
  // the whole trail (1.1 s at 100,000 people, on every server start).
  const first = await firstRow(
    db()
      .select({ seq: min(auditLog.seq) })
      .from(auditLog),
  );
  const newest = await firstRow(
    db()
      .select({ seq: max(auditLog.seq) })
      .from(auditLog),
  );
  return { first: first?.seq ?? null, newest: newest?.seq ?? null };
}

async function atOf(seq: number): Promise<string> {
  return (await firstRow(db().select({ at: auditLog.at }).from(auditLog).where(eq(auditLog.seq, seq))))!.at;
}

/** Lines read from the database a batch at a time while an archive file is written. */
const READ_BATCH = 1000;

/** Lines `first` to `last` of the trail, oldest first, as an archive file holds them. */
async function* chainLinesBetween(first: number, last: number): AsyncGenerator<ChainLine> {
  for (let from = first; from <= last; from += READ_BATCH) {
    const batch = await db()
      .select({
        seq: auditLog.seq,
        at: auditLog.at,
        actorId: auditLog.actorId,
        personId: auditLog.personId,
        action: auditLog.action,
        target: auditLog.target,
        result: auditLog.result,
        detail: auditLog.detail,
        prevHash: auditLog.prevHash,
        hash: auditLog.hash,
      })
      .from(auditLog)
      .where(between(auditLog.seq, from, Math.min(last, from + READ_BATCH - 1)))
      .orderBy(asc(auditLog.seq));
    yield* batch;
  }
}

/**
 * Moves audit lines past the retention period to archive files, one file (at most linesPerArchiveFile
 * lines) per step, at most `maxFiles` steps (the server moves one file at a time between requests).
 */
export async function archiveOldAuditLines(
  now = new Date(),
  maxFiles = Number.POSITIVE_INFINITY,
): Promise<ArchiveResult> {
  const rules = content().retention.auditTrail;
  const cutoff = auditArchiveCutoff(now, rules.keepInDatabaseMonths).toISOString();
  const dir = auditArchiveDir();
  mkdirSync(dir, { recursive: true });
  await settleInterruptedMoves(dir);
  const result: ArchiveResult = { files: [], lines: 0 };
  // Only lines that were here when this began (each move writes a line of its own), never the newest.
  const { newest } = await trailBounds();
  while (result.files.length < maxFiles) {
    const { first } = await trailBounds();
    if (first === null || newest === null || first >= newest) break;
    if ((await atOf(first)) >= cutoff) break;
    // Bisection: the last seq before the newest line whose time is before the cutoff.
    let lo = first;
    let hi = newest - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if ((await atOf(mid)) < cutoff) lo = mid;
      else hi = mid - 1;
    }
    const upTo = Math.min(lo, first + rules.linesPerArchiveFile - 1);
    const name = auditArchiveFileName(first, upTo);
    const partial = path.join(dir, `${name}.partial`);
    const hash = createHash("sha256");
    const fd = openSync(partial, "w");
    let lastHash = "";
    let lines = 0;
    try {
      for await (const line of chainLinesBetween(first, upTo)) {
        const text = `${JSON.stringify(line)}\n`;
        writeSync(fd, text);
        hash.update(text);
        lastHash = line.hash ?? "";
        lines++;
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const sha256 = hash.digest("hex");
    const moved = await transaction(async () => {
      // Another server may have moved these lines meanwhile: then this file is not needed.
      if ((await trailBounds()).first !== first) return false;
      await db().insert(auditArchives).values({
        file: name,
        firstSeq: first,
        lastSeq: upTo,
        lines,
        lastHash,
        sha256,
        archivedAt: now.toISOString(),
      });
      await db().delete(auditLog).where(lte(auditLog.seq, upTo));
      return true;
    });
    if (!moved) {
      rmSync(partial);
      break;
    }
    renameSync(partial, path.join(dir, name));
    await audit({ actorId: null, action: "archive-audit-lines", result: "ok", detail: { file: name, lines } });
    result.files.push(name);
    result.lines += lines;
  }
  return result;
}

/** The archive files in trail order (what `npm run audit:verify` reads before the database). */
export function auditArchiveFiles(): string[] {
  return archiveFilesIn(auditArchiveDir());
}
