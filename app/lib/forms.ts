import { z } from "zod";

/**
 * Shared by the server (parseForm) and the browser (react-hook-form's zodResolver), so one schema
 * per form decides what is valid in both places. Error messages are i18n keys, translated on display.
 */

/** What a person typed, sent back with the errors so nothing is lost. */
export type FormValues = Record<string, string | string[]>;
export type FormErrors = Record<string, string>;

/** What an action returns when it refuses a form. */
export interface FormRefusal {
  ok: false;
  errors: FormErrors;
  values: FormValues;
}

const empty = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A required line or paragraph of text, trimmed. */
export function requiredText(max = 2000, message = "common:errors.required") {
  return z.string({ error: message }).trim().min(1, message).max(max, "common:errors.tooLong");
}

/** Optional text: an empty box counts as no answer. */
export function optionalText(max = 2000) {
  return z.preprocess(empty, z.string().trim().max(max, "common:errors.tooLong").optional());
}

/** One of a fixed set of choices (radios, a select). */
export function choice<const T extends readonly [string, ...string[]]>(values: T, message = "common:errors.chooseOne") {
  return z.enum(values, { error: message });
}

/** A whole number typed into a box. */
export function wholeNumber(min: number, max: number, message = "common:errors.number") {
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v === "" ? undefined : v),
    z.number({ error: message }).int(message).min(min, message).max(max, message),
  );
}

/** Checkboxes: none ticked sends nothing, one ticked sends a string, several send a list. */
export function ticked<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (v === undefined || v === false ? [] : Array.isArray(v) ? v : [v]), z.array(item));
}

/** A single checkbox. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** The first message for each field, keyed by the field's name ("_form" for the whole form). */
export function errorsFromIssues(issues: readonly z.core.$ZodIssue[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const key = issue.code === "unrecognized_keys" || issue.path.length === 0 ? "_form" : issue.path.join(".");
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
