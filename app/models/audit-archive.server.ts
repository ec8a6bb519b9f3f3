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
import { archiveFilesIn, chainLinesBetween } from "~/lib/audit-chain.server";
import { dataDir, db } from "~/lib/db.server";
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
  return path.join(dataDir(), "audit-archive");
}

/** Finishes or undoes a move that a crash interrupted (see above). */
function settleInterruptedMoves(dir: string): void {
  const sqlite = db().$client;
  const recorded = sqlite.prepare("select sha256 from audit_archives where file = ?");
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".jsonl.partial"))) {
    const file = path.join(dir, name);
    const finalName = name.slice(0, -".partial".length);
    const row = recorded.get(finalName) as { sha256: string } | undefined;
    const sha = createHash("sha256").update(readFileSync(file)).digest("hex");
    if (row && row.sha256 === sha) renameSync(file, path.join(dir, finalName));
    else rmSync(file);
  }
}

export interface ArchiveResult {
  files: string[];
  lines: number;
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
  settleInterruptedMoves(dir);
  const sqlite = db().$client;
  const atOf = sqlite.prepare("select at from audit_log where seq = ?").pluck();
  const bounds = sqlite.prepare("select min(seq) as first, max(seq) as newest from audit_log");
  const result: ArchiveResult = { files: [], lines: 0 };
  // Only lines that were here when this began (each move writes a line of its own), never the newest.
  const newest = (bounds.get() as { newest: number | null }).newest;
  while (result.files.length < maxFiles) {
    const { first } = bounds.get() as { first: number | null };
    if (first === null || newest === null || first >= newest) break;
    if ((atOf.get(first) as string) >= cutoff) break;
    // Bisection: the last seq before the newest line whose time is before the cutoff.
    let lo = first;
    let hi = newest - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if ((atOf.get(mid) as string) < cutoff) lo = mid;
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
      for (const line of chainLinesBetween(sqlite, first, upTo)) {
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
    const moved = sqlite
      .transaction(() => {
        // Another server may have moved these lines meanwhile: then this file is not needed.
        const still = bounds.get() as { first: number | null };
        if (still.first !== first) return false;
        sqlite
          .prepare(
            `insert into audit_archives (file, first_seq, last_seq, lines, last_hash, sha256, archived_at)
             values (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(name, first, upTo, lines, lastHash, sha256, now.toISOString());
        sqlite.prepare("delete from audit_log where seq <= ?").run(upTo);
        return true;
      })
      .immediate();
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
