// The loaders' translation function (app/lib/translator.ts) fills in plain places itself: on every text of
// every language, with and without values, and with values i18next might treat specially, it must give
// exactly what i18next's own fixed function gives, with the instance the portal's pages use (app/lib/i18n.server.ts).
import { describe, expect, it } from "vitest";
import { content } from "~/content/content.server";
import { DEFAULT_LANGUAGE, LANGUAGES } from "~/domain/localized";
import { translationInstance } from "~/lib/i18n.server";
import { fastTranslator } from "~/lib/translator";

const { locales, namespaces } = content();

/** Every text's key as a loader names it ("ns:a.b", and "a.b" for the default namespace). */
function keysOf(tree: unknown, prefix: string): string[] {
  if (typeof tree === "string") return [prefix];
  if (typeof tree !== "object" || tree === null) return [];
  return Object.entries(tree).flatMap(([k, v]) => keysOf(v, prefix.endsWith(":") ? `${prefix}${k}` : `${prefix}.${k}`));
}

/** How many plural texts were asked for by their base key, across the files' comparisons. */
let pluralsCompared = 0;

const AWKWARD = [
  "Asha <b>&amp;</b>",
  42,
  'O\'Neil "quoted"',
  "$& $1 $$ $'",
  "{{name}}",
  "$t(common:form.back)",
  0,
  "",
  // Written the language's way in a `{{name, number}}` place: a decimal point or comma, a thousands mark.
  12345.5,
  -0.25,
  "19.1",
];

