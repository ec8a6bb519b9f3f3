/**
 * Moves audit lines past their retention period (content/retention.json) to archive files in
 * $DATA_DIR/audit-archive/, as the running portal also does every hour. Safe while the portal runs.
 *
 *   npm run audit:archive
 *
 * Then `npm run audit:verify` checks the archive files and the database as one chain.
 */
import { archiveOldAuditLines, auditArchiveDir } from "../app/models/audit-archive.server";

const moved = await archiveOldAuditLines();
console.log(
  moved.lines === 0
    ? "No audit lines are past their retention period."
    : `Moved ${moved.lines} audit lines to ${moved.files.length} archive file(s) in ${auditArchiveDir()}.`,
);
