/**
 * Puts a backup made by `npm run backup` back as the portal's database. Stop the portal first.
 *
 *   npm run restore -- FILE [--replace]
 *
 * Checks FILE before anything changes: SQLite's `integrity_check`, no broken foreign key, and that it
 * is a portal database (its migrations table and audit trail). Restores into $DATA_DIR (default ./data);
 * a database already there is kept only with --replace, moved aside to portal.sqlite.before-restore-TIME.
 * The copy is written beside the target and renamed into place, so a failure leaves nothing half done.
 * The next start applies any newer migrations. Exit 0: restored; 1: FILE failed a check; 2: bad use.
 */
import Database from "better-sqlite3";
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** Why FILE cannot be restored, or null when it can. */
export function backupProblem(file: string): string | null {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return `it cannot be opened as a database (${error instanceof Error ? error.message : String(error)})`;
  }
  try {
    const integrity = sqlite.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") return `it failed SQLite's integrity check: ${String(integrity)}`;
    const tables = new Set(
      (sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    if (!tables.has("__drizzle_migrations") || !tables.has("audit_log"))
      return "it is not a database of this portal (no migrations table or audit trail)";
    const broken = sqlite.pragma("foreign_key_check") as unknown[];
    if (broken.length > 0) return `it has ${broken.length} broken foreign key(s)`;
    return null;
  } catch (error) {
    return `it cannot be read (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    sqlite.close();
  }
}

function main(argv: string[]): number {
  const replace = argv.includes("--replace");
  const files = argv.filter((a) => a !== "--replace");
  if (files.length !== 1) {
    console.error(
      "Usage: npm run restore -- FILE [--replace]   (into $DATA_DIR, default ./data; stop the portal first)",
    );
    return 2;
  }
  const source = path.resolve(files[0]!);
  if (!existsSync(source)) {
    console.error(`There is no backup at ${source}.`);
    return 2;
  }
  const problem = backupProblem(source);
  if (problem) {
    console.error(`${source} was not restored: ${problem}. Nothing was changed.`);
    return 1;
  }
  const dataDir = path.resolve(process.env.DATA_DIR ?? "data");
  const target = path.join(dataDir, "portal.sqlite");
  if (existsSync(target) && !replace) {
    console.error(
      `${target} already holds a database. Stop the portal and run again with --replace to move it aside, or set DATA_DIR to a new folder.`,
    );
    return 2;
  }
  mkdirSync(dataDir, { recursive: true });
  const partial = `${target}.partial`;
  copyFileSync(source, partial);
  if (existsSync(target)) {
    const aside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    renameSync(target, aside);
    for (const suffix of ["-wal", "-shm"]) if (existsSync(target + suffix)) renameSync(target + suffix, aside + suffix);
    console.log(`The database that was there is kept as ${aside}.`);
  }
  for (const suffix of ["-wal", "-shm"]) rmSync(target + suffix, { force: true });
  renameSync(partial, target);
  console.log(`Restored ${source} into ${target} (integrity check ok). Start the portal as usual.`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  if (process.env.DATABASE_URL) {
    // This command is the embedded database's; PostgreSQL has its own (README, "Backups and the restore drill").
    console.error(
      "DATABASE_URL is set: the portal runs on PostgreSQL. Use pg_dump and pg_restore (or your managed service's backups); the README gives the commands and the drill.",
    );
    process.exitCode = 2;
  } else {
    process.exitCode = main(process.argv.slice(2));
  }
}
