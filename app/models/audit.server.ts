import { and, count, desc, eq, lt } from "drizzle-orm";
import { auditLog } from "../../db/schema";
import { pageOf } from "~/domain/paging";
import { appendChained, GENESIS_HASH, lineHash } from "~/lib/audit-chain.server";
import { db, firstRow, onPostgres, transaction } from "~/lib/db.server";

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

/**
 * Appends one line to the audit trail, hash-chained to the line before it. The table refuses
 * UPDATE and DELETE; `npm run audit:verify` proves nothing was changed outside the portal either.
 */
export async function audit(line: AuditLine): Promise<void> {
  const content = {
    at: new Date().toISOString(),
    actorId: line.actorId,
    personId: line.personId ?? null,
    action: line.action,
    target: line.target ?? null,
    result: line.result,
    detail: line.detail ? JSON.stringify(line.detail) : null,
  };
  if (!onPostgres()) {
    // The embedded engine: read the last line and write the next in one immediate transaction, at once.
    appendChained(db().$client, content);
    return;
  }
  // PostgreSQL: the same, inside a transaction holding the write lock that every server takes, so two
  // servers never read the same last line and fork the chain.
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

/** One page of everything done to or about one person's record, newest first. */
export async function auditPage(personId: string, asked: string | null) {
  const total =
    (await firstRow(db().select({ n: count() }).from(auditLog).where(eq(auditLog.personId, personId))))?.n ?? 0;
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

/**
 * Every line about one person, newest first, a batch at a time (for the data export, which streams
 * them): each batch starts below the last line of the one before, so no batch rereads earlier lines.
 */
export async function* auditLinesOf(personId: string, batch = 1000) {
  let below = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const lines = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.personId, personId), lt(auditLog.seq, below)))
      .orderBy(desc(auditLog.seq))
      .limit(batch);
    yield* lines;
    if (lines.length < batch) return;
    below = lines.at(-1)!.seq;
  }
}

/**
 * A request refused before any route ran: a cross-site or token-less form (CSRF, origin), a body too
 * large or unreadable. Nobody is known to be asking, so the line names the reason and the address.
 */
export async function auditRefusal(reason: string, detail: Record<string, unknown> = {}): Promise<void> {
  await audit({ actorId: null, action: "request-refused", result: "refused", detail: { reason, ...detail } });
}
