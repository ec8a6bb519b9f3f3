import type { z } from "zod";
import { errorsFromIssues } from "./forms";
import type { FormErrors, FormRefusal, FormValues } from "./form-messages";
import { CSRF_FIELD } from "./security.server";

/*
 * Field names: a plain name, or a nested one the way react-hook-form writes it (`contacts.1.name`;
 * `contacts[1].name` is read the same). Every segment is checked, so no name can reach an object's
 * prototype, and depth, list positions and the number of fields are bounded.
 */
const SEGMENT = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const INDEX = /^(0|[1-9][0-9]?)$/; // list positions 0–99
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty"]);
const MAX_DEPTH = 4;
const MAX_FIELDS = 1000;

type Segment = string | number;

/** The path a field name stands for, or undefined when the name is not one a form of ours writes. */
function namePath(name: string): Segment[] | undefined {
  const parts = name.replace(/\[(\d+)\]/g, ".$1").split(".");
  if (parts.length > MAX_DEPTH) return undefined;
  const path: Segment[] = [];
  for (const [i, part] of parts.entries()) {
    if (FORBIDDEN.has(part)) return undefined;
    if (i > 0 && INDEX.test(part)) path.push(Number(part));
    else if (SEGMENT.test(part)) path.push(part);
    else return undefined;
  }
  return path;
}

type Nested = { [key: string]: Nested | Nested[] | string | string[] | undefined } | Nested[];

/** Puts one value at its path, making objects (null-prototype) and lists on the way. False on a clash. */
function place(root: Record<string, unknown>, path: Segment[], value: string | string[]): boolean {
  let node: Record<string, unknown> | unknown[] = root;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    const next = path[i + 1];
    const current = (node as Record<string | number, unknown>)[segment as never];
    if (last) {
      if (current !== undefined) return false;
      (node as Record<string | number, unknown>)[segment as never] = value;
      return true;
    }
    if (current === undefined) {
      const child = typeof next === "number" ? [] : Object.create(null);
      (node as Record<string | number, unknown>)[segment as never] = child;
      node = child;
    } else if (
      typeof current === "object" &&
      current !== null &&
      Array.isArray(current) === (typeof next === "number")
    ) {
      node = current as Record<string, unknown> | unknown[];
    } else {
      return false; // `a` and `a.b` both sent, or a list used as an object
    }
  }
  return false;
}

/** Lists keep their positions (so errors point at the right row); a gap becomes an empty entry. */
function fillGaps(node: unknown): unknown {
  if (Array.isArray(node)) return Array.from(node, (v) => (v === undefined ? Object.create(null) : fillGaps(v)));
  if (typeof node === "object" && node !== null) {
    for (const key of Object.keys(node))
      (node as Record<string, unknown>)[key] = fillGaps((node as Record<string, unknown>)[key]);
  }
  return node;
}

/**
 * NUL is never text: no keyboard types it, HTML's own parser replaces it, and PostgreSQL's text type
 * refuses it (a form carrying one was a 500 there). It is dropped from every value, before any schema
 * reads it; nothing a person typed is lost.
 */
const withoutNul = (value: string) => (value.includes("\u0000") ? value.replaceAll("\u0000", "") : value);

/** FormData to a null-prototype object of strings; repeated names become lists. Files are refused. */
export function formValues(formData: FormData): { values: FormValues; refused: string[] } {
  const values: FormValues = Object.create(null);
  const refused: string[] = [];
  let count = 0;
  for (const [name, value] of formData) {
    if (name === CSRF_FIELD) continue;
    if (++count > MAX_FIELDS || typeof value !== "string" || namePath(name) === undefined) {
      refused.push(name.slice(0, 64));
      continue;
    }
    const text = withoutNul(value);
    const existing = values[name];
    if (existing === undefined) values[name] = text;
    else values[name] = Array.isArray(existing) ? [...existing, text] : [existing, text];
  }
  return { values, refused };
}

/** The object a schema reads: nested names become nested objects and lists. Undefined on a clash. */
export function nestedValues(values: FormValues): Nested | undefined {
  const root: Record<string, unknown> = Object.create(null);
  for (const [name, value] of Object.entries(values)) {
    const path = namePath(name);
    if (!path || !place(root, path, value)) return undefined;
  }
  return fillGaps(root) as Nested;
}

export type ParsedForm<S extends z.ZodType> = { ok: true; data: z.infer<S>; values: FormValues } | FormRefusal;

/**
 * Reads a form with its one strict schema. Unknown fields (such as `role`, `personId`, `status`) are
 * refused, never applied; on refusal the person's typing comes back with the messages.
 */
export async function parseForm<S extends z.ZodType>(request: Request, schema: S): Promise<ParsedForm<S>> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return { ok: false, errors: { _form: "common:errors.unknownField" }, values: {} };
  }
  return parseFormValues(formData, schema);
}

export function parseFormValues<S extends z.ZodType>(formData: FormData, schema: S): ParsedForm<S> {
  const { values, refused } = formValues(formData);
  const plain: FormValues = { ...values };
  const nested = refused.length === 0 ? nestedValues(values) : undefined;
  if (!nested) return { ok: false, errors: { _form: "common:errors.unknownField" }, values: plain };
  const result = schema.safeParse(nested);
  if (!result.success) return { ok: false, errors: errorsFromIssues(result.error.issues), values: plain };
  return { ok: true, data: result.data, values: plain };
}

/** Field errors for checks only the server can make (a date after today), with what was typed. */
export function fieldErrors(values: FormValues, errors: FormErrors): FormRefusal {
  return { ok: false, errors, values };
}

/** A file sent with a form, read whole (uploads are bounded by the route that accepts them). */
export type Upload = { name: string; bytes: Uint8Array; stream: () => ReadableStream<Uint8Array> };

export type ParsedUpload<S extends z.ZodType> =
  { ok: true; data: z.infer<S>; values: FormValues; file: Upload | null } | (FormRefusal & { tooLarge?: boolean });

/**
 * A multipart form with one file field. A designed exception to the small-form body limit: each
 * route that takes a file names its own bound, checked on the declared length before reading and
 * on the file itself after. The other fields are judged by the form's schema as usual.
 */
export async function parseUpload<S extends z.ZodType>(
  request: Request,
  schema: S,
  fileField: string,
  maxBytes: number,
): Promise<ParsedUpload<S>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  // The multipart wrapping adds a little: the CSRF field, boundaries, headers.
  if (declared > maxBytes + 16_384)
    return { ok: false, errors: { [fileField]: "common:errors.fileTooLarge" }, values: {}, tooLarge: true };
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return { ok: false, errors: { _form: "common:errors.unknownField" }, values: {} };
  }
  const raw = formData.get(fileField);
  formData.delete(fileField);
  const parsed = parseFormValues(formData, schema);
  if (!parsed.ok) return parsed;
  if (raw === null || typeof raw === "string" || raw.size === 0) return { ...parsed, file: null };
  if (raw.size > maxBytes)
    return { ok: false, errors: { [fileField]: "common:errors.fileTooLarge" }, values: parsed.values, tooLarge: true };
  const bytes = new Uint8Array(await raw.arrayBuffer());
  return { ...parsed, file: { name: raw.name, bytes, stream: () => new Blob([bytes]).stream() } };
}
