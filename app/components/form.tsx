import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type FormEvent,
  type ReactNode,
  type RefObject,
} from "react";
import { useTranslation } from "~/lib/use-translation";
import { Form, useNavigation } from "react-router";
import type { z } from "zod";
import { CsrfInput } from "./csrf";
import type { CheckedState, FormChecks } from "./form-checks";
import { dateParts, errorParts, GENERIC_ERROR, type FormErrors, type FormValues } from "~/lib/form-messages";

/** Translates an error key (with any values errorWith put in it). */
export function useErrorText() {
  const { t, i18n } = useTranslation();
  return (message: string) => {
    const { key, params } = errorParts(message);
    // A message that is not one of ours never reaches the page as it is.
    return i18n.exists(key) ? t(key, { max: 2000, ...params }) : t(GENERIC_ERROR);
  };
}

interface FieldState {
  /** What the server sent back (typed values and error keys), or the saved answers. */
  values: FormValues;
  errors: FormErrors;
  /** What the browser's checks found (once they have loaded and run). */
  checked: FormErrors;
  form: RefObject<HTMLFormElement | null> | null;
}
const FieldStateContext = createContext<FieldState>({ values: {}, errors: {}, checked: {}, form: null });

/** The message for a field: the browser's check first, then the server's. Translated from its key. */
function useFieldError(name: string): string | undefined {
  const errorText = useErrorText();
  const { errors, checked } = useContext(FieldStateContext);
  const key = checked[name] ?? errors[name];
  return key ? errorText(key) : undefined;
}

function useField(name: string) {
  const { values } = useContext(FieldStateContext);
  const error = useFieldError(name);
  return { value: values[name], error, id: `f-${name}`, errorId: `f-${name}-error` };
}

const noChange = () => () => {};

/**
 * What a field holds now (a radio's chosen value, a box's text), following the page as the person
 * changes it, for a part of a form that depends on an answer. The saved or sent-back value until
 * the page has scripts, so the page reads the same with JavaScript off.
 */
export function useFieldValue(name: string): string | undefined {
  const { values, form } = useContext(FieldStateContext);
  const saved = typeof values[name] === "string" ? values[name] : undefined;
  const subscribe = (changed: () => void) => {
    const element = form?.current;
    if (!element) return noChange();
    element.addEventListener("input", changed);
    element.addEventListener("change", changed);
    return () => {
      element.removeEventListener("input", changed);
      element.removeEventListener("change", changed);
    };
  };
  const current = () => {
    const field = form?.current?.elements.namedItem(name);
    if (!field) return saved;
    const value = (field as HTMLInputElement | RadioNodeList).value;
    return value === "" ? undefined : value;
  };
  return useSyncExternalStore(subscribe, current, () => saved);
}

export { CsrfInput };

/** The form's schema, fetched when the browser first needs it: `() => import("~/forms/plan").then((m) => m.…)`. */
export type SchemaSource<S> = () => Promise<S>;

interface ValidatedFormProps<S extends z.ZodType<FieldValues, FieldValues>> {
  schema: SchemaSource<S>;
  /** What the server sent back (typed values and error keys), or the saved answers. */
  values?: FormValues;
  errors?: FormErrors;
  /** Labels for the error summary, by field name, in the order fields appear. */
  labels: Record<string, string>;
  action?: string;
  children: ReactNode;
  className?: string;
  id?: string;
  /** Fields the person does not see (which form this is, which item): rendered hidden, checked like the rest. */
  hidden?: Record<string, string>;
  /** "multipart/form-data" for the few forms that carry a file (a receipt, a statement). */
  encType?: "multipart/form-data";
}
type FieldValues = Record<string, unknown>;

/**
 * A real <Form method="post"> that works without JavaScript. With JavaScript, react-hook-form checks
 * it first with the same zod schema the action uses; the server always checks again. Those checks
 * (react-hook-form, zod and the schema) load when the person first moves into the form, so a page
 * loads only the script it needs to be read (docs/decisions/2026-12-03-form-checks-load-on-first-use.md).
 */
