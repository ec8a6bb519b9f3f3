import { createInstance, type i18n, type TFunction } from "i18next";
import { createContext, createCookie, type MiddlewareFunction, type RouterContextProvider } from "react-router";
import { LanguageDetector } from "remix-i18next/server";
import { content } from "~/content/content.server";
import { DEFAULT_LANGUAGE, LANGUAGES, isLanguage, type Language } from "~/domain/localized";
import { isProduction } from "./config.server";
import { fastTranslator } from "./translator";

/** Remembers the language a person chose. Not a secret, so it need not be signed. */
export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: isProduction(),
  maxAge: 60 * 60 * 24 * 365,
});

const { locales, namespaces } = content();

const detector = new LanguageDetector({
  supportedLanguages: [...LANGUAGES],
  fallbackLanguage: DEFAULT_LANGUAGE,
  cookie: languageCookie,
  order: ["cookie", "header"],
});

/** An i18next instance for one language, set up as the portal's pages use it. */
export function translationInstance(lng: string): i18n {
  const instance = createInstance({
    resources: locales,
    supportedLngs: [...LANGUAGES],
    fallbackLng: DEFAULT_LANGUAGE,
    ns: namespaces,
    defaultNS: "common",
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
    lng,
  });
  void instance.init();
  return instance;
}

/**
 * One i18next instance per language, made once at start-up: the translations are all in memory and
 * nothing changes an instance's language, so a request only picks its language's instance.
 */
const instances = new Map<string, i18n>(LANGUAGES.map((lng) => [lng, translationInstance(lng)]));

/** Each language's translation function for loaders and views, made once (app/lib/translator.ts). */
const translators = new Map<string, TFunction>(
  [...instances].map(([lng, instance]) => [lng, fastTranslator(instance, lng)]),
);

const localeContext = createContext<string>(DEFAULT_LANGUAGE);

/** Picks the request's language (the cookie, then Accept-Language) and its translation instance. */
export const i18nextMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  context.set(localeContext, await detector.detect(request));
  return next();
};

export function getLocale(context: Readonly<RouterContextProvider>): string {
  return context.get(localeContext);
}

export function getI18n(context: Readonly<RouterContextProvider>): i18n {
  return instances.get(getLocale(context)) ?? instances.get(DEFAULT_LANGUAGE)!;
}

/** The request's language's translation function, for loaders and views: i18next's own answers, for less. */
export function translatorOf(context: Readonly<RouterContextProvider>): TFunction {
  return translators.get(getLocale(context)) ?? translators.get(DEFAULT_LANGUAGE)!;
}

export function languageOf(context: Parameters<typeof getLocale>[0]): Language {
  const lng = getLocale(context);
  return isLanguage(lng) ? lng : DEFAULT_LANGUAGE;
}
