import type { i18n as I18n, TFunction } from "i18next";

/**
 * Names i18next reads in a call's options as instructions (plurals, context, defaults, namespaces and so
 * on), not as values for the text: a call that uses any goes through i18next itself.
 */
const I18NEXT_OPTIONS = new Set([
  "count",
  "context",
  "ordinal",
  "defaultValue",
  "returnObjects",
  "returnDetails",
  "joinArrays",
  "replace",
  "lng",
  "lngs",
  "fallbackLng",
  "ns",
  "keyPrefix",
  "postProcess",
  "interpolation",
  "skipInterpolation",
  "nsSeparator",
  "keySeparator",
  "nest",
]);

/**
 * The options of Intl.NumberFormat (and i18next's own for a format): i18next passes a call's values to the
 * `number` format as its options, so a value with one of these names changes how a number is written.
 */
const NUMBER_FORMAT_OPTIONS = new Set([
  "locale",
  "lng",
  "formatParams",
  "localeMatcher",
  "numberingSystem",
  "style",
  "currency",
  "currencyDisplay",
  "currencySign",
  "unit",
  "unitDisplay",
  "minimumIntegerDigits",
  "minimumFractionDigits",
  "maximumFractionDigits",
  "minimumSignificantDigits",
  "maximumSignificantDigits",
  "roundingPriority",
  "roundingIncrement",
  "roundingMode",
  "trailingZeroDisplay",
  "notation",
  "compactDisplay",
  "useGrouping",
  "signDisplay",
]);

/**
 * A text cut at its plain places: `{{name}}`, or `{{name, number}}` (a number written the language's
 * way, as the budget's explanation writes fractional points). Null when i18next would do more with it
 * than fill them in.
 */
interface Template {
  parts: string[];
  names: string[];
  /** For each place, whether it is a `number` format. */
  numbers: boolean[];
}

function templateOf(raw: unknown): Template | null {
  // Nesting ($t(…)) is i18next's to do.
  if (typeof raw !== "string" || raw.includes("$t(")) return null;
  const parts: string[] = [];
  const names: string[] = [];
  const numbers: boolean[] = [];
  let last = 0;
  for (const place of raw.matchAll(/\{\{ *([A-Za-z_][A-Za-z0-9_]*) *(, *number *)?\}\}/g)) {
    parts.push(raw.slice(last, place.index));
    names.push(place[1]!);
    numbers.push(place[2] !== undefined);
    last = place.index + place[0].length;
  }
  parts.push(raw.slice(last));
  // Anything else i18next might read as a place (a format, a deep or unescaped name) goes through i18next.
  return parts.some((part) => part.includes("{{")) ? null : { parts, names, numbers };
}

/** Keys remembered a language, in case a key were ever built from data. */
const REMEMBERED_KEYS = 10_000;

/**
 * A translation function in one language (and namespace), as `i18n.getFixedT(language, ns)` gives, for
 * less: each key's text is looked up once, and a call whose options only fill plain `{{name}}` places
 * with strings or numbers is filled in directly, exactly as i18next fills it (escaping off, as the portal
 * sets it), and a count picks the language's plural form as i18next does. Anything else (context,
 * nesting, formats, a key that is not there, a value i18next would treat specially) goes to i18next
 * itself. A unit test compares the two on every text of every language with awkward values.
 */
export function fastTranslator(i18n: I18n, language: string, ns?: string): TFunction {
  const fixed = i18n.getFixedT(language, ns) as unknown as (...args: unknown[]) => string;
  const lookup = ns === undefined ? { lng: language } : { lng: language, ns };
  // Each text's template: null for a text too unusual to fill here, "missing" for no text at all.
  const templates = new Map<string, Template | null | "missing">();
  const templateOrMissing = (key: string): Template | null | "missing" => {
    let template = templates.get(key);
    if (template === undefined) {
      template = i18n.exists(key, lookup) ? templateOf(i18n.t(key, { ...lookup, skipInterpolation: true })) : "missing";
      if (templates.size < REMEMBERED_KEYS) templates.set(key, template);
    }
    return template;
  };
  const templateFor = (key: string): Template | null => {
    const template = templateOrMissing(key);
    return template === "missing" ? null : template;
  };
  // The language's plural forms, as i18next picks them: "key_one", "key_few", "key_other"… for a count.
  const plurals = new Intl.PluralRules(language);
  // i18next's `number` format with no options: Intl.NumberFormat in the language (made again at each call there).
  const numberFormat = new Intl.NumberFormat(language);
  const t = (key: unknown, options?: unknown, ...rest: unknown[]): unknown => {
    if (typeof key !== "string" || rest.length > 0) return fixed(key, options, ...rest);
    if (options !== undefined && (typeof options !== "object" || options === null)) return fixed(key, options);
    const values = options as Record<string, unknown> | undefined;
    // A count picks the language's form of the text, when the language has it; anything less usual (a count
    // of 0, which i18next may give "_zero", a count that is not a number) is i18next's.
    const count = values?.count;
    let textKey = key;
    if (count !== undefined) {
      if (typeof count !== "number" || count === 0 || !Number.isFinite(count)) return fixed(key, options);
      textKey = `${key}_${plurals.select(count)}`;
    }
    // A text with no plural forms is used for any count, as i18next falls back to the key itself.
    const template = templateFor(textKey) ?? (textKey === key ? null : templateFor(key));
    if (template === null) {
      // No such text, and a default of plain words (a page asking whether an optional paragraph is there):
      // i18next gives the default.
      const fallback = values?.defaultValue;
      if (count === undefined && typeof fallback === "string" && !/\{\{|\$t\(/.test(fallback))
        if (templateOrMissing(key) === "missing") return fallback;
      return fixed(key, options);
    }
    if (values === undefined) return template.names.length === 0 ? template.parts[0] : fixed(key);
    // A value the text has no place for is left out, as i18next leaves it (a notification's stored values
    // name more than each language's text uses); one i18next reads as an instruction is i18next's. A
    // default is not: the text is there, so i18next would not use it either (the audit trail's actions).
    const formatsNumbers = template.numbers.includes(true);
    for (const name in values) {
      if (name !== "count" && !name.startsWith("defaultValue") && I18NEXT_OPTIONS.has(name)) return fixed(key, options);
      if (formatsNumbers && NUMBER_FORMAT_OPTIONS.has(name)) return fixed(key, options);
    }
    let text = template.parts[0]!;
    for (const [i, name] of template.names.entries()) {
      const value = Object.hasOwn(values, name) ? values[name] : undefined;
      if (template.numbers[i]) {
        // Only a number is written here; anything else (a string i18next would parse) is i18next's.
        if (typeof value !== "number") return fixed(key, options);
        text += numberFormat.format(value);
      } else if (typeof value === "number") text += String(value);
      // A value holding a place or a nesting of its own is i18next's to handle.
      else if (typeof value === "string" && !value.includes("{{") && !value.includes("$t(")) text += value;
      else return fixed(key, options);
      text += template.parts[i + 1]!;
    }
    return text;
  };
  return t as unknown as TFunction;
}