export function ValidatedForm<S extends z.ZodType<FieldValues, FieldValues>>({
  schema,
  values = {},
  errors = {},
  labels,
  action,
  children,
  className,
  id,
  hidden = {},
  encType,
}: ValidatedFormProps<S>) {
  const form = useRef<HTMLFormElement>(null);
  const [checked, setChecked] = useState<CheckedState>({ errors: {}, submitCount: 0 });
  const loading = useRef<Promise<FormChecks | null> | null>(null);
  const stop = useRef<(() => void) | null>(null);
  useEffect(() => () => stop.current?.(), []);
  const loadChecks = () => {
    loading.current ??= Promise.all([import("./form-checks"), schema()])
      .then(([{ startChecks }, loaded]) => {
        const started = startChecks(loaded, form.current!);
        const unsubscribe = started.subscribe(setChecked);
        stop.current = () => {
          unsubscribe();
          started.stop();
        };
        return started;
      })
      // Checks that cannot load (the connection dropped) leave the form as it is without JavaScript.
      .catch(() => null);
    return loading.current;
  };
  // Checked here first; once it passes, the browser submits the form itself (a full page load, the
  // same as without JavaScript), so every page arrives with exactly its own translations.
  const passed = useRef(false);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (passed.current) {
      passed.current = false;
      return;
    }
    const element = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    event.preventDefault();
    const send = () => {
      passed.current = true;
      // After this submit event has finished: a form ignores requestSubmit while it is still firing one.
      setTimeout(() => element.requestSubmit(submitter instanceof HTMLElement ? submitter : undefined), 0);
    };
    void loadChecks().then((ready) => (ready ? ready.check(send) : send()));
  };
  const shown: FormErrors = { ...errors, ...checked.errors };
  return (
    <FieldStateContext.Provider value={{ values, errors, checked: checked.errors, form }}>
      <ErrorSummary errors={shown} labels={labels} submitCount={checked.submitCount} />
      <Form
        method="post"
        action={action}
        noValidate
        onSubmit={onSubmit}
        onFocus={() => void loadChecks()}
        onInput={() => void loadChecks()}
        className={className}
        id={id}
        encType={encType}
        reloadDocument
        ref={form}
      >
        <CsrfInput />
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {children}
      </Form>
    </FieldStateContext.Provider>
  );
}

