import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));
const alias = { "~": fileURLToPath(new URL("../app", import.meta.url)) };

// Test files that test what only the embedded engine has, each with its reason. Every other integration
// and browser file runs twice, on SQLite and on PostgreSQL (the "-pg" projects); a test that reads or
// writes its server's database directly does so through tests/support/database.ts, on either engine.
const SQLITE_ONLY = [
  // SQLite's online backup API and integrity_check: PostgreSQL's backups are pg_dump/pg_restore (README).
  "tests/integration/backup-restore.test.ts",
  // SQLite's EXPLAIN QUERY PLAN over every statement the pages ran (the pages themselves: scale.test.ts and
  // insights.test.ts, on both engines).
  "tests/integration/scale.sqlite.test.ts",
  "tests/integration/insights.sqlite.test.ts",
];

// What only PostgreSQL has (its dump and restore drill): in the "-pg" projects only.
const POSTGRES_ONLY = ["tests/integration/backup-restore-pg.test.ts"];

// Five projects: unit (pure modules), integration (real HTTP against the built production server on a
// temporary database), browser (real Chromium against the same), and integration and browser again
// with every server on a throwaway PostgreSQL (tests/setup/server.ts).
export default defineConfig({
  root,
  resolve: { alias },
  test: {
    // Two files at a time, one per core. Each project with a server starts one per worker slot
    // (tests/setup/server.ts), so files running side by side never share a server or a database.
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          root,
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          // Password hashing is deliberately slow (memory-hard); on a busy 2-core machine give it room.
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          root,
          include: ["tests/integration/**/*.test.ts"],
          exclude: POSTGRES_ONLY,
          environment: "node",
          globalSetup: ["tests/setup/server.ts"],
          // Files run two at a time, each against its own slot's server and database (tests/setup/server.ts).
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "browser",
          root,
          include: ["tests/browser/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/server.ts", "tests/setup/browser.ts"],
          // Two files at a time like integration, each against its own slot's server (tests/setup/server.ts)
          // and its slot's Chromium, started once (tests/setup/browser.ts), in browser contexts of its own. All three projects share one pool of two workers, longest files
          // first, so a browser file runs beside another or beside integration files.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration-pg",
          root,
          include: ["tests/integration/**/*.test.ts"],
          exclude: SQLITE_ONLY,
          environment: "node",
          globalSetup: ["tests/setup/server.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "browser-pg",
          root,
          include: ["tests/browser/**/*.test.ts"],
          exclude: SQLITE_ONLY,
          environment: "node",
          globalSetup: ["tests/setup/server.ts", "tests/setup/browser.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
