/**
 * What forms send back and how their messages are written: shared by the server, the page and the
 * browser-side checks. No zod here, so a page that only shows a form's messages loads no schema code.
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
 * (an i18n key, translated on display); zod is told so in forms.ts, which every schema imports.
 */
export const GENERIC_ERROR = "common:errors.invalid";

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