/** GOV.UK error summary: at the top, focused, each message a link to its field. */
export function ErrorSummary({
  errors,
  labels,
  submitCount = 0,
}: {
  errors: FormErrors;
  labels: Record<string, string>;
  submitCount?: number;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  const count = entries.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count, submitCount]);
  if (count === 0) return null;
  const ordered = [...entries].sort(([a], [b]) => order(labels, a) - order(labels, b));
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t("common:form.errorSummaryTitle")}</h2>
      <ul className="list">
        {ordered.map(([name, key]) => (
          <li key={name}>
            {name === "_form" ? (
              errorText(key)
            ) : (
              <a href={`#f-${name}`}>{labels[name] ? `${labels[name]}: ${errorText(key)}` : errorText(key)}</a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function order(labels: Record<string, string>, name: string): number {
  const i = Object.keys(labels).indexOf(name);
  return i === -1 ? (name === "_form" ? -1 : 999) : i;
}

function FieldWrapper({ error, children }: { error?: string; children: ReactNode }) {
  return <div className={error ? "field field--error" : "field"}>{children}</div>;
}

function ErrorMessage({ id, error }: { id: string; error?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <span className="error-message" id={id}>
      <span className="visually-hidden">{t("common:errors.titlePrefix")} </span>
      {error}
    </span>
  );
}

interface TextFieldProps {
  name: string;
  label: string;
  hint?: string;
  type?: "text" | "email" | "password" | "number" | "date";
  autoComplete?: string;
  short?: boolean;
  multiline?: boolean;
  inputMode?: "numeric" | "text" | "email";
}

export function TextField({
  name,
  label,
  hint,
  type = "text",
  autoComplete,
  short,
  multiline,
  inputMode,
}: TextFieldProps) {
  const { value, error, id, errorId } = useField(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, error ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  const defaultValue = typeof value === "string" && type !== "password" ? value : undefined;
  const common = {
    id,
    name,
    defaultValue,
    "aria-describedby": describedBy,
    "aria-invalid": error ? true : undefined,
    autoComplete,
    // Each value keeps its own direction (an English phone number in an Urdu page reads in order).
    dir: "auto" as const,
  };
  return (
    <FieldWrapper error={error}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      )}
      <ErrorMessage id={errorId} error={error} />
      {multiline ? (
        <textarea {...common} rows={5} />
      ) : (
        <input
          {...common}
          type={type}
          className={short ? "input--short" : undefined}
          inputMode={inputMode}
          spellCheck={type === "text" ? undefined : false}
        />
      )}
    </FieldWrapper>
  );
}

/**
 * GOV.UK date input: day, month and year in three boxes (no browser date picker, which shows dates
 * in the browser's own order). The schema joins them (withDateInputs); its message sits here.
 */
export function DateField({ name, legend, hint }: { name: string; legend: string; hint?: string }) {
  const { t } = useTranslation();
  const { values } = useContext(FieldStateContext);
  const error = useFieldError(name);
  const id = `f-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const saved = values[name];
  const iso = typeof saved === "string" && /^\d{4}-\d{2}-\d{2}$/.test(saved) ? saved.split("-") : null;
  const boxes = dateParts(name).map((field, i) => {
    const typed = values[field];
    const fromSaved = iso ? String(Number(iso[2 - i])) : undefined;
    return {
      field,
      value: typeof typed === "string" ? typed : fromSaved,
      label: t(`date.${["day", "month", "year"][i]!}`),
    };
  });
  return (
    <FieldWrapper error={error}>
      <fieldset
        role="group"
        aria-describedby={[hintId, error ? errorId : undefined].filter(Boolean).join(" ") || undefined}
      >
        <legend>{legend}</legend>
        {hint && (
          <span className="hint" id={hintId}>
            {hint}
          </span>
        )}
        <ErrorMessage id={errorId} error={error} />
        <div className="date-input" dir="ltr">
          {boxes.map((box, i) => (
            <div className="date-input__item" key={box.field}>
              <label htmlFor={i === 0 ? id : `${id}-${i}`}>{box.label}</label>
              <input
                name={box.field}
                id={i === 0 ? id : `${id}-${i}`}
                type="text"
                inputMode="numeric"
                defaultValue={box.value}
                className={i === 2 ? "input--w4" : "input--w2"}
                aria-invalid={error ? true : undefined}
                autoComplete="off"
              />
            </div>
          ))}
        </div>
      </fieldset>
    </FieldWrapper>
  );
}

interface ChoiceFieldProps {
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string; hint?: string }[];
  multiple?: boolean;
}

/** Radios (one answer) or checkboxes (several), in a fieldset with a legend. */
export function ChoiceField({ name, legend, hint, options, multiple }: ChoiceFieldProps) {
  const { value, error, id, errorId } = useField(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const chosen = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return (
    <FieldWrapper error={error}>
      <fieldset aria-describedby={[hintId, error ? errorId : undefined].filter(Boolean).join(" ") || undefined}>
        <legend>{legend}</legend>
        {hint && (
          <span className="hint" id={hintId}>
            {hint}
          </span>
        )}
        <ErrorMessage id={errorId} error={error} />
        <ul className={multiple ? "checkboxes" : "radios"}>
          {options.map((option, i) => {
            const optionId = i === 0 ? id : `${id}-${i}`;
            return (
              <li key={option.value}>
                <input
                  name={name}
                  type={multiple ? "checkbox" : "radio"}
                  id={optionId}
                  value={option.value}
                  defaultChecked={chosen.includes(option.value)}
                  aria-describedby={option.hint ? `${optionId}-hint` : undefined}
                />
                <div>
                  <label htmlFor={optionId}>{option.label}</label>
                  {option.hint && (
                    <span className="hint" id={`${optionId}-hint`}>
                      {option.hint}
                    </span>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      </fieldset>
    </FieldWrapper>
  );
}

export function SubmitButton({
  children,
  name,
  value,
  className,
}: {
  children: ReactNode;
  name?: string;
  value?: string;
  className?: string;
}) {
  const navigation = useNavigation();
  return (
    <button
      type="submit"
      name={name}
      value={value}
      className={className}
      aria-disabled={navigation.state === "submitting" ? true : undefined}
    >
      {children}
    </button>
  );
}
