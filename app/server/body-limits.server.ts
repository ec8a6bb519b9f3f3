import { CASES_FILE_MAX_BYTES } from "~/domain/calibration-trial";
import { RECEIPT_UPLOAD_BODY_LIMIT, STATEMENT_MAX_BYTES } from "~/domain/ledger";
import { RULE_SET_FILE_MAX_BYTES } from "~/domain/rule-set-lifecycle";

/** Room for the form's other fields and the multipart framing around a file. */
const FRAMING = 64 * 1024;

/**
 * The designed uploads and the largest body each may send; every other request fits in the server's
 * form limit (scripts/serve.mjs asks this list before it reads a byte). Each route checks its file's
 * own size again after reading.
 */
export const UPLOAD_BODY_LIMITS: readonly (readonly [RegExp, number])[] = [
  [/^\/people\/[^/]+\/spending\/receipts$/, RECEIPT_UPLOAD_BODY_LIMIT],
  [/^\/people\/[^/]+\/spending\/import$/, STATEMENT_MAX_BYTES + FRAMING],
  // A rule-set file over its limit is refused by the page itself, with its words, up to 1 MB.
  [/^\/scheme$/, Math.max(RULE_SET_FILE_MAX_BYTES + FRAMING, 1024 * 1024)],
  [/^\/scheme\/rule-sets\/[^/]+\/try$/, CASES_FILE_MAX_BYTES + FRAMING],
];
