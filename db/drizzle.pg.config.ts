import { defineConfig } from "drizzle-kit";

// PostgreSQL (issue #16): the twin of db/schema.sqlite.ts, its own migrations. `npm run db:generate:pg`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.pg.ts",
  out: "./db/migrations-pg",
});
