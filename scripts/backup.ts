/**
 * An online, consistent backup of the portal's SQLite database while the portal serves.
 *
 *   npm run backup -- FILE
 *
 * Uses SQLite's online backup API: after a first step it copies every page in one step, inside one
 * read transaction, so the copy is the database as it was at one moment (writes go on meanwhile: in WAL
 * mode a reader never blocks the portal). The copy is written beside FILE, checked with
 * `PRAGMA integrity_check`, and only then renamed to FILE. Exit 0: done; 1: the copy failed its check;
 * 2: nothing to back up or a bad argument. Back up $DATA_DIR/audit-archive/ too (its files never change).
 */
import Database from "better-sqlite3";
import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export async function backupDatabase(source: string, destination: string): Promise<{ pages: number; bytes: number }> {
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  const sqlite = new Database(source, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  try {
    // Every remaining page in one step: one read transaction, one moment (see above).
    const done = await sqlite.backup(partial, { progress: () => 0x7fffffff });
    const copy = new Database(partial, { readonly: true });
    try {
      const check = copy.pragma("integrity_check", { simple: true });
      if (check !== "ok") throw new Error(`the copy failed SQLite's integrity check: ${String(check)}`);
    } finally {
      copy.close();
    }
    renameSync(partial, destination);
    return { pages: done.totalPages, bytes: statSync(destination).size };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    sqlite.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const destination = argv[0];
  if (!destination || argv.length > 1) {
    console.error("Usage: npm run backup -- FILE   (the database in $DATA_DIR, default ./data, is copied to FILE)");
    return 2;
  }
  const source = path.join(path.resolve(process.env.DATA_DIR ?? "data"), "portal.sqlite");
  if (!existsSync(source)) {
    console.error(`There is no database at ${source} to back up (set DATA_DIR to the portal's data folder).`);
    return 2;
  }
  const target = path.resolve(destination);
  if (!existsSync(path.dirname(target))) {
    console.error(`The folder ${path.dirname(target)} does not exist.`);
    return 2;
  }
  try {
    const { pages, bytes } = await backupDatabase(source, target);
    console.log(
      `Backed up ${source} to ${target}: ${pages} pages, ${(bytes / 1024 / 1024).toFixed(1)} MiB; integrity check ok.`,
    );
    const archive = path.join(path.dirname(source), "audit-archive");
    if (existsSync(archive)) console.log(`Keep a copy of ${archive} with it (the audit trail's older lines).`);
    return 0;
  } catch (error) {
    console.error(`The backup failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  if (process.env.DATABASE_URL) {
    // This command is the embedded database's; PostgreSQL has its own (README, "Backups and the restore drill").
    console.error(
      "DATABASE_URL is set: the portal runs on PostgreSQL. Use pg_dump and pg_restore (or your managed service's backups); the README gives the commands and the drill.",
    );
    process.exitCode = 2;
  } else {
    process.exitCode = await main(process.argv.slice(2));
  }
}
