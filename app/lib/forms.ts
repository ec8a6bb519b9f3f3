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

/**
 * No zod wording ever reaches a page: any check without its own message says "Check this answer"
 * (an i18n key, translated on display). Set here because every schema and the browser import this file.
 */
export const GENERIC_ERROR = "common:errors.invalid";
z.config({ customError: () => GENERIC_ERROR });

/**
 * An empty or blank box, or a radio nobody chose (react-hook-form sends null for that), counts as no
 * answer. The one place a form turns "" into undefined.
 */
export const blankToUndefined = (v: unknown) =>
  v === null || (typeof v === "string" && v.trim() === "") ? undefined : v;

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

/** A message key ("ns:key" or "key", with any values from errorWith): never a sentence, so never zod's wording. */
const MESSAGE_KEY = /^[a-zA-Z][\w.-]*(:[\w.-]+)?(::\{.*\})?$/;

/** The first message for each field, keyed by the field's name ("_form" for the whole form). */
export function errorsFromIssues(issues: readonly z.core.$ZodIssue[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const key = issue.code === "unrecognized_keys" || issue.path.length === 0 ? "_form" : fieldName(issue.path);
    // Only our own message keys pass; anything else reads "Check this answer".
    const message =
      issue.code === "unrecognized_keys"
        ? "common:errors.unknownField"
        : MESSAGE_KEY.test(issue.message)
          ? issue.message
          : GENERIC_ERROR;
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

/** The three boxes of a GOV.UK date input, named `${name}-day`, `${name}-month`, `${name}-year`. */
export const dateParts = (name: string) => [`${name}-day`, `${name}-month`, `${name}-year`] as const;

/** Day, month and year as "YYYY-MM-DD" if they make a real date; "" if all are blank; otherwise "not-a-date". */
export function isoFromParts(day: unknown, month: unknown, year: unknown): string {
  const [d, m, y] = [day, month, year].map((v) => (typeof v === "string" ? v.trim() : "")) as [string, string, string];
  if (d === "" && m === "" && y === "") return "";
  // Padded and joined, then judged by the one calendar-date parser (app/domain/dates.ts).
  const iso =
    /^\d{1,2}$/.test(d) && /^\d{1,2}$/.test(m) && /^\d{4}$/.test(y)
      ? `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`
      : "";
  return isCalendarDate(iso) ? iso : "not-a-date";
}

/**
 * A form whose dates are typed as three boxes (GOV.UK date input): the boxes are joined into one
 * "YYYY-MM-DD" field before the schema reads it, so the schema checks one date and its message
 * sits by the date. Used by the action and in the browser alike.
 */
export function withDateInputs<S extends z.ZodType>(names: readonly string[], schema: S) {
  return z.preprocess((raw) => {
    if (!raw || typeof raw !== "object") return raw;
    const values: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
    for (const name of names) {
      const [day, month, year] = dateParts(name);
      if (!(day in values) && !(month in values) && !(year in values)) continue;
      values[name] = isoFromParts(values[day], values[month], values[year]);
      delete values[day];
      delete values[month];
      delete values[year];
    }
    return values;
  }, schema) as unknown as S;
}
