import { z } from "zod";
import { isCalendarDate } from "~/domain/dates";
import { dateParts, GENERIC_ERROR, type FormErrors } from "./form-messages";

/**
 * Shared by the server (parseForm) and the browser (react-hook-form's zodResolver), so one schema
 * per form decides what is valid in both places. Error messages are i18n keys, translated on display.
 */

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
