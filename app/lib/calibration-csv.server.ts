import { parse, type CsvError } from "csv-parse";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  calibrateRow,
  calibrationColumns,
  CalibrationFileError,
  type CalibrationColumns,
  type CalibrationError,
  type CalibrationRow,
} from "~/domain/calibration";
import type { FitCase } from "~/domain/calibration-fit";
import type { RuleSet } from "~/domain/rule-set";
import { NEED_AREA_KEYS, type NeedAreaKey } from "~/domain/choices";

/**
 * Reads a calibration CSV as a stream: bytes → strict UTF-8 → csv-parse → checked rows → allocation.
 * Memory stays bounded whatever the file's length: each case is worked out and handed on before
 * the next is read. Used by the CLI (scripts/allocate.ts) and by anything that trials a rule set
 * against a commissioner's file; the rules for the header and each row are app/domain/calibration.ts.
 *
 * Throws CalibrationFileError when nothing can be read (no header, a bad header, not UTF-8); a bad
 * row comes out as an error with its line number (1 = the header) and the other rows still come out.
 */
export type CalibrationEvent =
  { kind: "row"; row: CalibrationRow; fit: FitCase } | ({ kind: "error" } & CalibrationError);

/** The longest row accepted (a broken quote would otherwise swallow the rest of the file into one field). */
const MAX_ROW_CHARACTERS = 64 * 1024;

export async function* calibrateCsv(
  input: AsyncIterable<Uint8Array | string>,
  ruleSet: RuleSet,
  needAreaKeys: readonly NeedAreaKey[] = NEED_AREA_KEYS,
): AsyncGenerator<CalibrationEvent> {
  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    info: true,
    max_record_size: MAX_ROW_CHARACTERS,
  });
  const skipped: CalibrationEvent[] = [];
  parser.on("skip", (error: CsvError & { lines?: number }) => {
    skipped.push({ kind: "error", line: error.lines ?? 0, message: unreadableRow(error.code) });
  });
  const feeding = pipeline(Readable.from(strictUtf8(input)), parser);
  // The pipeline's own failure (not UTF-8, unreadable file) surfaces through the parser below.
  feeding.catch(() => undefined);
  let columns: CalibrationColumns | null = null;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    while (skipped.length) yield skipped.shift()!;
    if (columns === null) {
      columns = calibrationColumns(record, needAreaKeys);
      continue;
    }
    const result = calibrateRow(record, columns, ruleSet, needAreaKeys);
    yield result.ok
      ? { kind: "row", row: result.row, fit: result.fit }
      : { kind: "error", line: info.lines, message: result.message };
  }
  await feeding;
  while (skipped.length) yield skipped.shift()!;
  if (columns === null) throw new CalibrationFileError(["the file is empty: the first line must be the header"]);
}

function unreadableRow(code: string): string {
  switch (code) {
    case "CSV_QUOTE_NOT_CLOSED":
    case "CSV_INVALID_CLOSING_QUOTE":
    case "INVALID_OPENING_QUOTE":
      return "cannot be read: its quotation marks do not pair up";
    case "CSV_MAX_RECORD_SIZE":
      return `cannot be read: it is longer than ${MAX_ROW_CHARACTERS} characters`;
    default:
      return "cannot be read as a row of comma-separated values";
  }
}

/**
 * Decodes UTF-8 and refuses anything else, naming the line, instead of turning "José" saved in
 * Latin-1 into "Jos�" without a word.
 */
async function* strictUtf8(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  for await (const chunk of input) {
    if (typeof chunk === "string") {
      yield chunk;
      continue;
    }
    try {
      yield decoder.decode(chunk, { stream: true });
    } catch {
      const at = firstInvalidUtf8(chunk);
      for (let i = chunk.indexOf(10); i !== -1 && i < at; i = chunk.indexOf(10, i + 1)) line++;
      const byte = chunk[at] ?? chunk[0] ?? 0;
      throw new CalibrationFileError([
        `line ${line} is not UTF-8 text (byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")}); ` +
          "the file may have been saved as Latin-1 or Windows-1252: save it as 'CSV UTF-8' and try again",
      ]);
    }
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) line++;
  }
  try {
    decoder.decode();
  } catch {
    throw new CalibrationFileError([`line ${line} is not UTF-8 text: the file ends in the middle of a character`]);
  }
}

/** Index of the first byte that does not start a valid UTF-8 sequence (a sequence cut off at the end counts as valid). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return bytes.length;
      if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return 0;
}
