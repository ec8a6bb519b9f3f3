// The data export's audit trail is written as JSON by the database itself (auditLinesJsonOf): on both
// engines each line must be exactly what JSON.stringify makes of the line's row, whatever the text holds
// (quotes, backslashes, every control character, characters beyond ASCII, empty and missing values).
import { describe, expect, it, vi } from "vitest";
import { onBothEngines, type Engine } from "../support/both-engines";

const PERSON = "person-with-awkward-lines";
// From 1: PostgreSQL refuses the NUL character in text (a NUL inside `detail` is written escaped, as \u0000).
const everyAscii = Array.from({ length: 0x7f }, (_, i) => String.fromCharCode(i + 1)).join("");
const AWKWARD = [
  everyAscii,
  'a "quoted" \\ back\\slash',
  "line one\nline two\ttabbed\r\n\b\f",
  "é ß ł ż ć اردو \u2028 \u2029 \ufeff 😀",
  "",
  "\u0000 inside the detail only",
];

/** The exported lines and the rows they were made from, on one engine. */
async function onEngine(engine: Engine) {
  vi.resetModules();
  if (engine.DATABASE_URL) process.env.DATABASE_URL = engine.DATABASE_URL;
  else delete process.env.DATABASE_URL;
  process.env.DATA_DIR = engine.DATA_DIR;
  const { closeDatabase, databaseReady, db, onPostgres } = await import("~/lib/db.server");
  const { audit, auditLinesJsonOf } = await import("~/models/audit.server");
  const { auditLog } = await import("../../db/schema");
  const { desc, eq } = await import("drizzle-orm");
  await databaseReady();
  expect(onPostgres()).toBe(engine.DATABASE_URL !== undefined);
  for (const [i, text] of AWKWARD.entries()) {
    const column = text.replaceAll("\u0000", "");
    await audit({
      actorId: column,
      personId: PERSON,
      action: "view-record",
      target: column,
      result: "ok",
      detail: { text },
    });
    await audit({ actorId: null, personId: PERSON, action: `refusal-${i}`, result: "refused" });
  }
  const exported: string[] = [];
  // Batches of 3, so the lines cross several batches.
  for await (const batch of auditLinesJsonOf(PERSON, 3)) exported.push(...batch);
  const rows = await db().select().from(auditLog).where(eq(auditLog.personId, PERSON)).orderBy(desc(auditLog.seq));
  await closeDatabase();
  return { exported, expected: rows.map(({ seq: _seq, ...row }) => JSON.stringify(row)) };
}

const both = onBothEngines("audit-export-", onEngine);

describe("the data export's audit lines, written by the database", () => {
  it("are byte for byte what JSON.stringify makes of each line, newest first, on SQLite", () => {
    expect(both.sqlite.expected).toHaveLength(AWKWARD.length * 2);
    expect(both.sqlite.exported).toEqual(both.sqlite.expected);
  });

  it("are byte for byte what JSON.stringify makes of each line, newest first, on PostgreSQL", () => {
    expect(both.postgres.expected).toHaveLength(AWKWARD.length * 2);
    expect(both.postgres.exported).toEqual(both.postgres.expected);
  });

  it("read back as the text that was written", () => {
    const texts = both.sqlite.exported.map((line) => (JSON.parse(line) as { target: string | null }).target);
    for (const text of AWKWARD) expect(texts).toContain(text.replaceAll("\u0000", ""));
  });
});
