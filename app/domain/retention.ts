import { z } from "zod";

/**
 * How long the audit trail stays in the database (content/retention.json; the reason is in the README,
 * "The audit trail's retention"). Lines older than that are moved, whole and still hash-chained, to
 * archive files that `npm run audit:verify` checks with the database. The who-has-looked page and the
 * data export read the database, so the period is also how far back a person sees without asking.
 */
export const retentionRulesSchema = z
  .object({
    translationStatus: z.string().optional(),
    auditTrail: z
      .object({
        /** Whole months a line stays in the database before it is moved to an archive file. */
        keepInDatabaseMonths: z.number().int().min(1).max(240),
        /** Lines moved to one archive file at most (bounded work per step, files of a readable size). */
        linesPerArchiveFile: z.number().int().min(100).max(1_000_000),
      })
      .strict(),
  })
  .strict();

/**
 * The moment before which audit lines are moved out of the database: `months` whole calendar months
 * before `now` (the same day of the month, or the month's last day when it has no such day).
 */
export function auditArchiveCutoff(now: Date, months: number): Date {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(now.getUTCDate(), lastDay),
      now.getUTCHours(),
      now.getUTCMinutes(),
      now.getUTCSeconds(),
      now.getUTCMilliseconds(),
    ),
  );
}

/** An archive file's name: the first and last line it holds, zero-padded so name order is trail order. */
export function auditArchiveFileName(firstSeq: number, lastSeq: number): string {
  return `audit-${String(firstSeq).padStart(12, "0")}-${String(lastSeq).padStart(12, "0")}.jsonl`;
}
