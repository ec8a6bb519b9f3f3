import type { i18n as I18n, TFunction } from "i18next";
import { useContext } from "react";
import { I18nContext, getI18n } from "react-i18next";
import { fastTranslator } from "./translator";

export interface Translation {
  t: TFunction;
  i18n: I18n;
  ready: boolean;
}

/**
 * A translation function for one instance, language and namespace, as react-i18next's would be
 * (`i18n.getFixedT(language, ns)`), without copying the instance's options on every call: a plain key
 * (or keys) with no options or with an options object goes straight to `i18n.t` with the language and
 * namespace filled in, exactly as the fixed function fills them; anything else (a string default, a key
 * prefix, a selector function) goes through the fixed function itself.
 */
function translationFor(i18n: I18n, language: string, ns: string): Translation {
  // On the server the translations never change: each key's text is looked up once and plain places are
  // filled in directly, exactly as i18next fills them (app/lib/translator.ts).
  if (typeof document === "undefined") return { t: fastTranslator(i18n, language, ns), i18n, ready: true };
  const fixed = i18n.getFixedT(language, ns);
  const plain = { lng: language, ns };
  const t = ((key: unknown, options?: unknown, ...rest: unknown[]) => {
    if (rest.length === 0 && (typeof key === "string" || Array.isArray(key))) {
      if (options === undefined) return i18n.t(key as string, plain);
      if (typeof options === "object" && options !== null && !("keyPrefix" in options)) {
        const o = options as { lng?: string; ns?: string | readonly string[] };
        return i18n.t(key as string, { ...o, lng: o.lng || language, ns: o.ns || ns });
      }
    }
    return (fixed as unknown as (...args: unknown[]) => unknown)(key, options, ...rest);
  }) as unknown as TFunction;
  return { t, i18n, ready: true };
}

const made = new WeakMap<I18n, Map<string, Translation>>();

/**
 * `useTranslation` for this portal: the same `{ t, i18n }` as react-i18next's hook, made once per
 * instance, language and namespace and then reused. react-i18next's hook builds a new fixed function
 * and copies the whole instance (a wrapper object) for every component that calls it, on every server
 * render; a page has hundreds of such components (every form field, every row). Here nothing changes
 * an instance's language while a page is rendered (the server keeps one instance per language, and the
 * browser gets a new document when the language changes), so there is nothing to subscribe to.
 * As with react-i18next's default, the first namespace named is the one keys are looked up in;
 * others are reached as "ns:key".
 */
export function useTranslation(ns?: string | readonly string[]): Translation {
  const context = useContext(I18nContext);
  const i18n = context?.i18n ?? getI18n();
  const named =
    ns ?? (context as { defaultNS?: string | readonly string[] } | undefined)?.defaultNS ?? i18n.options.defaultNS;
  const first =
    (typeof named === "string" ? named : Array.isArray(named) ? (named[0] as string) : undefined) ?? "translation";
  const language = i18n.language;
  let byKey = made.get(i18n);
  if (!byKey) made.set(i18n, (byKey = new Map()));
  const key = `${language}\n${first}`;
  let translation = byKey.get(key);
  if (!translation) byKey.set(key, (translation = translationFor(i18n, language, first)));
  return translation;
}