/** Each place of a text filled with awkward values in turn, then a plural count and a name it does not have. */
function compareAll(
  fast: (key: string, options?: object) => unknown,
  fixed: (key: string, options?: object) => unknown,
  textOf: (key: string) => string,
  keys: string[],
): number {
  let filled = 0;
  // A plural text is asked for by its base key and a count ("queue.waited", { count }).
  const plural = /_(zero|one|two|few|many|other)$/;
  const bases = [...new Set(keys.filter((key) => plural.test(key)).map((key) => key.replace(plural, "")))];
  pluralsCompared += bases.length;
  for (const key of bases)
    for (const count of [0, 1, 2, 3, 5, 12, 22, 101, 1.5, -1, Number.NaN])
      for (const options of [{ count }, { count, name: "Asha", date: "3 December" }, { count, defaultValue: "x" }])
        expect(fast(key, options), `${key} ${JSON.stringify(options)}`).toEqual(fixed(key, options));
  for (const [n, key] of keys.entries()) {
    const names = [...textOf(key).matchAll(/\{\{\s*-?\s*([^},]+?)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!);
    expect(fast(key), key).toEqual(fixed(key));
    for (let shift = 0; shift < AWKWARD.length; shift++) {
      const options = Object.fromEntries(names.map((name, i) => [name, AWKWARD[(n + i + shift) % AWKWARD.length]]));
      expect(fast(key, options), `${key} ${JSON.stringify(options)}`).toEqual(fixed(key, options));
      // With a value the text has no place for (a notification's stored values name more than each text uses).
      const more = { ...options, notAPlace: AWKWARD[(n + shift) % AWKWARD.length] };
      expect(fast(key, more), `${key} ${JSON.stringify(more)}`).toEqual(fixed(key, more));
      // With a default for a text that is missing (the audit trail's actions): the text is there, so unused.
      const withDefault = { ...options, defaultValue: AWKWARD[(n + shift) % AWKWARD.length] };
      expect(fast(key, withDefault), `${key} ${JSON.stringify(withDefault)}`).toEqual(fixed(key, withDefault));
      filled += names.length > 0 ? 1 : 0;
    }
    // Plural forms: every count each language tells apart (Polish: one, few, many, other), and odd ones.
    for (const count of [0, 1, 2, 3, 5, 12, 22, 101, 1.5, -1, Number.NaN]) {
      expect(fast(key, { count }), `${key} ${count}`).toEqual(fixed(key, { count }));
      const withPlaces = Object.fromEntries(names.map((name) => [name, name === "count" ? count : "Asha"]));
      expect(fast(key, { ...withPlaces, count }), `${key} ${count}`).toEqual(fixed(key, { ...withPlaces, count }));
    }
    expect(fast(key, { count: "2" })).toEqual(fixed(key, { count: "2" }));
    expect(fast(key, { notAPlace: "x" })).toEqual(fixed(key, { notAPlace: "x" }));
    expect(fast(key, { defaultValue_other: "x" })).toEqual(fixed(key, { defaultValue_other: "x" }));
    if (names.length > 0) expect(fast(key, {}), key).toEqual(fixed(key, {}));
  }
  return filled;
}

/** Counts the calls that reach i18next's own fixed functions made from `i18n` from now on. */
function countingI18next(i18n: ReturnType<typeof translationInstance>) {
  let asked = 0;
  const getFixedT = i18n.getFixedT.bind(i18n);
  i18n.getFixedT = ((...args: Parameters<typeof getFixedT>) => {
    const fixed = getFixedT(...args);
    return ((...a: Parameters<typeof fixed>) => {
      asked += 1;
      return fixed(...a);
    }) as typeof fixed;
  }) as typeof i18n.getFixedT;
  return { getFixedT, asked: () => asked };
}

describe("the loaders' translation function", () => {
  for (const lng of LANGUAGES) {
    it(`${lng}: gives what i18next gives for every text, with any values`, () => {
      const i18n = translationInstance(lng);
      const fixed = i18n.getFixedT(lng) as unknown as (key: string, options?: object) => unknown;
      const fast = fastTranslator(i18n, lng) as unknown as (key: string, options?: object) => unknown;
      const keys = namespaces.flatMap((ns) => [
        ...keysOf(locales[DEFAULT_LANGUAGE]?.[ns], `${ns}:`),
        ...(ns === "common" ? keysOf(locales[DEFAULT_LANGUAGE]?.[ns], "").map((k) => k.slice(1)) : []),
      ]);
      expect(keys.length).toBeGreaterThan(1000);
      const filled = compareAll(fast, fixed, (key) => String(i18n.t(key, { lng, skipInterpolation: true })), keys);
      expect(filled).toBeGreaterThan(500);
      expect(pluralsCompared).toBeGreaterThan(10);
      expect(fast("common:no.such.key", { name: "x" })).toEqual(fixed("common:no.such.key", { name: "x" }));
      expect(fast("common:no.such.key", { defaultValue: "sign-in" })).toBe("sign-in");
      expect(fast("common:no.such.{{key}}", { defaultValue: "{{key}} here", key: "x" })).toEqual(
        fixed("common:no.such.{{key}}", { defaultValue: "{{key}} here", key: "x" }),
      );
    });

    it(`${lng}: gives what i18next gives for every text, with any values, in each namespace as a component asks`, () => {
      const i18n = translationInstance(lng);
      let filled = 0;
      for (const ns of namespaces) {
        const fixed = i18n.getFixedT(lng, ns) as unknown as (key: string, options?: object) => unknown;
        const fast = fastTranslator(i18n, lng, ns) as unknown as (key: string, options?: object) => unknown;
        const keys = keysOf(locales[DEFAULT_LANGUAGE]?.[ns], "").map((k) => k.slice(1));
        filled += compareAll(fast, fixed, (key) => String(i18n.t(key, { lng, ns, skipInterpolation: true })), keys);
        // Another namespace's text named in full from this one.
        expect(fast("common:form.back")).toEqual(fixed("common:form.back"));
      }
      expect(filled).toBeGreaterThan(500);
    });
  }

  for (const lng of LANGUAGES)
    it(`${lng}: writes a \`{{name, number}}\` place the language's way without asking i18next, and leaves a value that changes the format to i18next`, () => {
      const i18n = translationInstance(lng);
      const { getFixedT, asked } = countingI18next(i18n);
      const fast = fastTranslator(i18n, lng) as unknown as (key: string, options?: object) => unknown;
      const fixed = getFixedT(lng) as unknown as (key: string, options?: object) => unknown;
      // A line of the budget's explanation: fractional points.
      const line = { nhsPoints: 20.9, count: 20.9, price: "£300", nhs: "£6,270" };
      expect(fast("allocation:line.nhsPart", line)).toEqual(fixed("allocation:line.nhsPart", line));
      expect(asked()).toBe(0);
      // i18next passes the values to the number format as its options: one named like an option is i18next's.
      const shaped = { ...line, minimumFractionDigits: 2 };
      expect(fast("allocation:line.nhsPart", shaped)).toEqual(fixed("allocation:line.nhsPart", shaped));
      expect(asked()).toBe(1);
    });

  it("works out a text with a count but no plural forms, and a missing text's plain default, without asking i18next", () => {
    const i18n = translationInstance("en");
    const { getFixedT, asked } = countingI18next(i18n);
    const fast = fastTranslator(i18n, "en") as unknown as (key: string, options?: object) => unknown;
    // The queue's list names: "{{list}} ({{count}})", one text for every count.
    const text = fast("signoff:queue.listCount", { list: "Reviews", count: 175 });
    expect(text).toBe("Reviews (175)");
    expect(text).toEqual(getFixedT("en")("signoff:queue.listCount", { list: "Reviews", count: 175 }));
    expect(asked()).toBe(0);
    // A paragraph the start page asks for only if it is there: not there, so the default.
    expect(fast("start:howMuch.p2", { defaultValue: "" })).toBe("");
    expect(fast("start:howMuch.p1", { defaultValue: "" })).toEqual(getFixedT("en")("start:howMuch.p1"));
    expect(asked()).toBe(0);
  });
});
