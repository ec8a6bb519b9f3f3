/**
 * Verifies the audit trail's hash chain and names the first broken line.
 *
 *   npm run audit:verify -- [--db FILE | --db postgres://…] [ARCHIVE.jsonl ...]
 *
 * Reads archive files first (oldest first: the ones named, else every *.jsonl in
 * $DATA_DIR/audit-archive/ in name order), then the database (DATABASE_URL when set, else
 * $DATA_DIR/portal.sqlite), one line at a time. Exit 0: intact; 1: broken (the first broken line is
 * named); 2: unreadable. The database is only read, never migrated.
 */
import Database from "better-sqlite3";
import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import pg from "pg";
import {
  archiveFilesIn,
  ChainVerifier,
  chainLines,
  type ChainLine,
  type ChainProblem,
} from "../app/lib/audit-chain.server";

export type VerifyResult =
  { ok: true; count: number; lastHash: string } | { ok: false; broken: ChainProblem; checked: number };

async function* archiveLines(file: string): AsyncGenerator<{ line: ChainLine; where: string }> {
  const reader = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  let number = 0;
  for await (const text of reader) {
    number++;
    if (text.trim() === "") continue;
    const where = `${file}, line ${number}`;
    let line: ChainLine;
    try {
      line = JSON.parse(text) as ChainLine;
    } catch {
      line = { seq: Number.NaN } as ChainLine;
    }
    yield { line, where };
  }
}

export async function verifyAuditTrail(dbFile: string, archives: string[]): Promise<VerifyResult> {
  const verifier = new ChainVerifier();
  for (const file of archives) {
    for await (const { line, where } of archiveLines(file)) {
      const broken = Number.isFinite(line.seq)
        ? verifier.check(line, where)
        : { seq: Number.NaN, where, problem: "is not a line of the audit trail" };
      if (broken) return { ok: false, broken, checked: verifier.count };
    }
  }
  for await (const line of databaseLines(dbFile)) {
    const broken = verifier.check(line, "database");
    if (broken) return { ok: false, broken, checked: verifier.count };
  }
  return { ok: true, count: verifier.count, lastHash: verifier.lastHash };
}

/** Lines a PostgreSQL trail holds, read a batch at a time (each after the last one read). */
const BATCH = 5000;

/** The database's lines, oldest first: a SQLite file, or a PostgreSQL database by its address. */
async function* databaseLines(source: string): AsyncGenerator<ChainLine> {
  if (!/^postgres(ql)?:\/\//.test(source)) {
    const sqlite = new Database(source, { readonly: true, fileMustExist: true });
    try {
      yield* chainLines(sqlite);
    } finally {
      sqlite.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: source });
  await client.connect();
  try {
    for (let after = 0; ;) {
      const found = await client.query<ChainLine & { seq: string }>(
        `select seq, at, actor_id as "actorId", person_id as "personId", action, target, result, detail,
           prev_hash as "prevHash", hash from audit_log where seq > $1 order by seq limit ${BATCH}`,
        [after],
      );
      if (found.rows.length === 0) return;
      for (const row of found.rows) yield { ...row, seq: Number(row.seq) };
      after = Number(found.rows.at(-1)!.seq);
    }
  } finally {
    await client.end();
  }
}

export async function main(argv: string[]): Promise<number> {
  const dataDir = path.resolve(process.env.DATA_DIR ?? "data");
  let dbFile = process.env.DATABASE_URL || path.join(dataDir, "portal.sqlite");
  const archives: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--db") dbFile = argv[++i] ?? "";
    else if (arg.startsWith("--db=")) dbFile = arg.slice("--db=".length);
    else archives.push(arg);
  }
  if (!dbFile || (!/^postgres(ql)?:\/\//.test(dbFile) && !existsSync(dbFile))) {
    console.error(
      `No database at ${dbFile || "(none given)"}. Usage: npm run audit:verify -- [--db FILE] [ARCHIVE.jsonl ...]`,
    );
    return 2;
  }
  try {
    const result = await verifyAuditTrail(
      dbFile,
      archives.length ? archives : archiveFilesIn(path.join(dataDir, "audit-archive")),
    );
    if (result.ok) {
      console.log(`The audit trail is intact: ${result.count} lines; the last line's hash is ${result.lastHash}.`);
      return 0;
    }
    const { seq, where, problem } = result.broken;
    console.error(`The audit trail is broken at line ${seq} (${where}): it ${problem}.`);
    console.error(`${result.checked} lines before it are intact.`);
    return 1;
  } catch (error) {
    console.error(`The audit trail cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
