import { zodResolver } from "@hookform/resolvers/zod";
import { createFormControl, set, type FieldErrors, type FieldValues, type Resolver } from "react-hook-form";
import type { z } from "zod";
import type { FormErrors } from "~/lib/form-messages";

/**
 * The browser's checks of one form: react-hook-form with the form's zod schema, the one the action
 * uses. Loaded when a person first moves into a form (app/components/form.tsx), not with the page:
 * react-hook-form and zod are most of a form page's script, and a page is read far more often than
 * a form is sent (docs/decisions/2026-12-03-form-checks-load-on-first-use.md).
 *
 * The fields stay the page's own boxes: each check reads what the form holds at that moment, as the
 * browser would send it, so nothing typed before the checks arrived (or in a part of the form drawn
 * later) is missed or written over.
 */
export interface FormChecks {
  /** Checks the whole form; `onValid` runs when the schema accepts it. */
  check(onValid: () => void): Promise<void>;
  /** The messages and the number of checks so far, each time they change. */
  subscribe(listener: (state: CheckedState) => void): () => void;
  stop(): void;
}

export interface CheckedState {
  /** One message key per field name (`contacts.1.name`), as the server sends them. */
  errors: FormErrors;
  submitCount: number;
}

export function startChecks(schema: z.ZodType<FieldValues, FieldValues>, form: HTMLFormElement): FormChecks {
  const methods = createFormControl<FieldValues>({
    resolver: zodResolver(schema as never) as Resolver<FieldValues>,
    shouldFocusError: false,
  });
  const readPage = () =>
    methods.reset(valuesOnPage(form), {
      keepErrors: true,
      keepSubmitCount: true,
      keepIsSubmitted: true,
      keepDefaultValues: true,
    });
  let checkedOnce = false;
  // After the first check, each change checks again, so a message goes as soon as the answer is right.
  const recheck = () => {
    if (!checkedOnce) return;
    readPage();
    void methods.trigger();
  };
  form.addEventListener("input", recheck);
  form.addEventListener("change", recheck);
  return {
    check: (onValid) => {
      checkedOnce = true;
      readPage();
      return methods.handleSubmit(onValid)();
    },
    subscribe: (listener) =>
      methods.subscribe({
        formState: { errors: true, submitCount: true },
        callback: (state) => listener({ errors: flatErrors(state.errors ?? {}), submitCount: state.submitCount ?? 0 }),
      }),
    stop: () => {
      form.removeEventListener("input", recheck);
      form.removeEventListener("change", recheck);
    },
  };
}

/**
 * What the form holds now, nested by name (`contacts.1.name`) and shaped as react-hook-form gives a
 * registered field: a radio nobody chose is null; a group of checkboxes is the list of ticked values;
 * a lone checkbox is its value (true without one) or false. The person does not type the security
 * token, and files are checked by the server.
 */
function valuesOnPage(form: HTMLFormElement): FieldValues {
  const values: FieldValues = {};
  const byName = new Map<string, HTMLInputElement[]>();
  for (const element of Array.from(form.elements)) {
    const field = element as HTMLInputElement;
    if (!field.name || field.name === "csrf" || field.disabled) continue;
    if (field.type === "file" || field.type === "submit" || field.type === "button" || field.type === "reset") continue;
    byName.set(field.name, [...(byName.get(field.name) ?? []), field]);
  }
  for (const [name, fields] of byName) {
    const first = fields[0]!;
    if (first.type === "radio") set(values, name, fields.find((f) => f.checked)?.value ?? null);
    else if (first.type === "checkbox" && fields.length > 1)
      set(
        values,
        name,
        fields.filter((f) => f.checked).map((f) => f.value),
      );
    else if (first.type === "checkbox")
      set(values, name, first.checked ? (first.getAttribute("value") ? first.value : true) : false);
    else if (first instanceof HTMLSelectElement && first.multiple)
      set(
        values,
        name,
        Array.from(first.selectedOptions, (o) => o.value),
      );
    else set(values, name, fields.length > 1 ? fields.map((f) => f.value) : first.value);
  }
  return values;
}

/** react-hook-form's nested errors as one message per field name (`contacts.1.name`), as the server sends them. */
function flatErrors(errors: FieldErrors, prefix = ""): FormErrors {
  const out: FormErrors = {};
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== "object") continue;
    const name = prefix ? `${prefix}.${key}` : key;
    if ("message" in value && typeof value.message === "string") out[name] = value.message;
    else if ("type" in value && !("message" in value && value.message)) out[name] = "common:errors.invalid";
    else Object.assign(out, flatErrors(value as FieldErrors, name));
  }
  return out;
}
