import { z } from "zod";
import { isCalendarDate } from "~/domain/dates";

/**
 * Shared by the server (parseForm) and the browser (react-hook-form's zodResolver), so one schema
 * per form decides what is valid in both places. Error messages are i18n keys, translated on display.
 */

/**
 * What a person typed, by field name, sent back with the errors so nothing is lost. Names may be
 * nested the way react-hook-form writes them: `contacts.1.name`, `agreements.0.decision`
 * (`contacts[1].name` is read the same way); the schema sees the nested object.
 */
export type FormValues = Record<string, string | string[]>;
export type FormErrors = Record<string, string>;

/** What an action returns when it refuses a form. */
export interface FormRefusal {
  ok: false;
  errors: FormErrors;
  values: FormValues;
}

/** An empty or blank box counts as no answer. The one place a form turns "" into undefined. */
export const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A required line or paragraph of text, trimmed. */
export function requiredText(max = 2000, message = "common:errors.required") {
  return z.string({ error: message }).trim().min(1, message).max(max, "common:errors.tooLong");
}

/** Optional text: an empty box counts as no answer. */
export function optionalText(max = 2000) {
  return z.preprocess(blankToUndefined, z.string().trim().max(max, "common:errors.tooLong").optional());
}

/** One of a fixed set of choices (radios, a select). */
export function choice<const T extends readonly [string, ...string[]]>(values: T, message = "common:errors.chooseOne") {
  return z.enum(values, { error: message });
}

/** A calendar date (`YYYY-MM-DD`) that really exists; blank is no answer. */
export function optionalCalendarDate(message: string) {
  return z.preprocess(
    blankToUndefined,
    z
      .string({ error: message })
      .refine((v) => isCalendarDate(v), message)
      .optional(),
  );
}

/** A calendar date (`YYYY-MM-DD`) that really exists, required. */
export function calendarDate(message: string) {
  return z.string({ error: message }).refine((v) => isCalendarDate(v), message);
}

/** A whole number typed into a box. */
export function wholeNumber(min: number, max: number, message = "common:errors.number") {
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : blankToUndefined(v)),
    z.number({ error: message }).int(message).min(min, message).max(max, message),
  );
}

/** Checkboxes: none ticked sends nothing, one ticked sends a string, several send a list. */
export function ticked<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (v === undefined || v === false ? [] : Array.isArray(v) ? v : [v]), z.array(item));
}

/** A single checkbox. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** The field name for a path in the parsed object, as the form writes it: `contacts.1.name`. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** The first message for each field, keyed by the field's name ("_form" for the whole form). */
export function errorsFromIssues(issues: readonly z.core.$ZodIssue[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const key = issue.code === "unrecognized_keys" || issue.path.length === 0 ? "_form" : fieldName(issue.path);
    const message = issue.code === "unrecognized_keys" ? "common:errors.unknownField" : issue.message;
    errors[key] ??= message;
  }
  return errors;
}

/** An error message key with values to put in it, e.g. a wait in minutes. */
export function errorWith(key: string, params: Record<string, string | number>): string {
  return `${key}::${JSON.stringify(params)}`;
}

/** Splits what errorWith made back into the key and its values. */
export function errorParts(message: string): { key: string; params: Record<string, string | number> } {
  const at = message.indexOf("::");
  if (at === -1) return { key: message, params: {} };
  try {
    return { key: message.slice(0, at), params: JSON.parse(message.slice(at + 2)) };
  } catch {
    return { key: message.slice(0, at), params: {} };
  }
}
