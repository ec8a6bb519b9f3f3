import type { z } from "zod";
import { errorsFromIssues, type FormErrors, type FormRefusal, type FormValues } from "./forms";
import { CSRF_FIELD } from "./security.server";

// Plain names only: no brackets, dots or prototype tricks can reach an object's shape.
const SAFE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

/** FormData to a null-prototype object of strings; repeated names become lists. Files are refused. */
export function formValues(formData: FormData): { values: FormValues; refused: string[] } {
  const values: FormValues = Object.create(null);
  const refused: string[] = [];
  for (const [name, value] of formData) {
    if (name === CSRF_FIELD) continue;
    if (!SAFE_NAME.test(name) || FORBIDDEN.has(name) || typeof value !== "string") {
      refused.push(name);
      continue;
    }
    const existing = values[name];
    if (existing === undefined) values[name] = value;
    else values[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return { values, refused };
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
  if (refused.length > 0) return { ok: false, errors: { _form: "common:errors.unknownField" }, values: plain };
  const result = schema.safeParse(plain);
  if (!result.success) return { ok: false, errors: errorsFromIssues(result.error.issues), values: plain };
  return { ok: true, data: result.data, values: plain };
}

/** An extra message for one field, for checks only the server can make (an email already in use). */
export function refuse(values: FormValues, errors: FormErrors): FormRefusal {
  return { ok: false, errors, values };
}
