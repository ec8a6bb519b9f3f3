import { desc, eq } from "drizzle-orm";
import { auditLog } from "../../db/schema";
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

/** Appends one line to the audit trail. The table refuses UPDATE and DELETE. */
export function audit(line: AuditLine): void {
  db()
    .insert(auditLog)
    .values({
      at: new Date().toISOString(),
      actorId: line.actorId,
      personId: line.personId ?? null,
      action: line.action,
      target: line.target ?? null,
      result: line.result,
      detail: line.detail ? JSON.stringify(line.detail) : null,
    })
    .run();
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
