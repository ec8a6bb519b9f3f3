import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));
const alias = { "~": fileURLToPath(new URL("../app", import.meta.url)) };

// Three projects: unit (pure modules), integration (real HTTP against the built
// production server on a temporary database), browser (real Chromium against the same).
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
          globalSetup: ["tests/setup/server.ts"],
          // Two files at a time like integration, each with its own Chromium and its own slot's server
          // (tests/setup/server.ts). All three projects share one pool of two workers, longest files
          // first, so a browser file runs beside another or beside integration files.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
