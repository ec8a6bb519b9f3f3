import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { startPostgres, type TestPostgres } from "./postgres";

/** Where one run of a test's models goes: a data folder, and on PostgreSQL the database's address. */
export interface Engine {
  DATABASE_URL?: string;
  DATA_DIR: string;
}

/**
 * For a unit test that runs the portal's own models on both engines in one process: before the file's
 * tests, `run` once on SQLite (a new data folder) and once on a throwaway PostgreSQL server, one after the
 * other (each `run` resets the modules and points them at its engine); after them, the server stopped and
 * the folders removed. The tests read `results.sqlite` and `results.postgres` (and the server's address).
 */
export function onBothEngines<T>(
  prefix: string,
  run: (engine: Engine) => Promise<T>,
): { sqlite: T; postgres: T; postgresUrl: string } {
  const results = {} as { sqlite: T; postgres: T; postgresUrl: string };
  let server: TestPostgres | undefined;
  const folders: string[] = [];
  const folder = () => {
    const made = mkdtempSync(path.join(tmpdir(), prefix));
    folders.push(made);
    return made;
  };
  beforeAll(async () => {
    server = await startPostgres();
    results.postgresUrl = server.url;
    results.sqlite = await run({ DATA_DIR: folder() });
    results.postgres = await run({ DATABASE_URL: server.url, DATA_DIR: folder() });
  }, 120_000);
  afterAll(async () => {
    delete process.env.DATABASE_URL;
    await server?.stop();
    for (const made of folders) rmSync(made, { recursive: true, force: true });
  });
  return results;
}
