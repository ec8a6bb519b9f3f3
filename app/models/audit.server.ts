import { desc, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import { auditCounts, auditLog } from "../../db/schema";
import { pageOf } from "~/domain/paging";
import { appendChained, GENESIS_HASH, lineHash } from "~/lib/audit-chain.server";
import {
  commitWithoutHoldingTheServer,
  db,
  firstRow,
  onPostgres,
  preparedQuery,
  rowArrays,
  transaction,
} from "~/lib/db.server";

export type AuditResult = "ok" | "refused" | "failed";

export interface AuditLine {
  actorId: string | null;
  /** Whose record this was about (the "on behalf of" person), if any. */
  personId?: string | null;
  action: string;
  target?: string | null;
  result: AuditResult;
  detail?: Record<string, unknown>;
}

type Waiting = { line: AuditLine; done: () => void; failed: (error: unknown) => void };

/** Lines asked for outside any transaction, waiting for the next batch (see `audit`). */
let waiting: Waiting[] = [];

function row(line: AuditLine) {
  return {
    at: new Date().toISOString(),
    actorId: line.actorId,
    personId: line.personId ?? null,
    action: line.action,
    target: line.target ?? null,
    result: line.result,
    detail: line.detail ? JSON.stringify(line.detail) : null,
  };
}

/**
 * Writes the waiting lines in one transaction, so the requests that asked in the same turn of the
 * event loop share one commit and one disk sync instead of one each; the sync runs off the event loop
 * (`commitWithoutHoldingTheServer`), and each request is answered once its line is on disk. Each line
 * is its own savepoint: a line that cannot be written fails only its own request. Runs when no
 * transaction is open (a transaction never waits on the event loop); if one is, it waits for it to end.
 */
function writeWaiting(): void {
  const sqlite = db().$client;
  if (sqlite.inTransaction) {
    setTimeout(writeWaiting, 1);
    return;
  }
  const batch = waiting;
  waiting = [];
  const written: Waiting[] = [];
  let onDisk: Promise<void>;
  try {
    ({ onDisk } = commitWithoutHoldingTheServer(sqlite, () => {
      for (const w of batch) {
        try {
          appendChained(sqlite, row(w.line));
          written.push(w);
        } catch (error) {
          w.failed(error);
        }
      }
    }));
  } catch (error) {
    for (const w of written) w.failed(error);
    return;
  }
  onDisk.then(
    () => {
      for (const w of written) w.done();
    },
    (error: unknown) => {
      for (const w of written) w.failed(error);
    },
  );
}

/**
 * PostgreSQL: read the last line and write the next inside a transaction holding the write lock that
 * every server takes, so two servers never read the same last line and fork the chain. Inside the
 * caller's transaction it is a savepoint of it (the line commits, or not, with what it records).
 */
async function appendOnPostgres(line: AuditLine): Promise<void> {
  const content = row(line);
  await transaction(async () => {
    const last = await firstRow(
      db().select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)),
    );
    const chained = { ...content, seq: (last?.seq ?? 0) + 1 };
    const prevHash = last?.hash ?? GENESIS_HASH;
    await db()
      .insert(auditLog)
      .values({ ...chained, prevHash, hash: lineHash(prevHash, chained) });
  });
}

/**
 * Appends one line to the audit trail, hash-chained to the line before it. The table refuses
 * UPDATE and DELETE; `npm run audit:verify` proves nothing was changed outside the portal either.
 *
 * Inside a transaction the line is part of it (it commits, or not, with what it records). Outside
 * one (a page view), on the embedded engine the line joins the others asked for in the same turn of the
 * event loop and they are committed together; either way the promise resolves only once the line is
 * committed and on disk, so no page is answered before its view is.
 */
export async function audit(line: AuditLine): Promise<void> {
  if (onPostgres()) return appendOnPostgres(line);
  const sqlite = db().$client;
  if (sqlite.inTransaction) {
    appendChained(sqlite, row(line));
    return;
  }
  await new Promise<void>((done, failed) => {
    waiting.push({ line, done, failed });
    if (waiting.length === 1) setImmediate(writeWaiting);
  });
}

const auditCountQuery = preparedQuery((d) =>
  d
    .select({ lines: auditCounts.lines })
    .from(auditCounts)
    .where(eq(auditCounts.personId, sql.placeholder("personId")))
    .prepare(),
);

/** One page of everything done to or about one person's record, newest first. */
export async function auditPage(personId: string, asked: string | null) {
  // Counted as lines are written (audit_counts, by trigger): counting a trail that grows at every view
  // took longer than the rest of the page once it held tens of thousands of lines.
  const total = Number((await firstRow(auditCountQuery().execute({ personId })))?.lines ?? 0);
  const page = pageOf(asked, total);
  const lines = await db()
    .select()
    .from(auditLog)
    .where(eq(auditLog.personId, personId))
    .orderBy(desc(auditLog.seq))
    .limit(page.limit)
    .offset(page.offset);
  return { lines, page };
}

/** The columns of an audit line in the data export, in the table's order: every one but `seq` (the order). */
const EXPORTED_COLUMNS = Object.entries(getTableColumns(auditLog)).filter(([key]) => key !== "seq");

/**
 * One audit line (its columns after `seq`) as JSON, written by the database itself: the same bytes as
 * `JSON.stringify` of the row's object (both engines escape a string as it does; every column is text or
 * null; a unit test compares them on both). A long trail is most of the export's work, and the database
 * quoting each column costs about half of reading the columns into JavaScript and writing them out there.
 */
function exportedLineSql(): SQL {
  const quoted = (column: string) =>
    onPostgres() ? `coalesce(to_json("${column}")::text, 'null')` : `json_quote("${column}")`;
  const parts = EXPORTED_COLUMNS.map(
    ([key, column], i) => `'${i === 0 ? "{" : ","}${JSON.stringify(key)}:' || ${quoted(column.name)}`,
  );
  return sql.raw(`${parts.join(" || ")} || '}'`);
}

/**
 * Every line about one person, newest first, each as the JSON of its columns but `seq`, a batch at a time
 * (for the data export, which streams them): each batch starts below the last line of the one before, so
 * no batch rereads earlier lines.
 */
export async function* auditLinesJsonOf(personId: string, batch = 1000): AsyncGenerator<string[]> {
  const line = exportedLineSql();
  let below = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const lines = await rowArrays<[number, string]>(
      sql`select "seq", ${line} as "line" from ${auditLog} where "person_id" = ${personId} and "seq" < ${below} order by "seq" desc limit ${sql.raw(String(Math.trunc(batch)))}`,
    );
    if (lines.length > 0) yield lines.map((row) => row[1]);
    if (lines.length < batch) return;
    below = Number(lines.at(-1)![0]);
  }
}

/**
 * A request refused before any route ran: a cross-site or token-less form (CSRF, origin), a body too
 * large or unreadable. Nobody is known to be asking, so the line names the reason and the address.
 */
export async function auditRefusal(reason: string, detail: Record<string, unknown> = {}): Promise<void> {
  await audit({ actorId: null, action: "request-refused", result: "refused", detail: { reason, ...detail } });
}
