import { parse } from "csv-parse/sync";
import { RECEIPT_MAX_BYTES, RECEIPT_MEDIA_TYPES, STATEMENT_MAX_BYTES } from "~/domain/ledger";
import type { RawRow } from "~/domain/statement";

/**
 * Files sent with a form: a receipt (a photo or a PDF, its type read from its bytes) and a statement
 * (CSV text). The file is taken out of the form here; the rest of the form goes through the usual
 * helper and schema. The receipt route is the one place a body may exceed the usual form limit
 * (RECEIPT_UPLOAD_BODY_LIMIT, in app/domain/ledger.ts); a statement must fit in STATEMENT_MAX_BYTES.
 */

export type UploadRefusal =
  | "money:errors.fileMissing"
  | "money:errors.receiptTooBig"
  | "money:errors.receiptType"
  | "money:errors.statementTooBig"
  | "money:errors.statementNotText";

/** Refuses a body that says it is bigger than the limit before reading any of it. */
export function declaredTooBig(request: Request, limit: number): boolean {
  const length = Number(request.headers.get("content-length") ?? "0");
  return Number.isFinite(length) && length > limit;
}

/** The form without its file field (so the usual helper reads the rest), and the file. */
export function takeFile(formData: FormData, field: string): { rest: FormData; file: File | null } {
  const rest = new FormData();
  let file: File | null = null;
  for (const [name, value] of formData) {
    if (name === field && typeof value !== "string") file = value.size > 0 ? value : null;
    else rest.append(name, value);
  }
  return { rest, file };
}

export async function readReceiptFile(
  file: File | null,
): Promise<{ ok: true; bytes: Uint8Array; mediaType: string } | { ok: false; error: UploadRefusal }> {
  if (!file) return { ok: false, error: "money:errors.fileMissing" };
  if (file.size > RECEIPT_MAX_BYTES) return { ok: false, error: "money:errors.receiptTooBig" };
  const bytes = new Uint8Array(await file.arrayBuffer());
  // Loaded with the first upload, not at start-up.
  const { fileTypeFromBuffer } = await import("file-type");
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !(RECEIPT_MEDIA_TYPES as readonly string[]).includes(type.mime))
    return { ok: false, error: "money:errors.receiptType" };
  return { ok: true, bytes, mediaType: type.mime };
}

export async function readStatementFile(
  file: File | null,
): Promise<{ ok: true; text: string } | { ok: false; error: UploadRefusal }> {
  if (!file) return { ok: false, error: "money:errors.fileMissing" };
  if (file.size > STATEMENT_MAX_BYTES) return { ok: false, error: "money:errors.statementTooBig" };
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    if (text.includes("\u0000")) return { ok: false, error: "money:errors.statementNotText" };
    return { ok: true, text };
  } catch {
    return { ok: false, error: "money:errors.statementNotText" };
  }
}

/** The CSV's header and rows, each with the line of the file it starts on; or the line where it cannot be read. */
export function readCsv(text: string): { ok: true; headers: string[]; rows: RawRow[] } | { ok: false; line: number } {
  try {
    const records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    const [header, ...body] = records;
    if (!header) return { ok: false, line: 1 };
    const headers = header.record.map((h) => h.trim());
    if (headers.some((h) => h === "") || new Set(headers).size !== headers.length)
      return { ok: false, line: header.info.lines };
    return {
      ok: true,
      headers,
      rows: body.map(({ record, info }) => ({
        // csv-parse counts the line a record ends on; a quoted cell may span lines.
        line: info.lines - record.reduce((n, cell) => n + cell.split("\n").length - 1, 0),
        cells: Object.fromEntries(headers.map((h, i) => [h, record[i] ?? ""])),
      })),
    };
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { ok: false, line: typeof line === "number" && line > 0 ? line : 1 };
  }
}
