import { desc, eq } from "drizzle-orm";
import { auditLog } from "../../db/schema";
import { appendChained } from "~/lib/audit-chain.server";
import { db } from "~/lib/db.server";

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
export function audit(line: AuditLine): void {
  appendChained(db().$client, {
    at: new Date().toISOString(),
    actorId: line.actorId,
    personId: line.personId ?? null,
    action: line.action,
    target: line.target ?? null,
    result: line.result,
    detail: line.detail ? JSON.stringify(line.detail) : null,
  });
}

/** Everything done to or about one person's record, newest first. */
export function auditForPerson(personId: string, limit = 500) {
  return db()
    .select()
    .from(auditLog)
    .where(eq(auditLog.personId, personId))
    .orderBy(desc(auditLog.seq))
    .limit(limit)
    .all();
}

/**
 * A request refused before any route ran: a cross-site or token-less form (CSRF, origin), a body too
 * large or unreadable. Nobody is known to be asking, so the line names the reason and the address.
 */
export function auditRefusal(reason: string, detail: Record<string, unknown> = {}): void {
  audit({ actorId: null, action: "request-refused", result: "refused", detail: { reason, ...detail } });
}
